-- Legal-person base data (法人基础信息库) as far as claiming a company needs it: the unified social credit code
-- (GB 32100), the registered name and the legal representative (法定代表人) by name and the keyed hash of their
-- resident ID number. Seeded with clearly labelled demo companies until the data-exchange module serves it.
create table identity_enterprise_register
(
    credit_code              varchar(18) primary key,
    name                     varchar(200) not null,
    legal_rep_name           varchar(100) not null,
    legal_rep_id_number_hash varchar(64)  not null,
    sample                   boolean      not null default true
);

-- Legal-person accounts (法人账户): a company claimed by its legal representative after checking the register.
create table identity_company
(
    id                   uuid primary key,
    credit_code          varchar(18)              not null unique,
    name                 varchar(200)             not null,
    legal_rep_account_id uuid                     not null references identity_account (id),
    claimed_at           timestamp with time zone not null default now(),
    version              bigint                   not null default 0
);
create index identity_company_legal_rep on identity_company (legal_rep_account_id);

-- Authorized agents (经办人): a real-name person the legal representative lets act for the company, for every
-- matter (empty scope) or the named ones, until the expiry date (inclusive, China Standard Time); revocable.
create table identity_agent_authorization
(
    id               uuid primary key,
    company_id       uuid                     not null references identity_company (id),
    agent_account_id uuid                     not null references identity_account (id),
    scope            varchar(2000)            not null default '',
    expires          date                     not null,
    granted_by       uuid                     not null references identity_account (id),
    granted_at       timestamp with time zone not null default now(),
    revoked_by       uuid references identity_account (id),
    revoked_at       timestamp with time zone
);
-- One standing authorization per agent and company: a new grant replaces the old one (revoking it first).
create unique index identity_agent_authorization_standing on identity_agent_authorization (company_id, agent_account_id)
    where revoked_at is null;
create index identity_agent_authorization_agent on identity_agent_authorization (agent_account_id);

-- Staff created by an administrator get a one-time password they must replace at their first sign-in.
alter table identity_account add column password_change_required boolean not null default false;

-- Sensitive identity actions (who did what to whom, when, from where) go to the platform audit trail
-- (platform_audit_event).

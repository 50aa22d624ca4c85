-- Real-name assurance levels (DOMAIN §8): SMS one-time codes, phone verification, in-person checks (L3) and
-- digital-certificate step-up (L4), each step audited.

-- When the account's phone was last proven to be in the holder's hands by a one-time code (needed for L2).
alter table identity_account add column phone_verified_at timestamp with time zone;

-- One-time codes sent by SMS. Only a keyed hash of the code is kept; a code is used at most once, expires soon and
-- allows a few wrong guesses. Rows also count the sends per phone and per address (rate limits on every node).
create table identity_sms_code
(
    id         bigserial primary key,
    purpose    varchar(20)              not null check (purpose in ('SIGN_IN', 'VERIFY_PHONE')),
    phone_hash varchar(64)              not null,
    code_hash  varchar(64)              not null,
    ip         varchar(64)              not null,
    sent       boolean                  not null,
    created_at timestamp with time zone not null default now(),
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    failures   int                      not null default 0
);
create index identity_sms_code_phone on identity_sms_code (phone_hash, purpose, created_at desc);
create index identity_sms_code_ip on identity_sms_code (ip, created_at desc);

-- The development SMS inbox (tongban.identity.sms.gateway=dev-inbox only): messages that a real gateway would
-- have delivered. The phone is encrypted like everywhere else.
create table identity_sms_message
(
    id           bigserial primary key,
    phone_cipher varchar(200)             not null,
    phone_hash   varchar(64)              not null,
    phone_masked varchar(20)              not null,
    text         varchar(500)             not null,
    sent_at      timestamp with time zone not null default now()
);
create index identity_sms_message_phone on identity_sms_message (phone_hash, sent_at desc);

-- Challenges for the L4 certificate step-up: random, single use, short-lived, bound to one account.
create table identity_certificate_challenge
(
    id         uuid primary key,
    account_id uuid                     not null references identity_account (id) on delete cascade,
    challenge  varchar(100)             not null,
    created_at timestamp with time zone not null default now(),
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index identity_certificate_challenge_account on identity_certificate_challenge (account_id, created_at desc);

-- Who raised whose assurance level, how and when (等保 level 3: identity actions are audited).
create table identity_assurance_audit
(
    id          bigserial primary key,
    account_id  uuid                     not null references identity_account (id) on delete cascade,
    from_level  int                      not null,
    to_level    int                      not null,
    method      varchar(20)              not null check (method in ('PHONE', 'POPULATION', 'IN_PERSON', 'CERTIFICATE')),
    actor_id    uuid,
    details     varchar(1000)            not null,
    at          timestamp with time zone not null default now()
);
create index identity_assurance_audit_account on identity_assurance_audit (account_id, at desc);

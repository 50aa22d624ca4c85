-- Population base data (人口基础信息库) as far as real-name verification needs it: only keyed hashes of the
-- identifiers and the registered name. Seeded with demo people until the data-exchange module serves it.
create table identity_population
(
    id_number_hash            varchar(64) primary key,
    name                      varchar(100) not null,
    phone_hash                varchar(64),
    social_security_card_hash varchar(64),
    sample                    boolean      not null default true
);

-- Verification attempts, so that guessing is bounded.
create table identity_verification_attempt
(
    id         bigserial primary key,
    account_id uuid                     not null references identity_account (id) on delete cascade,
    succeeded  boolean                  not null,
    at         timestamp with time zone not null default now()
);
create index identity_verification_attempt_account on identity_verification_attempt (account_id, at desc);

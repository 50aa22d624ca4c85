-- Unified identity (统一身份认证): accounts of natural persons and staff. ID numbers and phone numbers are stored
-- encrypted (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for look-up; never in clear.
create table identity_account
(
    id               uuid primary key,
    kind             varchar(10)              not null check (kind in ('PERSON', 'STAFF')),
    name             varchar(100)             not null,
    id_type          varchar(30)              not null,
    id_number_cipher varchar(200)             not null,
    id_number_hash   varchar(64)              not null unique,
    id_number_masked varchar(40)              not null,
    phone_cipher     varchar(200)             not null,
    phone_hash       varchar(64)              not null unique,
    phone_masked     varchar(20)              not null,
    email            varchar(200),
    password_hash    varchar(200)             not null,
    assurance_level  int                      not null check (assurance_level between 1 and 4),
    status           varchar(10)              not null default 'ACTIVE',
    created_at       timestamp with time zone not null default now(),
    version          bigint                   not null default 0
);

-- Staff work for one body in one division, with roles, and see data of their body or of their division and below.
create table identity_staff_assignment
(
    account_id    uuid primary key references identity_account (id) on delete cascade,
    body_id       uuid         not null,
    division_code varchar(12)  not null,
    roles         varchar(200) not null,
    data_scope    varchar(20)  not null check (data_scope in ('BODY', 'DIVISION'))
);

-- Every sign-in attempt, by the keyed hash of what was typed (so failures count even for unknown identifiers and
-- no message reveals whether an account exists), and the account when known.
create table identity_sign_in
(
    id              bigserial primary key,
    identifier_hash varchar(64)              not null,
    account_id      uuid,
    ip              varchar(64)              not null,
    succeeded       boolean                  not null,
    reason          varchar(40),
    at              timestamp with time zone not null default now()
);
create index identity_sign_in_identifier on identity_sign_in (identifier_hash, at desc);
create index identity_sign_in_ip on identity_sign_in (ip, at desc);
create index identity_sign_in_account on identity_sign_in (account_id, at desc);

-- Spring Session JDBC: sessions survive restarts and are shared by every node.
create table spring_session
(
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null unique,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100)
);
create index spring_session_expiry on spring_session (expiry_time);
create index spring_session_principal on spring_session (principal_name);

create table spring_session_attributes
(
    session_primary_id char(36)     not null references spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);

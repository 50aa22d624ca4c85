-- Electronic certificates (电子证照, GB/T 36901–36906; DOMAIN §7).

-- Catalogue of certificate types. code = the responsible ministry's credit code + 3 digits (GB/T 36903).
create table certificates_type (
    code               varchar(21) primary key,
    name               varchar(100) not null,
    name_en            varchar(200) not null,
    ministry_name      varchar(100) not null,
    ministry_code      char(18)     not null,
    issuer_category    varchar(40)  not null, -- organization BodyCategory that issues it
    holder_kind        varchar(10)  not null check (holder_kind in ('PERSON', 'COMPANY')),
    fields             text         not null, -- JSON: type-specific metadata fields
    validity_years     int,                   -- null: long-term (长期)
    renewal_lead_days  int          not null default 30,
    template           varchar(20)  not null  -- visual template: LICENCE, CARD, BOOKLET
);

-- The platform root CA (SM2) that certifies every issuing body's signing key. One row.
create table certificates_root_ca (
    id          int primary key check (id = 1),
    certificate text        not null, -- PEM
    private_key text        not null, -- PKCS#8 PEM encrypted with the data key
    created_at  timestamptz not null default now()
);

-- One SM2 signing key per issuing body; rotated keys stay for verifying what they signed.
create table certificates_signing_key (
    id               uuid primary key,
    body_id          uuid         not null,
    body_name        varchar(200) not null,
    body_credit_code char(18)     not null,
    certificate      text         not null, -- PEM, issued by the root CA
    private_key      text         not null, -- encrypted
    created_at       timestamptz  not null default now(),
    retired_at       timestamptz,
    revoked_at       timestamptz
);
create unique index certificates_signing_key_current on certificates_signing_key (body_id) where retired_at is null;

create sequence certificates_serial;

create table certificates_certificate (
    id                 uuid primary key,
    identifier         varchar(100) not null unique, -- GB/T 36904 证照标识
    number             varchar(40)  not null,        -- ZZBH
    type_code          varchar(21)  not null references certificates_type (code),
    series             uuid         not null,        -- all versions of one certificate
    version            int          not null,
    previous_id        uuid references certificates_certificate (id),
    issuer_body_id     uuid         not null,
    issuer_name        varchar(200) not null,
    issuer_code        char(18)     not null,
    holder_kind        varchar(10)  not null,
    holder_name        varchar(200) not null,
    holder_code_type   varchar(20)  not null,
    holder_code_hash   varchar(64)  not null,
    holder_code_masked varchar(40)  not null,
    issued_on          date         not null,
    valid_from         date         not null,
    valid_until        date,
    payload_cipher     text         not null, -- the canonical signed payload, encrypted (it names the holder)
    signature          text         not null, -- base64 DER SM2/SM3
    key_id             uuid         not null references certificates_signing_key (id),
    verification_code  varchar(12)  not null,
    status             varchar(12)  not null check (status in ('VALID', 'SUSPENDED', 'REVOKED', 'REPLACED')),
    status_reason      text,
    status_changed_at  timestamptz,
    source             varchar(10)  not null, -- CASE, OFFICER, LEGACY, DEMO
    case_reference     varchar(100),
    issued_by          uuid,
    created_at         timestamptz  not null default now()
);
create index certificates_certificate_holder on certificates_certificate (holder_code_hash);
create index certificates_certificate_issuer on certificates_certificate (issuer_body_id, created_at desc);

-- 用证授权: the holder lets a named body or case use a certificate, for a stated purpose, until a time.
create table certificates_authorization (
    id             uuid primary key,
    certificate_id uuid         not null references certificates_certificate (id),
    grantee_kind   varchar(10)  not null check (grantee_kind in ('BODY', 'CASE')),
    grantee_id     varchar(100) not null,
    grantee_name   varchar(200) not null,
    purpose        varchar(500) not null,
    valid_until    timestamptz  not null,
    granted_by     uuid         not null,
    granted_at     timestamptz  not null default now(),
    revoked_at     timestamptz
);
create index certificates_authorization_certificate on certificates_authorization (certificate_id);

-- Every use of a certificate, allowed or refused; the holder sees it.
create table certificates_use (
    id               bigserial primary key,
    certificate_id   uuid         not null references certificates_certificate (id),
    authorization_id uuid references certificates_authorization (id),
    grantee_kind     varchar(10)  not null,
    grantee_id       varchar(100) not null,
    grantee_name     varchar(200) not null,
    actor_id         uuid,
    actor_name       varchar(200),
    purpose          varchar(500) not null,
    allowed          boolean      not null,
    refusal          varchar(60),
    used_at          timestamptz  not null default now()
);
create index certificates_use_certificate on certificates_use (certificate_id, used_at desc);

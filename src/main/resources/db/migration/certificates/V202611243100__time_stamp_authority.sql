-- The platform's time-stamp authority (GB/T 20520-2006, RFC 3161): its SM2 keys, certified by the root CA for
-- id-kp-timeStamping only. One current key; a retired key's certificate stays so that what it stamped verifies.
-- The private key lives where tongban.certificates.key-store says (alias 'tsa-' || id), like the signing keys.
create table certificates_time_stamp_key (
    id          uuid primary key,
    certificate text        not null, -- PEM, issued by the root CA
    private_key text,                 -- encrypted with the data key when the key store is the database
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);
create unique index certificates_time_stamp_key_current on certificates_time_stamp_key ((true))
    where retired_at is null;

-- Every time stamp issued, as a time-stamp authority keeps them: serial, key, what was stamped (its SM3
-- digest) and when. Append-only.
create table certificates_time_stamp (
    serial     numeric(40) primary key,
    key_id     uuid        not null references certificates_time_stamp_key (id),
    imprint    bytea       not null, -- SM3 of the stamped data (for a seal: of the signature value)
    stamped_at timestamptz not null,
    purpose    varchar(100) not null  -- e.g. the certificate identifier whose copy was sealed
);

-- Private keys may live outside PostgreSQL (tongban.certificates.key-store=pkcs12: a PKCS#12 file under ./data);
-- the column then stays empty and the public certificate in the row is what every node verifies with.
alter table certificates_root_ca alter column private_key drop not null;
alter table certificates_signing_key alter column private_key drop not null;

-- Who rotated (retired) or revoked a signing key, and why (the system administrator's stated reason).
alter table certificates_signing_key
    add column retired_by      uuid,
    add column retired_by_name varchar(200),
    add column retire_reason   varchar(500);

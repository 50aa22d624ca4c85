-- Mutual TLS for client systems (RFC 8705): how a system authenticates at the token endpoint by certificate —
-- tls_client_auth (a CA-issued certificate with the registered subject DN) or self_signed_tls_client_auth (a
-- certificate in the system's registered JWK Set) — kept next to Spring Authorization Server's client settings so the
-- admin console and the gateway can show and use it without parsing them.
alter table identity_client_system add column certificate_mode varchar(40);
alter table identity_client_system add column certificate_subject_dn varchar(500);
alter table identity_client_system add column jwk_set_url varchar(1000);

-- Single sign-on (统一身份认证 as the province's OpenID Connect provider).

-- Client systems as Spring Authorization Server reads them (JdbcRegisteredClientRepository's layout). The secret
-- column holds only a SHA-256 hash ({sha256}...) of a 256-bit random secret: shown once, never stored in clear.
create table oauth2_registered_client
(
    id                            varchar(100)                            not null primary key,
    client_id                     varchar(100)                            not null unique,
    client_id_issued_at           timestamp with time zone default now() not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamp with time zone,
    client_name                   varchar(200)                            not null,
    client_authentication_methods varchar(1000)                           not null,
    authorization_grant_types     varchar(1000)                           not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000)                           not null,
    client_settings               varchar(2000)                           not null,
    token_settings                varchar(2000)                           not null
);

-- What a person agreed a third-party system may do (JdbcOAuth2AuthorizationConsentService's layout).
create table oauth2_authorization_consent
(
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- Authorizations (codes, access, refresh and ID tokens). Tokens are found by their SHA-256 hash; the authorization
-- itself is kept encrypted (AES-256-GCM), so a copy of the table yields no usable token.
create table identity_sso_authorization
(
    id                   varchar(100)             not null primary key,
    registered_client_id varchar(100)             not null,
    principal_name       varchar(200)             not null,
    state_hash           varchar(64),
    code_hash            varchar(64),
    access_token_hash    varchar(64),
    refresh_token_hash   varchar(64),
    id_token_hash        varchar(64),
    expires_at           timestamp with time zone not null,
    data                 text                     not null
);
create index identity_sso_authorization_state on identity_sso_authorization (state_hash) where state_hash is not null;
create index identity_sso_authorization_code on identity_sso_authorization (code_hash) where code_hash is not null;
create index identity_sso_authorization_access on identity_sso_authorization (access_token_hash) where access_token_hash is not null;
create index identity_sso_authorization_refresh on identity_sso_authorization (refresh_token_hash) where refresh_token_hash is not null;
create index identity_sso_authorization_id_token on identity_sso_authorization (id_token_hash) where id_token_hash is not null;
create index identity_sso_authorization_expiry on identity_sso_authorization (expires_at);

-- What the platform knows about a client system beyond the protocol: the body that owns it, whether it is a third
-- party (then people are asked for consent), where to send back-channel logout tokens, and whether it is enabled.
create table identity_client_system
(
    registered_client_id   varchar(100)             not null primary key references oauth2_registered_client (id),
    client_id              varchar(100)             not null unique,
    name                   varchar(200)             not null,
    body_id                uuid                     not null,
    body_name              varchar(200)             not null,
    third_party            boolean                  not null,
    backchannel_logout_uri varchar(1000),
    enabled                boolean                  not null default true,
    created_at             timestamp with time zone not null default now(),
    secret_rotated_at      timestamp with time zone not null default now()
);

-- Signing keys (RSA, RS256) of ID, access and logout tokens, private parts encrypted with the data key. A retired
-- key stays in the JWKS until every token it signed has expired.
create table identity_signing_key
(
    kid        varchar(64)              not null primary key,
    algorithm  varchar(10)              not null,
    jwk_cipher text                     not null,
    created_at   timestamp with time zone not null default now(),
    -- a new key is published some time before it signs, so that every node's and client's key cache has it
    activates_at timestamp with time zone not null,
    retired_at   timestamp with time zone
);

-- Which client systems a platform session signed in to (sid = the session's OIDC session id), so that signing out
-- of the platform can end the client systems' sessions too (OpenID Connect Back-Channel Logout 1.0).
create table identity_sso_participation
(
    sid        varchar(64)              not null,
    client_id  varchar(100)             not null,
    account_id uuid                     not null,
    created_at timestamp with time zone not null default now(),
    primary key (sid, client_id)
);
create index identity_sso_participation_account on identity_sso_participation (account_id);

-- Client registrations, secret rotations and key rotations are audited in platform_audit_event.

-- Hall visits and their ratings (好差评, 国办发〔2019〕51号: hall service is rated once per visit, 一次一评). A window
-- officer records a visit at a window for a person (an account, or a phone for an accountless visitor, kept
-- encrypted with a keyed hash and masked, DOMAIN §8); the visitor rates it once on the window's kiosk or by the
-- one-time link on the visit slip. Visit ratings live in the same table as case ratings so that rectification,
-- appeals and the published statistics treat them alike.
create table evaluation_visit (
    id                 uuid primary key,
    hall_id            uuid          not null,
    hall_name          varchar(200)  not null,
    window_id          uuid          not null,
    window_number      varchar(10)   not null,
    window_name        varchar(100)  not null,
    body_id            uuid          not null,
    body_name          varchar(200)  not null,
    division_code      varchar(12)   not null,
    officer_account    uuid          not null,
    visitor_account    uuid,
    visitor_phone_cipher varchar(200),
    visitor_phone_hash varchar(100),
    visitor_masked     varchar(50)   not null,
    item_code          varchar(40)   not null,
    item_name          varchar(300)  not null,
    case_number        varchar(50),
    started_at         timestamptz   not null,
    ended_at           timestamptz,
    token_hash         varchar(100)  unique,
    token_expires_at   timestamptz,
    token_used_at      timestamptz,
    check ((visitor_account is null) = (visitor_phone_hash is not null))
);
create index evaluation_visit_window on evaluation_visit (window_id, started_at desc);
create index evaluation_visit_officer on evaluation_visit (officer_account, started_at desc);

-- A device (窗口评价器 / kiosk) bound to one window by an officer; only the hash of its token is kept. Binding a new
-- device to the window retires the previous one.
create table evaluation_kiosk_device (
    id           uuid primary key,
    window_id    uuid          not null,
    token_hash   varchar(100)  not null unique,
    issued_by    uuid          not null,
    issued_by_name varchar(100) not null,
    issued_at    timestamptz   not null,
    revoked_at   timestamptz
);
create index evaluation_kiosk_device_window on evaluation_kiosk_device (window_id) where revoked_at is null;

-- Failed or throttled attempts on the kiosk and the rating link, counted in PostgreSQL so every node agrees.
create table evaluation_attempt (
    key_hash     varchar(100)  not null,
    attempted_at timestamptz   not null
);
create index evaluation_attempt_key on evaluation_attempt (key_hash, attempted_at);

alter table evaluation_rating alter column application_id drop not null;
alter table evaluation_rating alter column case_number drop not null;
alter table evaluation_rating alter column rater_account drop not null;
alter table evaluation_rating add column visit_id uuid unique references evaluation_visit (id);
alter table evaluation_rating add column hall_id uuid;
alter table evaluation_rating add column hall_name varchar(200);
alter table evaluation_rating add column window_id uuid;
alter table evaluation_rating add column window_name varchar(120);
alter table evaluation_rating add column channel varchar(20) not null default 'ONLINE'
    check (channel in ('ONLINE', 'KIOSK', 'LINK'));
alter table evaluation_rating add constraint evaluation_rating_case_or_visit
    check ((application_id is null) <> (visit_id is null));

alter table evaluation_rectification alter column application_id drop not null;
alter table evaluation_rectification add column visit_id uuid;

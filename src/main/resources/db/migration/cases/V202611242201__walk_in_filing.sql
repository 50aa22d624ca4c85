-- 窗口收件 / 窗口代录: applications a hall's window officer files for a person who walks in (one window, 一窗受理).
-- The application itself is an ordinary row of cases_application (channel HALL_WINDOW once submitted); this table
-- says who filed it, where, and how the person was identified at the counter.
--
-- The person's resident ID number and phone are personal data (DOMAIN §8): sealed with the platform's data key, and
-- the ID number also kept as the keyed look-up hash accounts use, so the case can be matched to the person's account
-- without decrypting anything. Neither is ever stored in clear.
create table cases_walk_in
(
    application_id   uuid primary key references cases_application (id) on delete cascade,
    -- The account the case belongs to: the person's own, or (no account) an applicant id of this table's own,
    -- shared by every walk-in case of the same ID number.
    registered       boolean                  not null,
    id_number_hash   varchar(100)             not null,
    id_number_sealed text                     not null,
    phone_sealed     text                     not null,
    phone_masked     varchar(20)              not null,
    officer_account  uuid                     not null,
    officer_name     varchar(100)             not null,
    body_id          uuid                     not null,
    hall_id          uuid,
    hall_name        varchar(200),
    window_number    varchar(20),
    start_key        varchar(100)             not null,
    created_at       timestamp with time zone not null,
    unique (officer_account, start_key)
);
create index cases_walk_in_person on cases_walk_in (id_number_hash) where not registered;

-- Consultations, complaints and reports (咨询/投诉/举报) by anyone about an item, a case or a body: routed to the
-- responsible body with a deadline, answered by it, rated by the submitter. Anonymous submitters proved their phone
-- by an SMS code; the phone is kept encrypted with a keyed hash to find it again and a masked form to show (DOMAIN §8).
create table supervision_petition (
    id                 uuid primary key,
    kind               varchar(20)   not null check (kind in ('CONSULTATION', 'COMPLAINT', 'REPORT')),
    subject            varchar(10)   not null check (subject in ('ITEM', 'CASE', 'BODY')),
    item_code          varchar(31),
    item_name          varchar(300),
    application_id     uuid,
    case_number        varchar(50),
    body_id            uuid          not null,
    body_name          varchar(200)  not null,
    division_code      varchar(12)   not null,
    text               varchar(2000) not null,
    submitter_account  uuid,
    phone_cipher       varchar(200),
    phone_hash         varchar(100),
    phone_masked       varchar(20),
    lookup_hash        varchar(100)  unique,
    address_hash       varchar(100),
    submitted_at       timestamptz   not null,
    due_on             date          not null,
    status             varchar(20)   not null default 'OPEN' check (status in ('OPEN', 'ANSWERED')),
    answer             varchar(2000),
    answered_at        timestamptz,
    answered_by        uuid,
    answerer_name      varchar(100),
    rating             varchar(20)   check (rating in ('SATISFIED', 'UNSATISFIED')),
    rated_at           timestamptz,
    check ((submitter_account is null) = (phone_hash is not null))
);
create index supervision_petition_body on supervision_petition (body_id, status, due_on);
create index supervision_petition_division on supervision_petition (division_code, status);
create index supervision_petition_submitter on supervision_petition (submitter_account) where submitter_account is not null;
create index supervision_petition_phone on supervision_petition (phone_hash, submitted_at) where phone_hash is not null;
create index supervision_petition_address on supervision_petition (address_hash, submitted_at) where address_hash is not null;

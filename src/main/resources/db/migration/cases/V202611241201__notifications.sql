-- What the applicant is told about each change of their case (in-app; the same text also goes out by SMS).
create table cases_notification
(
    id             uuid primary key,
    account_id     uuid                     not null,
    application_id uuid                     not null references cases_application (id) on delete cascade,
    case_number    varchar(60),
    item_name      varchar(200)             not null,
    kind           varchar(40)              not null,
    detail         varchar(500),
    created_at     timestamp with time zone not null,
    read_at        timestamp with time zone,
    sms_sent       boolean                  not null default false,
    -- an event delivered twice (the registry republishes after a crash) notifies once
    event_key      varchar(200)             not null unique
);
create index cases_notification_account on cases_notification (account_id, created_at desc);

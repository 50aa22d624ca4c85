-- How the applicant receives the result (结果送达方式) and how it was delivered (行政许可法 Art. 44: the licence is
-- issued and delivered within 10 working days of the decision; a refusal decision is delivered as well).
-- One row per application, written when the applicant chooses (or, with the default, when the result is delivered).
-- Personal data of a mail recipient (name, mobile, address) and the ID number of whoever collected the result are
-- sealed with the platform's data key (DOMAIN §8, §10); the county of the address stays clear for routing.
create table cases_delivery
(
    application_id      uuid primary key references cases_application (id) on delete cascade,
    method              varchar(10)              not null check (method in ('ONLINE', 'PICKUP', 'MAIL')),
    -- pickup: the hall of the item's body and its delivery window (出件窗口)
    hall_id             uuid,
    hall_name           varchar(200),
    hall_address        varchar(300),
    window_number       varchar(20),
    window_name         varchar(100),
    -- mail: {"recipient", "mobile", "division", "detail"} sealed
    recipient_sealed    text,
    division_code       varchar(12),
    chosen_at           timestamp with time zone not null,
    chosen_by           uuid                     not null,
    status              varchar(10)              not null default 'CHOSEN' check (status in ('CHOSEN', 'DELIVERED')),
    -- how it was delivered: OPENED (the applicant opened the result online), CONFIRMED (an officer confirmed the
    -- online delivery), POSTED (handed to the carrier), COLLECTED (collected at the window)
    confirmation        varchar(10) check (confirmation in ('OPENED', 'CONFIRMED', 'POSTED', 'COLLECTED')),
    carrier             varchar(20),
    tracking_number     varchar(40),
    posted_on           date,
    collector_name      varchar(100),
    collector_agent     boolean,
    collector_id_sealed text,
    delivered_at        timestamp with time zone,
    delivered_by        uuid,
    delivered_by_name   varchar(100),
    version             bigint                   not null default 0,
    check (method <> 'MAIL' or recipient_sealed is not null),
    check (method <> 'PICKUP' or hall_id is not null),
    check (status <> 'DELIVERED' or (delivered_at is not null and confirmation is not null))
);

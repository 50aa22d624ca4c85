-- Ratings (好差评, 国办发〔2019〕51号; GB/T 39734-2020): one per case (一事一评), a second one only after the body
-- answered a bad rating; bad ratings open a rectification with its two deadlines.
create table evaluation_rating (
    id               uuid primary key,
    application_id   uuid         not null,
    round            smallint     not null check (round in (1, 2)),
    case_number      varchar(50)  not null,
    item_code        varchar(40)  not null,
    item_name        varchar(200) not null,
    body_id          uuid         not null,
    body_name        varchar(200) not null,
    rater_account    uuid         not null,
    stage            varchar(20)  not null,
    level            smallint     not null check (level between 1 and 5),
    reasons          text[]       not null default '{}',
    comment          varchar(500),
    rated_at         timestamptz  not null,
    unique (application_id, round)
);
create index evaluation_rating_body on evaluation_rating (body_id, rated_at desc);

create table evaluation_rectification (
    id               uuid primary key,
    rating_id        uuid         not null unique references evaluation_rating (id),
    application_id   uuid         not null,
    body_id          uuid         not null,
    status           varchar(20)  not null check (status in ('OPEN', 'VISITED', 'RESPONDED')),
    opened_at        timestamptz  not null,
    visit_due        date         not null,
    rectify_due      date         not null,
    visited_at       timestamptz,
    visit_note       varchar(1000),
    responded_at     timestamptz,
    response         varchar(2000),
    responder_name   varchar(100),
    version          bigint       not null default 0
);
create index evaluation_rectification_body on evaluation_rectification (body_id, status);

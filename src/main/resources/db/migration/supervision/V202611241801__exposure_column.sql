-- The exposure and correction column (曝光纠错): supervisors publish selected answered complaints, in their own words
-- with personal data removed, with the resolution; a publication can be withdrawn (kept, with the reason).
create table supervision_exposure (
    id                uuid primary key,
    complaint_id      uuid          not null unique references supervision_complaint (id),
    division_code     varchar(12)   not null,
    body_name         varchar(200)  not null,
    title             varchar(200)  not null,
    problem           varchar(2000) not null,
    resolution        varchar(2000) not null,
    published_by      uuid          not null,
    published_by_name varchar(100)  not null,
    published_at      timestamptz   not null,
    withdrawn_at      timestamptz,
    withdrawn_reason  varchar(1000)
);
create index supervision_exposure_published on supervision_exposure (published_at desc) where withdrawn_at is null;

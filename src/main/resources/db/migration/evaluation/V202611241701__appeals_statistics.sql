-- Appeals (申诉复核, 国办发〔2019〕51号): a rated body contests a bad rating it holds mistaken or malicious; a supervisor
-- upholds the appeal (the rating is voided, with the reasons kept, and leaves the statistics) or rejects it.
alter table evaluation_rating add column division_code varchar(12);
alter table evaluation_rating add column voided_at timestamptz;
alter table evaluation_rating add column void_reason varchar(1000);
update evaluation_rating r set division_code = b.division_code from org_body b where b.id = r.body_id;

create table evaluation_appeal (
    id               uuid primary key,
    rating_id        uuid          not null unique references evaluation_rating (id),
    body_id          uuid          not null,
    reason           varchar(2000) not null,
    filed_by         uuid          not null,
    filed_by_name    varchar(100)  not null,
    filed_at         timestamptz   not null,
    status           varchar(20)   not null check (status in ('PENDING', 'UPHELD', 'REJECTED')),
    decided_by       uuid,
    decided_by_name  varchar(100),
    decided_at       timestamptz,
    decision_reason  varchar(1000),
    version          bigint        not null default 0
);
create index evaluation_appeal_pending on evaluation_appeal (status, filed_at);

-- Published statistics read ratings by division and period.
create index evaluation_rating_division on evaluation_rating (division_code, rated_at);

-- Performance assessment (绩效考核): a closed month is frozen by a scheduled job shortly after it closes (still also on
-- the first request, whichever comes first; both meet on the month's row, so it is frozen once). After a correction a
-- supervisor freezes a closed month again for their division and below, with a reason (audited); each re-freeze is
-- kept with the number of bodies it recounted.
alter table supervision_assessment_frozen add column frozen_by varchar(20) not null default 'REQUEST'
    check (frozen_by in ('REQUEST', 'SCHEDULE', 'SUPERVISOR'));

create table supervision_assessment_refreeze (
    id                uuid primary key,
    month             date          not null,
    division_code     varchar(12)   not null,
    bodies            integer       not null,
    reason            varchar(1000) not null,
    refrozen_by       uuid          not null,
    refrozen_by_name  varchar(100)  not null,
    refrozen_at       timestamptz   not null
);
create index supervision_assessment_refreeze_month on supervision_assessment_refreeze (month, refrozen_at desc);

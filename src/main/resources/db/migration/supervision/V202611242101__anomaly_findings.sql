-- Anomaly findings of electronic supervision (电子监察): each rule that a case broke, with the evidence (no personal
-- data), reviewed by a supervisor of the body's division who confirms it or dismisses it with a reason.
create table supervision_finding (
    id              uuid primary key,
    rule            varchar(40)   not null check (rule in ('MISSING_REQUIRED_MATERIAL', 'REPEATED_NOTICE',
                        'EXTRA_DEMAND', 'SUSPENSION_TOO_LONG', 'SUSPENSION_WITHOUT_NOTICE', 'LATE_DECISION',
                        'REPEATED_RETURNS')),
    -- what the finding is about (a notice, a special procedure, the case): a redelivered event finds it again
    source_key      varchar(200)  not null,
    application_id  uuid          not null,
    case_number     varchar(50)   not null,
    body_id         uuid          not null,
    body_name       varchar(200)  not null,
    division_code   varchar(12)   not null,
    evidence        varchar(2000) not null,
    found_at        timestamptz   not null,
    status          varchar(20)   not null default 'OPEN' check (status in ('OPEN', 'CONFIRMED', 'DISMISSED')),
    reviewed_at     timestamptz,
    reviewed_by     uuid,
    reviewer_name   varchar(100),
    review_reason   varchar(1000),
    version         bigint        not null default 0,
    unique (rule, source_key),
    check (status <> 'DISMISSED' or (review_reason is not null and review_reason <> ''))
);
create index supervision_finding_division on supervision_finding (division_code, status, found_at desc);
create index supervision_finding_case on supervision_finding (application_id);

-- Returns (退回) of a case's tasks, from CaseStepCompleted: repeated returns of one case are a finding.
create table supervision_case_return (
    task_id         uuid primary key,
    application_id  uuid        not null,
    node_id         varchar(100),
    returned_at     timestamptz not null
);
create index supervision_case_return_case on supervision_case_return (application_id);

-- The repeated-notice flag (一次告知 not kept) becomes a finding like the other rules; its warnings move over.
insert into supervision_finding (id, rule, source_key, application_id, case_number, body_id, body_name, division_code,
    evidence, found_at, status, reviewed_at, reviewer_name, review_reason)
select id, 'REPEATED_NOTICE', 'warning:' || source_id, application_id, case_number, body_id, body_name, division_code,
    '再次补正通知新增首次告知以外的事项：' || coalesce(detail, ''), raised_at,
    case when handled_at is null then 'OPEN' else 'CONFIRMED' end, handled_at, handled_by, handled_note
from supervision_warning where kind = 'REPEATED_NOTICE';
delete from supervision_warning where kind = 'REPEATED_NOTICE';
alter table supervision_warning drop constraint supervision_warning_kind_check;
alter table supervision_warning add constraint supervision_warning_kind_check
    check (kind in ('YELLOW', 'RED', 'BAD_RATING'));

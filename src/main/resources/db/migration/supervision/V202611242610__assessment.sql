-- Performance assessment (绩效考核): the monthly figures of each body, frozen once its month is closed (a monthly
-- snapshot, computed once and never recounted per request). The open month is computed on request and not stored.
-- What each column counts is written in org.tongban.supervision.Assessment and on the assessment page.
create table supervision_assessment_month (
    month               date         not null,
    body_id             uuid         not null,
    division_code       varchar(12)  not null,
    received            int          not null default 0,
    received_online     int          not null default 0,
    decided             int          not null default 0,
    decided_on_time     int          not null default 0,
    decided_cases       int          not null default 0,
    full_online         int          not null default 0,
    visits              int          not null default 0,
    materials           int          not null default 0,
    shared_materials    int          not null default 0,
    rated               int          not null default 0,
    satisfied           int          not null default 0,
    bad                 int          not null default 0,
    rectified           int          not null default 0,
    complaints_due      int          not null default 0,
    complaints_on_time  int          not null default 0,
    primary key (month, body_id)
);
create index supervision_assessment_month_division on supervision_assessment_month (month, division_code varchar_pattern_ops);
create index supervision_assessment_month_body on supervision_assessment_month (body_id, month);

-- A month whose snapshot was taken (all bodies at once, in one transaction with its rows): the row is the lock two
-- nodes meet on, so a month is frozen once.
create table supervision_assessment_frozen (
    month      date        primary key,
    frozen_at  timestamptz not null
);

-- The reform task progress table (工作任务进度表): the tasks of a provincial work plan with their lead and responsible
-- bodies (牵头单位 / 责任单位, as the plan names them), quarterly milestones (阶段目标) and the status supervisors keep.
create table supervision_reform_task (
    id                  uuid          primary key,
    division_code       varchar(12)   not null,
    plan_year           int           not null,
    seq                 int           not null,
    title               varchar(300)  not null,
    lead_bodies         varchar(500)  not null,
    responsible_bodies  varchar(500)  not null,
    source              varchar(500)  not null,
    status              varchar(20)   not null default 'NOT_STARTED'
                        check (status in ('NOT_STARTED', 'ON_TRACK', 'DELAYED', 'DONE')),
    note                varchar(1000),
    updated_at          timestamptz,
    updated_by          varchar(100),
    version             bigint        not null default 0,
    unique (division_code, plan_year, seq)
);

create table supervision_reform_milestone (
    task_id   uuid          not null references supervision_reform_task (id) on delete cascade,
    quarter   int           not null check (quarter between 1 and 4),
    target    varchar(1000) not null,
    primary key (task_id, quarter)
);

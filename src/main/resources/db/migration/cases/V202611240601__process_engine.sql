-- The case processing engine (办理): process definitions as versioned data, the running case with its tokens
-- (tasks), clocks, special procedures and extensions (行政许可法 Art. 26, 42–45, 82). DESIGN.md "Process engine".

-- A standard process per basic item (基本目录事项), from which implementation items derive theirs.
create table cases_process_template
(
    basic_code varchar(31) primary key,
    definition jsonb       not null
);

-- The process definition of an implementation item; a case keeps the version it started with.
create table cases_process_definition
(
    item_code    varchar(31)              not null,
    version      int                      not null,
    definition   jsonb                    not null,
    derived      boolean                  not null default true,
    published_at timestamp with time zone not null default now(),
    primary key (item_code, version)
);

-- One accepted case in handling: its clocks and its decision. The version is the optimistic lock every
-- transition takes (the row is also locked for the transition, so joins of parallel branches are serialized).
create table cases_case
(
    application_id     uuid primary key references cases_application (id) on delete cascade,
    item_code          varchar(31)              not null,
    definition_version int                      not null,
    state              varchar(20)              not null check (state in ('RUNNING', 'DECIDED', 'COMPLETED')),
    joint              boolean                  not null,
    accepted_on        date                     not null,
    day_kind           varchar(10)              not null,
    limit_days         int                      not null,
    due_on             date                     not null,
    legal_due_on       date                     not null,
    paused_since       date,
    paused_days        int                      not null default 0,
    extension_days     int                      not null default 0,
    refusal_proposed   boolean                  not null default false,
    outcome            varchar(10) check (outcome in ('GRANTED', 'REFUSED')),
    decision_number    varchar(60) unique,
    decision_reason    text,
    legal_basis        text,
    legal_remedy       text,
    decided_on         date,
    decided_at         timestamp with time zone,
    decided_by         uuid,
    completed_at       timestamp with time zone,
    version            bigint                   not null default 0
);

-- A token: one open task at a node (or at one branch of a parallel block) for a body and a role.
create table cases_task
(
    id             uuid primary key,
    application_id uuid                     not null references cases_case (application_id) on delete cascade,
    node_id        varchar(40)              not null,
    node_name      varchar(100)             not null,
    node_kind      varchar(20)              not null,
    branch_id      varchar(40),
    branch_name    varchar(100),
    block_run      uuid,
    body_id        uuid                     not null,
    body_name      varchar(200)             not null,
    role           varchar(30)              not null,
    status         varchar(20)              not null check (status in ('OPEN', 'DONE', 'CANCELLED')),
    created_at     timestamp with time zone not null,
    started_on     date                     not null,
    due_on         date                     not null,
    paused_since   date,
    paused_days    int                      not null default 0,
    outcome        varchar(20),
    opinion        text,
    acted_by       uuid,
    acted_by_name  varchar(100),
    completed_at   timestamp with time zone,
    warned         int                      not null default 0,
    version        bigint                   not null default 0
);
create index cases_task_todo on cases_task (body_id, due_on) where status = 'OPEN';
create index cases_task_case on cases_task (application_id, created_at);
-- The deadline scan only reads running, unpaused tasks not yet warned at the highest level.
create index cases_task_deadline on cases_task (due_on) where status = 'OPEN' and paused_since is null and warned < 3;

-- Special procedures (特别程序, 行政许可法 Art. 45): the time from start to end is not counted.
create table cases_special_procedure
(
    id             uuid primary key,
    application_id uuid                     not null references cases_case (application_id) on delete cascade,
    task_id        uuid                     not null references cases_task (id) on delete cascade,
    kind           varchar(30)              not null,
    reason         text                     not null,
    started_on     date                     not null,
    ended_on       date,
    result         text,
    excluded_days  int,
    started_by     uuid                     not null,
    created_at     timestamp with time zone not null
);
create unique index cases_special_procedure_open on cases_special_procedure (task_id) where ended_on is null;

-- Extensions (延期, 行政许可法 Art. 42): requested with a reason, approved once by the head of the body.
create table cases_extension
(
    id             uuid primary key,
    application_id uuid                     not null references cases_case (application_id) on delete cascade,
    reason         text                     not null,
    days           int                      not null,
    requested_by   uuid                     not null,
    requested_name varchar(100)             not null,
    requested_at   timestamp with time zone not null,
    status         varchar(20)              not null check (status in ('PENDING', 'APPROVED', 'REFUSED')),
    decided_by     uuid,
    decided_at     timestamp with time zone
);
create unique index cases_extension_one on cases_extension (application_id) where status in ('PENDING', 'APPROVED');

-- The timeline names the node and the body of each handling step.
alter table cases_step add column node_name varchar(100);
alter table cases_step add column body_name varchar(200);

-- History is immutable: a step, once written, is never changed.
create function cases_step_immutable() returns trigger language plpgsql as
$$
begin
    raise exception 'cases_step is append-only';
end;
$$;
create trigger cases_step_no_update before update on cases_step for each row execute function cases_step_immutable();

-- 开餐馆 (并联审批, 行政许可法 Art. 26): after one acceptance the food business conditions, fire safety and
-- hygiene are reviewed by three bodies of the item's division at once; the food licence body decides.
insert into cases_process_template (basic_code, definition) values ('011070001000', '{
  "name": "开办餐饮店并联审批",
  "joint": true,
  "nodes": [
    {"id": "accept", "name": "受理", "kind": "START", "next": "joint"},
    {"id": "joint", "name": "并联审查", "kind": "PARALLEL", "next": "decide", "branches": [
      {"id": "food", "name": "食品经营条件审查", "body": "MARKET_REGULATION", "role": "REVIEWER", "days": 3},
      {"id": "fire", "name": "消防安全检查", "body": "HOUSING_URBAN_RURAL", "role": "REVIEWER", "days": 3},
      {"id": "health", "name": "卫生条件审查", "body": "HEALTH", "role": "REVIEWER", "days": 3}]},
    {"id": "decide", "name": "决定", "kind": "DECISION", "body": "ITEM", "role": "APPROVER", "next": "certify",
     "refusedNext": "deliver", "returnTo": ["joint"]},
    {"id": "certify", "name": "制证", "kind": "TASK", "body": "ITEM", "role": "WINDOW_OFFICER", "next": "deliver", "days": 10},
    {"id": "deliver", "name": "送达", "kind": "TASK", "body": "ITEM", "role": "WINDOW_OFFICER", "next": "end"},
    {"id": "end", "name": "办结", "kind": "END"}
  ]}');

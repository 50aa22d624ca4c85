-- Online applications (在线申报) up to the acceptance decision (受理, 行政许可法 Art. 32).

-- The application form of one version of an implementation item: typed fields as data (JSON list of fields).
create table cases_form_definition
(
    item_code    varchar(31)              not null,
    item_version int                      not null,
    fields       jsonb                    not null,
    derived      boolean                  not null default true,
    created_at   timestamp with time zone not null default now(),
    primary key (item_code, item_version)
);

-- One application: a draft until submitted, then a case (办件) with its case number (DOMAIN §5).
create table cases_application
(
    id                      uuid primary key,
    applicant_account       uuid                     not null,
    applicant_name          varchar(100)             not null,
    applicant_id_type       varchar(30),
    applicant_id_masked     varchar(40),
    company_account         uuid,
    company_name            varchar(200),
    company_credit_code     varchar(18),
    item_code               varchar(31)              not null,
    item_version            int                      not null,
    item_name               varchar(300)             not null,
    body_id                 uuid                     not null,
    body_name               varchar(200)             not null,
    status                  varchar(30)              not null check (status in ('DRAFT', 'SUBMITTED', 'PRE_REVIEW',
        'CORRECTION_REQUESTED', 'ACCEPTED', 'NOT_ACCEPTED', 'WITHDRAWN')),
    form_values             jsonb                    not null default '{}',
    start_key               varchar(100),
    submit_key              varchar(100),
    case_number             varchar(50) unique,
    channel                 varchar(30),
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    first_submitted_at      timestamp with time zone,
    received_at             timestamp with time zone,
    received_on             date,
    decision_due            date,
    decided_at              timestamp with time zone,
    decided_by              uuid,
    accepted_on             date,
    accepted_by_law         boolean                  not null default false,
    decision_reason         text,
    legal_remedy            text,
    version                 bigint                   not null default 0
);
create unique index cases_application_start_key on cases_application (applicant_account, start_key)
    where start_key is not null;
create index cases_application_applicant on cases_application (applicant_account, updated_at desc);
create index cases_application_queue on cases_application (body_id, status, received_at);
-- The acceptance clock only looks at undecided applications.
create index cases_application_due on cases_application (decision_due)
    where status in ('SUBMITTED', 'PRE_REVIEW');

-- One uploaded file per material requirement (slot) of the guide version the application is filed under.
create table cases_material
(
    id                uuid primary key,
    application_id    uuid                     not null references cases_application (id) on delete cascade,
    requirement_index int                      not null,
    requirement_name  varchar(300)             not null,
    file_name         varchar(255)             not null,
    content_type      varchar(100)             not null,
    size_bytes        bigint                   not null,
    sha256            char(64)                 not null,
    storage_key       varchar(200)             not null,
    uploaded_at       timestamp with time zone not null,
    unique (application_id, requirement_index)
);

-- Case-number sequences per implementation code and day: one row each, incremented under its row lock, so two
-- nodes never hand out the same number.
create table cases_number_sequence
(
    prefix     varchar(45) primary key,
    last_value int not null
);

-- One-time notification (一次告知): every deficiency in one request.
create table cases_correction_request
(
    id             uuid primary key,
    application_id uuid                     not null references cases_application (id) on delete cascade,
    requested_at   timestamp with time zone not null,
    officer        uuid                     not null,
    items          jsonb                    not null,
    resolved_at    timestamp with time zone
);
create index cases_correction_request_application on cases_correction_request (application_id, requested_at);

-- The timeline: every step of an application, never changed afterwards.
create table cases_step
(
    id             bigserial primary key,
    application_id uuid                     not null references cases_application (id) on delete cascade,
    at             timestamp with time zone not null,
    kind           varchar(40)              not null,
    actor          uuid,
    actor_name     varchar(100),
    note           text
);
create index cases_step_application on cases_step (application_id, id);

-- Complaints (投诉) by applicants about their cases, routed to the supervisors of the body's division, answered by
-- a deadline in working days.
create table supervision_complaint (
    id                  uuid primary key,
    application_id      uuid          not null,
    case_number         varchar(50)   not null,
    body_id             uuid          not null,
    body_name           varchar(200)  not null,
    division_code       varchar(12)   not null,
    complainant_account uuid          not null,
    text                varchar(2000) not null,
    submitted_at        timestamptz   not null,
    due_on              date          not null,
    status              varchar(20)   not null check (status in ('OPEN', 'ANSWERED')),
    response            varchar(2000),
    responded_at        timestamptz,
    responder_name      varchar(100)
);
create index supervision_complaint_division on supervision_complaint (division_code, status);
create index supervision_complaint_case on supervision_complaint (application_id);

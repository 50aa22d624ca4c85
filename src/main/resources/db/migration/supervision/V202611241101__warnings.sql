-- Electronic supervision (电子监察): yellow (deadline near) and red (overdue) lights per case task, and bad ratings,
-- per body and division; supervisors mark them handled with a note.
create table supervision_warning (
    id               uuid primary key,
    kind             varchar(20)  not null check (kind in ('YELLOW', 'RED', 'BAD_RATING')),
    source_id        uuid         not null,
    application_id   uuid         not null,
    case_number      varchar(50)  not null,
    body_id          uuid         not null,
    body_name        varchar(200) not null,
    division_code    varchar(12)  not null,
    due_on           date,
    detail           varchar(200),
    raised_at        timestamptz  not null,
    handled_at       timestamptz,
    handled_by       varchar(100),
    handled_note     varchar(1000),
    unique (kind, source_id)
);
create index supervision_warning_division on supervision_warning (division_code, handled_at);
create index supervision_warning_case on supervision_warning (application_id);

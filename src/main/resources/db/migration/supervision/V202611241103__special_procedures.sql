-- Special procedures (特别程序, 行政许可法 Art. 45) of supervised cases, from CaseSuspended: when the clock stopped and
-- restarted, and how many working days were excluded.
create table supervision_special_procedure (
    task_id          uuid        not null,
    started_on       date        not null,
    application_id   uuid        not null,
    case_number      varchar(50) not null,
    kind             varchar(30) not null,
    resumed_on       date,
    excluded_days    integer,
    primary key (task_id, started_on)
);
create index supervision_special_procedure_case on supervision_special_procedure (application_id);

-- Electronic supervision (电子监察): overdue cases escalate to the head of the body (its approvers, 负责人) and to
-- the supervisors whose division covers it. A light keeps the officer who held the task when it was raised (lights
-- per officer) and when its red light was escalated; each escalation leaves a notice (督办通知) for each recipient.
alter table supervision_warning add column holder_id uuid;
alter table supervision_warning add column holder_name varchar(100);
alter table supervision_warning add column escalated_at timestamptz;
create index supervision_warning_to_escalate on supervision_warning (raised_at)
    where kind = 'RED' and escalated_at is null and handled_at is null;
create index supervision_warning_body_open on supervision_warning (body_id) where handled_at is null;

create table supervision_notice (
    id             uuid primary key,
    recipient_id   uuid         not null,
    kind           varchar(20)  not null check (kind in ('OVERDUE')),
    body_id        uuid,
    body_name      varchar(200),
    division_code  varchar(12)  not null,
    overdue        int          not null,
    case_numbers   text         not null,
    created_at     timestamptz  not null,
    read_at        timestamptz
);
create index supervision_notice_recipient on supervision_notice (recipient_id, created_at desc);

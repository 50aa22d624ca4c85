-- One audit trail for every sensitive action on the platform (who did what to which record, when, from where).
-- Rows are only ever inserted: supervision (电子监察) reads them, nobody edits them.
create table platform_audit_event
(
    id          bigint generated always as identity primary key,
    occurred_at timestamp with time zone not null default now(),
    module      varchar(40)              not null,
    action      varchar(80)              not null,
    actor_id    uuid,
    actor_name  varchar(200),
    target_type varchar(60),
    target_id   varchar(200),
    detail      text,
    address     varchar(64)
);

create index platform_audit_event_actor on platform_audit_event (actor_id, occurred_at desc);
create index platform_audit_event_target on platform_audit_event (target_type, target_id, occurred_at desc);
create index platform_audit_event_module on platform_audit_event (module, occurred_at desc);

create rule platform_audit_event_no_update as on update to platform_audit_event do instead nothing;
create rule platform_audit_event_no_delete as on delete to platform_audit_event do instead nothing;

-- The supervision dashboard's figures (电子监察 dashboard), maintained incrementally from the case and rating events:
-- one row per day x division x body x item, never recomputed from the cases per request.
create table supervision_dashboard_day (
    day                 date         not null,
    division_code       varchar(12)  not null,
    body_id             uuid         not null,
    item_code           varchar(31)  not null,
    received            int          not null default 0,
    received_online     int          not null default 0,
    accepted            int          not null default 0,
    decided             int          not null default 0,
    decided_on_time     int          not null default 0,
    -- calendar days from acceptance to decision, and from acceptance to the (promised) last day in force
    duration_days       bigint       not null default 0,
    promised_days       bigint       not null default 0,
    completed           int          not null default 0,
    overdue             int          not null default 0,
    rated               int          not null default 0,
    rated_1             int          not null default 0,
    rated_2             int          not null default 0,
    rated_3             int          not null default 0,
    rated_4             int          not null default 0,
    rated_5             int          not null default 0,
    primary key (day, division_code, body_id, item_code)
);
-- The dashboard asks by division subtree (code prefix) and period.
create index supervision_dashboard_day_division on supervision_dashboard_day (division_code varchar_pattern_ops, day);
create index supervision_dashboard_day_body on supervision_dashboard_day (body_id, day);

-- Every event already counted (kind + id of what it is about): a redelivered event finds its key and adds nothing.
create table supervision_dashboard_counted (
    kind       varchar(20) not null,
    source_id  uuid        not null,
    primary key (kind, source_id)
);

-- Open findings per body and period for the dashboard.
create index supervision_finding_body on supervision_finding (body_id, status, found_at);

-- The same figures summed per calendar month (month = its first day), kept in the same transaction as the days: a
-- period of whole months reads these, only the partial months at its ends read days.
create table supervision_dashboard_month (like supervision_dashboard_day including defaults);
alter table supervision_dashboard_month rename column day to month;
alter table supervision_dashboard_month add primary key (month, division_code, body_id, item_code);
create index supervision_dashboard_month_division on supervision_dashboard_month (division_code varchar_pattern_ops, month);
create index supervision_dashboard_month_body on supervision_dashboard_month (body_id, month);

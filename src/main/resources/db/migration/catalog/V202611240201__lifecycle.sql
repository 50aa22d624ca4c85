-- The rest of an item's life: approved versions waiting for their effective date (APPROVED), suspension (暂停) and
-- repeal (取消) with their reason, and the real-name assurance level each item needs (DOMAIN §8), kept in a column
-- as well as in the guide so that other modules can filter on it.
alter table catalog_implementation_item
    add column approved_at timestamp with time zone,
    add column status_reason varchar(1000),
    add column status_changed_by uuid,
    add column status_changed_at timestamp with time zone,
    add column assurance_level smallint not null default 2 check (assurance_level between 1 and 4);
-- The scheduled job looks for approved versions whose date has come.
create index catalog_implementation_item_approved on catalog_implementation_item (effective_from)
    where status = 'APPROVED';
create index catalog_implementation_item_code on catalog_implementation_item (code, version);

-- Blank forms and samples of materials (空白表格、示例样表) and result samples, uploaded by administrators.
-- Content-addressed: the same file uploaded twice is stored once.
create table catalog_attachment
(
    id           uuid primary key,
    sha256       char(64)                 not null unique,
    content_type varchar(100)             not null,
    file_name    varchar(200)             not null,
    size         bigint                   not null check (size >= 0),
    content      bytea                    not null,
    uploaded_by  uuid                     not null,
    uploaded_at  timestamp with time zone not null default now()
);

-- Imports of large files run in the background; any node can show their progress and outcome.
create table catalog_import_job
(
    id          uuid primary key,
    file_name   varchar(200)             not null,
    started_by  uuid                     not null,
    division    varchar(12)              not null,
    status      varchar(20)              not null,
    stage       varchar(20),
    done        int                      not null default 0,
    total       int                      not null default 0,
    imported    int,
    problems    jsonb,
    started_at  timestamp with time zone not null default now(),
    updated_at  timestamp with time zone not null default now()
);

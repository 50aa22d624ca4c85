-- Service-item catalogue (政务服务事项目录): basic items (基本目录) and implementation items (实施清单), every version
-- kept. A version's content is immutable once submitted; publication only changes its status.

create table catalog_basic_item
(
    id             uuid primary key,
    code           varchar(12)              not null,
    version        int                      not null check (version > 0),
    name           varchar(200)             not null,
    item_type      varchar(2)               not null,
    target         varchar(20)              not null,
    department     varchar(40)              not null,
    levels         varchar(100)             not null,
    themes         varchar(300)             not null,
    aliases        varchar(1000)            not null default '',
    legal_bases    jsonb                    not null,
    standard       jsonb                    not null,
    status         varchar(20)              not null,
    effective_from date,
    published_at   timestamp with time zone,
    created_at     timestamp with time zone not null default now(),
    unique (code, version)
);
create index catalog_basic_item_current on catalog_basic_item (code) where status = 'PUBLISHED';

create table catalog_implementation_item
(
    id             uuid primary key,
    code           varchar(31)              not null,
    version        int                      not null check (version > 0),
    basic_code     varchar(12)              not null,
    basic_version  int                      not null,
    name           varchar(200)             not null,
    aliases        varchar(1000)            not null default '',
    item_type      varchar(2)               not null,
    target         varchar(20)              not null,
    themes         varchar(300)             not null,
    body_id        uuid                     not null,
    body_name      varchar(200)             not null,
    division_code  varchar(12)              not null,
    division_name  varchar(200)             not null,
    division_lineage varchar(60)            not null,
    level          varchar(10)              not null,
    online_depth   varchar(3)               not null,
    guide          jsonb                    not null,
    venue          jsonb                    not null,
    status         varchar(20)              not null,
    effective_from date,
    published_at   timestamp with time zone,
    created_at     timestamp with time zone not null default now(),
    unique (code, version),
    foreign key (basic_code, basic_version) references catalog_basic_item (code, version)
);
create index catalog_implementation_item_published on catalog_implementation_item (code) where status = 'PUBLISHED';
create index catalog_implementation_item_division on catalog_implementation_item (division_code) where status = 'PUBLISHED';
create index catalog_implementation_item_body on catalog_implementation_item (body_id) where status = 'PUBLISHED';

-- Search synonyms administrators edit (营业执照 ~ 工商登记): one group of interchangeable terms per row.
create table catalog_synonym_group
(
    id         uuid primary key,
    terms      varchar(500)             not null,
    updated_at timestamp with time zone not null default now()
);

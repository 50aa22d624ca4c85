-- Data-sharing exchange (政务信息资源共享, 政务数据共享条例 国务院令第809号): the base databases the platform serves,
-- the resource catalogue (信息资源目录), sharing requests and the access log. ID numbers are stored encrypted
-- (AES-256-GCM) with a keyed look-up hash (HMAC-SHA-256), never in clear (DOMAIN §8).

-- 人口基础信息库
create table exchange_person
(
    id_number_hash     varchar(64)  not null primary key,
    id_number_cipher   varchar(200) not null,
    id_number_masked   varchar(18)  not null,
    name               varchar(100) not null,
    sex                char(1)      not null check (sex in ('M', 'F')),
    birth_date         date         not null,
    ethnicity          varchar(20)  not null,
    household_division varchar(12)  not null,
    address            varchar(300) not null,
    marital_status     varchar(10)  not null check (marital_status in ('SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED')),
    updated_on         date         not null
);

-- 法人基础信息库
create table exchange_legal_person
(
    credit_code        char(18)       not null primary key,
    name               varchar(200)   not null,
    kind               varchar(20)    not null,
    legal_rep_name     varchar(100)   not null,
    legal_rep_id_hash  varchar(64)    not null,
    registered_capital numeric(16, 2) not null,
    established_on     date           not null,
    division           varchar(12)    not null,
    address            varchar(300)   not null,
    status             varchar(12)    not null check (status in ('ACTIVE', 'CANCELLED', 'REVOKED')),
    updated_on         date           not null
);
create index exchange_legal_person_rep on exchange_legal_person (legal_rep_id_hash);

-- 社会信用: 严重失信主体名单 and 行政处罚. subject_key is the ID-number hash of a person or the credit code of a company.
create table exchange_dishonest_entry
(
    id           bigserial    primary key,
    subject_type varchar(8)   not null check (subject_type in ('PERSON', 'COMPANY')),
    subject_key  varchar(64)  not null,
    listed_by    varchar(200) not null,
    reason       varchar(500) not null,
    listed_on    date         not null,
    removed_on   date
);
create index exchange_dishonest_subject on exchange_dishonest_entry (subject_type, subject_key);

create table exchange_penalty
(
    id              bigserial    primary key,
    subject_type    varchar(8)   not null check (subject_type in ('PERSON', 'COMPANY')),
    subject_key     varchar(64)  not null,
    decision_number varchar(100) not null,
    authority       varchar(200) not null,
    violation       varchar(500) not null,
    penalty         varchar(500) not null,
    decided_on      date         not null
);
create index exchange_penalty_subject on exchange_penalty (subject_type, subject_key);

-- 信息资源目录 (DOMAIN §9): one row per shareable resource; its data items in exchange_resource_item.
create table exchange_resource
(
    id                 uuid          primary key,
    code               varchar(40)   not null unique,
    class_code         varchar(6)    not null,
    name               varchar(200)  not null,
    source             varchar(20)   not null,
    provider_body_id   uuid          not null,
    provider_body_name varchar(200)  not null,
    provider_code      varchar(18)   not null,
    summary            varchar(1000) not null,
    format             varchar(20)   not null,
    sharing_type       varchar(14)   not null check (sharing_type in ('UNCONDITIONAL', 'CONDITIONAL', 'NONE')),
    sharing_condition  varchar(1000),
    legal_basis        varchar(1000),
    sharing_method     varchar(20)   not null,
    openness           varchar(20)   not null,
    update_cycle       varchar(20)   not null,
    published_on       date          not null,
    related_codes      varchar(400),
    updated_at         timestamp with time zone not null default now(),
    version            bigint        not null default 0,
    -- 有条件共享 and 不予共享 need a legal basis (政务数据共享条例)
    constraint exchange_resource_basis check (sharing_type = 'UNCONDITIONAL' or length(coalesce(legal_basis, '')) > 0)
);

create table exchange_resource_item
(
    resource_id uuid        not null references exchange_resource (id) on delete cascade,
    position    int         not null,
    item        varchar(40) not null,
    primary key (resource_id, item)
);

-- 共享申请: a consuming body asks for named items of a conditional resource, for a purpose, until a date.
create table exchange_sharing_request
(
    id                 uuid          primary key,
    resource_id        uuid          not null references exchange_resource (id),
    consumer_body_id   uuid          not null,
    consumer_body_name varchar(200)  not null,
    items              varchar(1000) not null,
    purpose            varchar(200)  not null,
    legal_basis        varchar(1000) not null,
    valid_until        date          not null,
    status             varchar(10)   not null check (status in ('PENDING', 'APPROVED', 'REFUSED')),
    requested_by       uuid          not null,
    requested_by_name  varchar(100)  not null,
    requested_at       timestamp with time zone not null,
    answer_due         date          not null,
    decided_by         uuid,
    decided_by_name    varchar(100),
    decided_at         timestamp with time zone,
    reason             varchar(1000),
    version            bigint        not null default 0
);
create index exchange_request_consumer on exchange_sharing_request (consumer_body_id, resource_id, status);
create index exchange_request_pending on exchange_sharing_request (resource_id) where status = 'PENDING';

-- 共享访问日志: every exchange, served or denied; append-only and hash-chained (each row's hash covers the previous
-- row's hash), so that an altered or deleted entry breaks the chain.
create table exchange_access_log
(
    id                 bigserial     primary key,
    occurred_at        timestamp with time zone not null,
    channel            varchar(10)   not null,
    consumer_body_id   uuid,
    consumer_body_name varchar(200)  not null,
    consumer_actor     varchar(200)  not null,
    resource_code      varchar(40)   not null,
    resource_name      varchar(200)  not null,
    provider_body_name varchar(200)  not null,
    subject_type       varchar(8)    not null,
    subject_key        varchar(64)   not null,
    subject_masked     varchar(40)   not null,
    items              varchar(1000) not null,
    withheld_items     varchar(1000) not null,
    purpose            varchar(200)  not null,
    case_reference     varchar(100),
    result             varchar(12)   not null,
    previous_hash      varchar(64)   not null,
    hash               varchar(64)   not null
);
create index exchange_access_subject on exchange_access_log (subject_type, subject_key, id desc);

create or replace function exchange_access_log_append_only() returns trigger language plpgsql as
$$
begin
    raise exception 'exchange_access_log is append-only';
end
$$;
create trigger exchange_access_log_no_update
    before update or delete on exchange_access_log
    for each row execute function exchange_access_log_append_only();

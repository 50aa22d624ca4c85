-- Administrative divisions (GB/T 2260; 12-digit statistical codes below county level).
create table org_division
(
    code        varchar(12) primary key,
    name        varchar(100) not null,
    level       varchar(16)  not null check (level in ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code varchar(12) references org_division (code),
    full_name   varchar(400) not null,
    sample      boolean      not null default false,
    check ((level = 'PROVINCE') = (parent_code is null))
);
create index org_division_by_parent on org_division (parent_code, code);
create index org_division_by_name on org_division (name text_pattern_ops);

-- Government bodies that implement service items (实施主体).
create table org_body
(
    id            uuid primary key,
    credit_code   char(18)     not null unique,
    name          varchar(200) not null,
    category      varchar(40)  not null,
    level         varchar(16)  not null,
    division_code varchar(12)  not null references org_division (code),
    phone         varchar(40),
    sample        boolean      not null default false
);
create index org_body_by_division on org_body (division_code, category);

-- Service halls (政务服务大厅 / 便民服务中心) and their windows (窗口).
create table org_hall
(
    id            uuid primary key,
    name          varchar(200) not null,
    body_id       uuid         not null references org_body (id),
    division_code varchar(12)  not null references org_division (code),
    address       varchar(300) not null,
    opening_hours varchar(200) not null,
    phone         varchar(40),
    sample        boolean      not null default false
);
create index org_hall_by_division on org_hall (division_code);
create index org_hall_by_body on org_hall (body_id);

create table org_window
(
    id      uuid primary key,
    hall_id uuid         not null references org_hall (id) on delete cascade,
    number  varchar(10)  not null,
    name    varchar(100) not null,
    kind    varchar(20)  not null check (kind in ('ACCEPTANCE', 'DELIVERY', 'CONSULTATION', 'ASSISTANCE')),
    unique (hall_id, number)
);

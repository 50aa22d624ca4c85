-- Statutory holidays and make-up working days (调休), one row per special day. A year is covered when it has a
-- row in platform_calendar_year; every other weekday is a working day and every other weekend day a rest day.
create table platform_calendar_year
(
    year        int primary key check (year between 1949 and 2200),
    source      varchar(300)             not null,
    imported_at timestamp with time zone not null default now()
);

create table platform_calendar_day
(
    day      date primary key,
    year     int         not null references platform_calendar_year (year) on delete cascade,
    kind     varchar(10) not null check (kind in ('HOLIDAY', 'WORKDAY')),
    festival varchar(50)
);

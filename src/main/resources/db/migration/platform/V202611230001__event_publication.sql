-- Spring Modulith's JDBC event publication registry (schema v2): module events survive restarts and are
-- re-delivered to listeners that had not completed.
create table event_publication
(
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

create table event_publication_archive
(
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_archive_serialized_event_hash_idx on event_publication_archive using hash (serialized_event);
create index event_publication_archive_by_completion_date_idx on event_publication_archive (completion_date);

-- Demo data sets already loaded into this database (never loaded twice).
create table platform_demo_data_set
(
    name      varchar(100) primary key,
    summary   text                     not null,
    loaded_at timestamp with time zone not null default now()
);

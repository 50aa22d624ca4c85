-- Official documents of a case (受理通知书, 补正材料通知书, 不予受理通知书, 准予/不予行政许可决定书): each is issued
-- once, with a document number (文号) of the issuing body, and kept as issued, so every download shows the same text
-- and number. The content holds no clear personal data (the ID number is masked, DOMAIN §8).
create table cases_document (
    kind           varchar(20)  not null,
    -- the application, or for a correction notice the correction request it states
    subject_id     uuid         not null,
    application_id uuid         not null references cases_application (id),
    body_id        uuid         not null,
    year           integer      not null,
    sequence       integer      not null,
    number         varchar(100) not null,
    issued_on      date         not null,
    content        jsonb        not null,
    created_at     timestamptz  not null default now(),
    primary key (kind, subject_id),
    unique (body_id, kind, year, sequence)
);
create index cases_document_application on cases_document (application_id);

-- One gap-free sequence per issuing body, kind of document and year: the row is locked by the statement that
-- increments it until the issuing transaction ends, so a rolled-back issue gives its number back.
create table cases_document_sequence (
    body_id    uuid        not null,
    kind       varchar(20) not null,
    year       integer     not null,
    last_value integer     not null,
    primary key (body_id, kind, year)
);

create function cases_document_immutable() returns trigger language plpgsql as
$$
begin
    raise exception 'cases_document is append-only: an issued document is never changed';
end;
$$;
create trigger cases_document_no_update before update or delete on cases_document
    for each row execute function cases_document_immutable();

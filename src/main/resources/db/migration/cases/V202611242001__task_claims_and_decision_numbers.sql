-- Claim and assignment within a body (认领 / 分派): an open task may be held by one officer of its body; while it is
-- held nobody else acts on it. Who claimed, released or assigned it is in the case's history (cases_step) and on the
-- audit trail.
alter table cases_task add column holder_id uuid;
alter table cases_task add column holder_name varchar(100);
alter table cases_task add column held_since timestamp with time zone;
create index cases_task_held on cases_task (holder_id, due_on) where status = 'OPEN';

-- Decision numbers (文号) of licensing decisions (准予 / 不予行政许可决定书, 行政许可法 Art. 37–38): one gap-free
-- sequence per deciding body and year. The row is incremented by the decision's own transaction and stays locked
-- until it ends, so a rolled-back decision gives its number back and two decisions never share one.
create table cases_decision_sequence
(
    body_id    uuid    not null,
    year       integer not null,
    last_value integer not null,
    primary key (body_id, year)
);

alter table cases_case add column decision_body_id uuid;
alter table cases_case add column decision_year integer;
alter table cases_case add column decision_sequence integer;
create unique index cases_case_decision_sequence on cases_case (decision_body_id, decision_year, decision_sequence)
    where decision_sequence is not null;

-- A decision document carries the decision's number, drawn from the decision sequence rather than the per-kind
-- document sequence: documents are unique by their number within the issuing body.
alter table cases_document drop constraint if exists cases_document_body_id_kind_year_sequence_key;
create unique index cases_document_number on cases_document (body_id, number);

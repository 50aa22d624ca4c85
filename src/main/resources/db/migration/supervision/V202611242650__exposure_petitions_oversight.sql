-- The exposure and correction column (曝光纠错) publishes answered complaints and reports from the petitions as well as
-- the older complaints; the submitter never appears (personal data scrubbed automatically and edited by the
-- supervisor before publishing, 个人信息保护法 Art. 34).
alter table supervision_exposure alter column complaint_id drop not null;
alter table supervision_exposure add column petition_id uuid unique references supervision_petition (id);
alter table supervision_exposure add column source_kind varchar(20) not null default 'COMPLAINT'
    check (source_kind in ('COMPLAINT', 'REPORT'));
alter table supervision_exposure add constraint supervision_exposure_one_source
    check ((complaint_id is null) <> (petition_id is null));

-- Supervisors urge (催办) the responsible body about a petition past its deadline; the body sees each urging.
create table supervision_petition_urge (
    id            uuid primary key,
    petition_id   uuid          not null references supervision_petition (id),
    body_id       uuid          not null,
    note          varchar(1000) not null,
    urged_by      uuid          not null,
    urged_by_name varchar(100)  not null,
    urged_at      timestamptz   not null
);
create index supervision_petition_urge_petition on supervision_petition_urge (petition_id, urged_at);
create index supervision_petition_urge_body on supervision_petition_urge (body_id, urged_at desc);
create index supervision_petition_overdue on supervision_petition (division_code, due_on) where status = 'OPEN';

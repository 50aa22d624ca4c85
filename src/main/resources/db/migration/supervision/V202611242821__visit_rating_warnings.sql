-- A bad rating of a hall visit (一次一评, 国办发〔2019〕51号: every bad rating is followed up) is a warning of the hall's
-- body and division like a bad case rating, but it has no case: it names the visit, the hall and window, and the
-- rater only masked (张* / 138****5678).
alter table supervision_warning alter column application_id drop not null;
alter table supervision_warning alter column case_number drop not null;
alter table supervision_warning add column visit_id uuid;
alter table supervision_warning add column place varchar(330);
alter table supervision_warning add column rater_masked varchar(50);
alter table supervision_warning add constraint supervision_warning_case_or_visit
    check ((application_id is null) <> (visit_id is null));
create index supervision_warning_visit on supervision_warning (visit_id) where visit_id is not null;

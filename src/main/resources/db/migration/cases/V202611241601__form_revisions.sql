-- Administrators correct an item version's application form: each correction is a new revision of that version's
-- form; an application keeps the revision it was submitted with (drafts follow the newest).
alter table cases_form_definition add column revision int not null default 1;
alter table cases_form_definition add column published_by uuid;
alter table cases_form_definition drop constraint cases_form_definition_pkey;
alter table cases_form_definition add primary key (item_code, item_version, revision);

alter table cases_application add column form_revision int;
update cases_application set form_revision = 1 where status <> 'DRAFT';

-- Who published a version of a process definition, for the version history of the admin console (issue 6). Versions
-- derived from a template or from the guide were published by nobody and keep these empty.
alter table cases_process_definition add column published_by uuid;
alter table cases_process_definition add column published_by_name varchar(100);

-- The open cases of an item per definition version (the history shows how many still run on each).
create index cases_case_item_version on cases_case (item_code, definition_version) where state <> 'COMPLETED';

-- The deadline scan returns each warned task with its case number and item code. Joined from cases_application, they
-- cost one random read of that wide table per warning: about 70 % of the first scan of a working day at 1M open cases
-- (auto_explain, bench/README.md "Deadline scan"). Both are fixed once the application is submitted (the case number
-- is given at submission, before any task exists), so each task keeps a copy.
alter table cases_task add column case_number varchar(50), add column item_code varchar(31);
update cases_task t set case_number = a.case_number, item_code = a.item_code
from cases_application a where a.id = t.application_id;
alter table cases_task alter column item_code set not null;

-- The first deadline scan of a working day raises the warning level of tens of thousands of tasks. While `warned` was
-- part of an index (the predicate of cases_task_deadline_order), every such update wrote a new row version into all
-- of cases_task's indexes. Without it in any index, and with free room left on each page (fillfactor), PostgreSQL
-- updates the row in place on its page (a heap-only tuple) and touches no index at all.
-- The scan's index now holds every open, unpaused task by due date and id; the tasks already warned as overdue are
-- filtered on the row (they are the tasks due before yesterday, read once per scan in index order).
drop index if exists cases_task_deadline_order;
create index cases_task_deadline_open on cases_task (due_on, id) where status = 'OPEN' and paused_since is null;
-- Applies to pages written from now on (existing pages are not rewritten).
alter table cases_task set (fillfactor = 85);

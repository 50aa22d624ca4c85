-- The deadline scan walks the open, unpaused, not yet overdue-warned tasks by due date and id, a batch at a time,
-- each batch starting after the previous one's last row (keyset): it never re-reads the tasks already warned at
-- their level, however many tasks fall inside the warning horizon.
drop index if exists cases_task_deadline;
create index cases_task_deadline_order on cases_task (due_on, id)
    where status = 'OPEN' and paused_since is null and warned < 3;

-- The to-do list reads a body's open tasks in this order (running before paused, then by due date) a page at a
-- time; with this index it stops after the page instead of sorting every open task of the body.
create index cases_task_todo_order on cases_task (body_id, (paused_since is not null), due_on, created_at)
    where status = 'OPEN';
-- The officer's list of done tasks (latest first), without reading every finished task.
create index cases_task_done on cases_task (acted_by, completed_at desc) where status = 'DONE';

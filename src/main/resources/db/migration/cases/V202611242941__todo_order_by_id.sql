-- The to-do list orders a body's open tasks by (running before paused, due date, creation) and then by id, so that
-- tasks created in one transaction (parallel branches share created_at) keep one order and pages never overlap. The
-- id is part of both indexes, so a page is still read in index order and the read stops after it, however many
-- tasks share a due date and a creation time.
drop index if exists cases_task_todo_role;
create index cases_task_todo_role on cases_task (body_id, role, (paused_since is not null), due_on, created_at, id)
    where status = 'OPEN';
drop index if exists cases_task_todo_order;
create index cases_task_todo_order on cases_task (body_id, (paused_since is not null), due_on, created_at, id)
    where status = 'OPEN';

-- An officer's to-do list shows the body's open tasks of the officer's roles, most urgent first: read per role in
-- that order, so a body with many open tasks of other roles is not walked through to fill the page.
create index cases_task_todo_role on cases_task (body_id, role, (paused_since is not null), due_on, created_at)
    where status = 'OPEN';

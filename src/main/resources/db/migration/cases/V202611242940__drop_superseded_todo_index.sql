-- cases_task_todo (body_id, due_on) was superseded by cases_task_todo_order and cases_task_todo_role: no query plans
-- use it any more, and every change of an open task (the deadline scan raises the warning level of tens of thousands
-- of tasks on the first scan of a day) had to write it too.
drop index if exists cases_task_todo;

-- The deadline scan's own narrow table: one row per open, unpaused task with its due date and the warning level
-- already published. Its index orders the rows by (level, due date, id), so each of the scan's three questions —
-- "not warned yet and due within the warning window", "warned yellow and due today", "warned on the last day and
-- overdue" — is one contiguous index range holding exactly the tasks that need a warning. Scanning cases_task read
-- every open task of the window, the tens of thousands already warned included, at every scan; and a level kept in
-- one of cases_task's indexes made each raise rewrite all of them.
-- Kept by a trigger on cases_task, so every writer (the engine, bulk loads, repairs in SQL) keeps it right; the scan
-- raises the level here and in cases_task.warned (the history that the dashboard counts).
create table cases_task_deadline (
    task_id uuid primary key references cases_task (id) on delete cascade,
    due_on  date     not null,
    warned  smallint not null
);
create index cases_task_deadline_pending on cases_task_deadline (warned, due_on, task_id);

create function cases_task_deadline_sync() returns trigger language plpgsql as $$
begin
    if new.status = 'OPEN' and new.paused_since is null then
        insert into cases_task_deadline (task_id, due_on, warned) values (new.id, new.due_on, new.warned)
        on conflict (task_id) do update set due_on = excluded.due_on, warned = excluded.warned
            where (cases_task_deadline.due_on, cases_task_deadline.warned)
                is distinct from (excluded.due_on, excluded.warned);
    elsif tg_op = 'UPDATE' then
        delete from cases_task_deadline where task_id = new.id;
    end if;
    return null;
end $$;

-- Not on updates of warned alone (the scan writes both tables) or of the holder (claims and assignments).
create trigger cases_task_deadline_sync after insert or update of status, paused_since, due_on on cases_task
    for each row execute function cases_task_deadline_sync();

insert into cases_task_deadline (task_id, due_on, warned)
select id, due_on, warned from cases_task where status = 'OPEN' and paused_since is null;

-- The scan no longer reads cases_task by due date.
drop index if exists cases_task_deadline_open;

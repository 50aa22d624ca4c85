-- The deadline scan's own narrow table: one row per open, unpaused task with its due date and the warning level
-- already published (0 none, 1 yellow, 2 last day, 3 missed). Its index orders the rows by (level, due date, id), so
-- each of the scan's three questions — "not warned yet and due within the warning window", "warned yellow and due
-- today", "warned on the last day and overdue" — is one contiguous index range holding exactly the tasks that need a
-- warning. Scanning cases_task read every open task of the window, the tens of thousands already warned included, at
-- every scan; and raising a level in the wide table wrote a new version of its row.
-- Kept by a trigger on cases_task, so every writer (the engine, bulk loads, repairs in SQL) keeps it right: a new open
-- task, or one whose due date moved (an approved extension, the end of a special procedure), starts at level 0; a task
-- no longer open, or paused, leaves it. The level is the scan's alone; the warnings it published are in supervision
-- (supervision_warning), which is where the dashboard's recount of overdue tasks reads them.
create table cases_task_deadline (
    task_id uuid primary key, -- a task's id (no foreign key: its check would cost every insert; see the triggers)
    due_on  date     not null,
    warned  smallint not null default 0
);
create index cases_task_deadline_pending on cases_task_deadline (warned, due_on, task_id);

create function cases_task_deadline_sync() returns trigger language plpgsql as $$
begin
    if new.status = 'OPEN' and new.paused_since is null then
        insert into cases_task_deadline (task_id, due_on) values (new.id, new.due_on)
        on conflict (task_id) do update set due_on = excluded.due_on, warned = 0
            where cases_task_deadline.due_on <> excluded.due_on;
    elsif tg_op = 'UPDATE' then
        delete from cases_task_deadline where task_id = new.id;
    end if;
    return null;
end $$;

create function cases_task_deadline_forget() returns trigger language plpgsql as $$
begin
    delete from cases_task_deadline where task_id = old.id;
    return null;
end $$;

-- Not on other updates (claims, assignments, opinions).
create trigger cases_task_deadline_sync after insert or update of status, paused_since, due_on on cases_task
    for each row execute function cases_task_deadline_sync();
-- Tasks are not deleted by the platform; a repair in SQL that deletes one takes its row along.
create trigger cases_task_deadline_forget after delete on cases_task
    for each row execute function cases_task_deadline_forget();

insert into cases_task_deadline (task_id, due_on, warned)
select id, due_on, warned from cases_task where status = 'OPEN' and paused_since is null;

-- The scan no longer reads cases_task by due date, nor keeps its level there.
drop index if exists cases_task_deadline_open;
alter table cases_task drop column warned;

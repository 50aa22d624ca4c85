package org.tongban.cases;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.platform.calendar.WorkingDays;

/**
 * Warns before and at the deadline of every open, unpaused task (限时办结, 行政许可法 Art. 42): once when the remaining
 * working days fall to the threshold, again on the last day, and once more the day after (超期). The level each task
 * has reached is kept in the scan's narrow table {@code cases_task_deadline} (one row per open, unpaused task, kept by
 * a trigger on {@code cases_task}, back to level 0 when the due date moves), whose index holds exactly the tasks that
 * need a warning in three ranges. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several nodes may scan at
 * once and every warning is published exactly once, in one {@link DeadlineWarnings} event per batch (through the
 * event publication registry, in the transaction that raised the levels). For the same reason one scan runs
 * {@code tongban.cases.deadlines.workers} batches at once: a batch waits for the database, then the database waits for
 * the JVM, so a single one leaves a core idle.
 */
@Service
public class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 1000;
    private static final UUID LOWEST = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WorkingDays workingDays;
    private final ApplicationEventPublisher events;
    private final CasesProperties properties;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    DeadlineWatch(JdbcClient jdbc, TransactionTemplate transactions, WorkingDays workingDays,
            ApplicationEventPublisher events, CasesProperties properties) {
        this(jdbc, transactions, workingDays, events, properties, Clock.systemUTC());
    }

    private DeadlineWatch(JdbcClient jdbc, TransactionTemplate transactions, WorkingDays workingDays,
            ApplicationEventPublisher events, CasesProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.workingDays = workingDays;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public DeadlineWatch withClock(Clock clock) {
        return new DeadlineWatch(jdbc, transactions, workingDays, events, properties, clock);
    }

    @Scheduled(initialDelayString = "${tongban.cases.deadlines.interval:10m}",
            fixedDelayString = "${tongban.cases.deadlines.interval:10m}")
    void scheduled() {
        if (properties.deadlines().enabled()) {
            run();
        }
    }

    /** Where the last batch ended, in the order of the index {@code cases_task_deadline_pending}. */
    private record Cursor(LocalDate dueOn, UUID id) {
    }

    /** One batch: how many tasks it claimed, the last of them (the next batch starts after it), its warnings. */
    private record Batch(int claimed, Cursor last, List<DeadlineWarnings.Warning> warnings) {
    }

    /** Scans once; answers the warnings it issued. */
    public List<DeadlineWarnings.Warning> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Applications.ZONE);
        CaseCalendar calendar = new CaseCalendar(workingDays.calendar());
        LocalDate horizon = calendar.addWorkingDays(today, properties.deadlines().warningDays());
        int workers = properties.deadlines().workers();
        long started = System.nanoTime();
        List<DeadlineWarnings.Warning> issued = new ArrayList<>();
        // Three ranges of the index, each holding only tasks that need a warning: not warned yet and due within the
        // window (→ 1, 2 or 3), warned yellow and due today or before (→ 2 or 3), warned on the last day and overdue
        // (→ 3). A task leaves its range when it is raised, so the ranges never share a task.
        LocalDate[] upTo = { horizon, today, today.minusDays(1) };
        for (int warned = 0; warned < upTo.length; warned++) {
            Range range = new Range(today, calendar, warned, upTo[warned]);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<List<DeadlineWarnings.Warning>>> walks = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    walks.add(pool.submit(() -> walk(range)));
                }
                for (Future<List<DeadlineWarnings.Warning>> walk : walks) {
                    issued.addAll(result(walk));
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!issued.isEmpty()) {
            log.info("Deadline scan issued {} warnings in {} ms", issued.size(), millis);
        } else {
            log.debug("Deadline scan issued no warning in {} ms", millis);
        }
        return issued;
    }

    /**
     * One range of one scan, walked by the scan's workers together: each batch starts after the furthest batch any of
     * them has claimed so far. Every task before that point was claimed by one of them — a claim skips only rows
     * locked by another worker's batch, or by an officer's transaction changing the task (left, as with one worker,
     * to the next scan) — so no task is claimed twice, and none is read twice.
     */
    private static final class Range {

        final LocalDate today;
        final CaseCalendar calendar;
        final int warned;
        final LocalDate upTo;
        private Cursor furthest = new Cursor(LocalDate.of(1, 1, 1), LOWEST);

        Range(LocalDate today, CaseCalendar calendar, int warned, LocalDate upTo) {
            this.today = today;
            this.calendar = calendar;
            this.warned = warned;
            this.upTo = upTo;
        }

        synchronized Cursor furthest() {
            return furthest;
        }

        synchronized void reached(Cursor last) {
            if (after(last, furthest)) {
                furthest = last;
            }
        }
    }

    /** One worker's part of a range: batches until a claim finds fewer tasks than a batch holds. */
    private List<DeadlineWarnings.Warning> walk(Range range) {
        List<DeadlineWarnings.Warning> issued = new ArrayList<>();
        Batch batch;
        do {
            Cursor after = range.furthest();
            batch = transactions.execute(status -> scan(range.today, range.calendar, range.warned, range.upTo, after));
            issued.addAll(batch.warnings());
            range.reached(batch.last());
        } while (batch.claimed() == BATCH);
        return issued;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("deadline scan interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Batch scan(LocalDate today, CaseCalendar calendar, int warned, LocalDate upTo, Cursor after) {
        // One statement per batch: the tasks of the range are claimed in index order after the previous batch (keyset
        // on due date and id) with FOR UPDATE SKIP LOCKED — so two nodes scanning at once never claim the same task —
        // and raised to their level; then their case number, item code, body and holder are read from the task rows
        // (read only: the scan never locks cases_task, so it cannot wait on an officer's transaction, which locks the
        // task row first and this row through the trigger). A task completed or paused meanwhile has left the table
        // or waits for this transaction; either way each warning is published exactly once.
        List<DeadlineWarnings.Warning> warnings = jdbc.sql("""
                with claimed as (
                    select d.task_id from cases_task_deadline d
                    where d.warned = :warned and d.due_on <= :upTo and (d.due_on, d.task_id) > (:afterDue, :afterId)
                    order by d.due_on, d.task_id limit :batch for update skip locked),
                raised as (
                    update cases_task_deadline d
                    set warned = case when d.due_on < :today then 3 when d.due_on = :today then 2 else 1 end
                    from claimed c where d.task_id = c.task_id
                    returning d.task_id, d.due_on, d.warned)
                select r.task_id, r.due_on, t.application_id, t.case_number, t.item_code, t.body_id, r.warned,
                    t.holder_id, t.holder_name
                from raised r join cases_task t on t.id = r.task_id""")
                .param("warned", warned).param("upTo", Date.valueOf(upTo)).param("today", Date.valueOf(today))
                .param("afterDue", Date.valueOf(after.dueOn())).param("afterId", after.id()).param("batch", BATCH)
                .query((rs, n) -> warning(rs, today, calendar))
                .list();
        Cursor last = after;
        for (DeadlineWarnings.Warning w : warnings) {
            Cursor at = new Cursor(w.dueOn(), w.taskId());
            if (after(at, last)) {
                last = at;
            }
        }
        if (!warnings.isEmpty()) {
            events.publishEvent(new DeadlineWarnings(today, warnings));
        }
        return new Batch(warnings.size(), last, warnings);
    }

    private static DeadlineWarnings.Warning warning(java.sql.ResultSet rs, LocalDate today, CaseCalendar calendar)
            throws java.sql.SQLException {
        LocalDate dueOn = rs.getDate(2).toLocalDate();
        int level = rs.getInt(7);
        return new DeadlineWarnings.Warning(rs.getObject(1, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), dueOn, level,
                level == 1 ? calendar.workingDaysBetween(today, dueOn) : 0, rs.getObject(8, UUID.class),
                rs.getString(9));
    }

    /** Whether {@code a} sorts after {@code b} as PostgreSQL sorts (due date, uuid) — uuids as unsigned bytes. */
    private static boolean after(Cursor a, Cursor b) {
        int byDay = a.dueOn().compareTo(b.dueOn());
        if (byDay != 0) {
            return byDay > 0;
        }
        int high = Long.compareUnsigned(a.id().getMostSignificantBits(), b.id().getMostSignificantBits());
        return high != 0 ? high > 0
                : Long.compareUnsigned(a.id().getLeastSignificantBits(), b.id().getLeastSignificantBits()) > 0;
    }
}

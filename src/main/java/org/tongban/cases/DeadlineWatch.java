package org.tongban.cases;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * working days fall to the threshold, again on the last day, and once more the day after (超期). Each warning level is
 * recorded on the task, and tasks are claimed with {@code FOR UPDATE SKIP LOCKED}, so several nodes may scan at once
 * and every warning is published exactly once, in one {@link DeadlineWarnings} event per batch (through the event
 * publication registry, in the transaction that raised the levels).
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

    /** Where the last batch ended, in the order of the index {@code cases_task_deadline_open}. */
    private record Cursor(LocalDate dueOn, UUID id) {

        /** Whether {@code (dueOn, id)} sorts after this cursor as PostgreSQL sorts them (uuid: unsigned bytes). */
        boolean before(LocalDate otherDue, UUID otherId) {
            int byDay = otherDue.compareTo(dueOn);
            if (byDay != 0) {
                return byDay > 0;
            }
            int high = Long.compareUnsigned(otherId.getMostSignificantBits(), id.getMostSignificantBits());
            return high != 0 ? high > 0
                    : Long.compareUnsigned(otherId.getLeastSignificantBits(), id.getLeastSignificantBits()) > 0;
        }
    }

    /** Scans once; answers the warnings it issued. */
    public List<DeadlineWarnings.Warning> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Applications.ZONE);
        CaseCalendar calendar = new CaseCalendar(workingDays.calendar());
        LocalDate horizon = calendar.addWorkingDays(today, properties.deadlines().warningDays());
        long started = System.nanoTime();
        List<DeadlineWarnings.Warning> issued = new ArrayList<>();
        Cursor cursor = new Cursor(LocalDate.of(1, 1, 1), LOWEST);
        int claimed;
        do {
            Cursor after = cursor;
            List<DeadlineWarnings.Warning> batch = transactions.execute(status -> scan(today, horizon, calendar, after));
            claimed = batch.size();
            issued.addAll(batch);
            for (DeadlineWarnings.Warning w : batch) {
                if (cursor.before(w.dueOn(), w.taskId())) {
                    cursor = new Cursor(w.dueOn(), w.taskId());
                }
            }
        } while (claimed == BATCH);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!issued.isEmpty()) {
            log.info("Deadline scan issued {} warnings in {} ms", issued.size(), millis);
        } else {
            log.debug("Deadline scan issued no warning in {} ms", millis);
        }
        return issued;
    }

    private List<DeadlineWarnings.Warning> scan(LocalDate today, LocalDate horizon, CaseCalendar calendar,
            Cursor after) {
        // Only rows whose warning level must rise are claimed, and each batch starts after the last one (keyset on
        // due date and id), so no row is looked at twice; the new level is written by the same statement that claims
        // them (one round trip per batch, not one per task). The case number and item code are the task's own copies:
        // joining the wide application table cost one random read per warning.
        List<DeadlineWarnings.Warning> warnings = jdbc.sql("""
                with claimed as (
                    select t.id from cases_task t
                    where t.status = 'OPEN' and t.paused_since is null and t.warned < 3 and t.due_on <= :horizon
                      and (t.due_on, t.id) > (:afterDue, :afterId)
                      and t.warned < case when t.due_on < :today then 3 when t.due_on = :today then 2 else 1 end
                    order by t.due_on, t.id limit :batch for update of t skip locked)
                update cases_task t
                set warned = case when t.due_on < :today then 3 when t.due_on = :today then 2 else 1 end
                from claimed c
                where t.id = c.id
                returning t.id, t.application_id, t.case_number, t.item_code, t.body_id, t.due_on, t.warned,
                    t.holder_id, t.holder_name""")
                .param("horizon", Date.valueOf(horizon)).param("today", Date.valueOf(today))
                .param("afterDue", Date.valueOf(after.dueOn())).param("afterId", after.id()).param("batch", BATCH)
                .query((rs, n) -> {
                    LocalDate dueOn = rs.getDate(6).toLocalDate();
                    int level = rs.getInt(7);
                    return new DeadlineWarnings.Warning(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class), dueOn, level,
                            level == 1 ? calendar.workingDaysBetween(today, dueOn) : 0,
                            rs.getObject(8, UUID.class), rs.getString(9));
                })
                .list();
        if (!warnings.isEmpty()) {
            events.publishEvent(new DeadlineWarnings(today, warnings));
        }
        return warnings;
    }
}

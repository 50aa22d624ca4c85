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
 * Warns before and at the deadline of every open, unpaused task (限时办结): {@link DeadlineApproaching} once when the
 * remaining working days fall to the threshold, again on the last day, and {@link DeadlineMissed} the day after.
 * Each warning level is recorded on the task, and tasks are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * nodes may scan at once and every warning is published exactly once (through the event publication registry).
 */
@Service
public class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 1000;

    /** A warning issued: {@code level} 1 approaching, 2 last day, 3 missed. */
    public record Warning(UUID taskId, UUID applicationId, int level) {
    }

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

    /** A task whose warning level was just raised to {@code warned}. */
    private record Due(UUID id, UUID applicationId, UUID bodyId, LocalDate dueOn, int warned, String caseNumber) {
    }

    /** Scans once; answers the warnings it issued. */
    public List<Warning> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Applications.ZONE);
        LocalDate horizon = new CaseCalendar(workingDays.calendar()).addWorkingDays(today,
                properties.deadlines().warningDays());
        long started = System.nanoTime();
        List<Warning> issued = new ArrayList<>();
        int claimed;
        do {
            List<Warning> batch = transactions.execute(status -> scan(today, horizon));
            claimed = batch.size();
            issued.addAll(batch);
        } while (claimed == BATCH);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!issued.isEmpty()) {
            log.info("Deadline scan issued {} warnings in {} ms", issued.size(), millis);
        } else {
            log.debug("Deadline scan issued no warning in {} ms", millis);
        }
        return issued;
    }

    private List<Warning> scan(LocalDate today, LocalDate horizon) {
        // Only rows whose warning level must rise are claimed, so a batch never repeats; the new level is written by
        // the same statement that claims them (one round trip per batch, not one per task).
        List<Due> due = jdbc.sql("""
                with claimed as (
                    select t.id from cases_task t
                    where t.status = 'OPEN' and t.paused_since is null and t.warned < 3 and t.due_on <= :horizon
                      and t.warned < case when t.due_on < :today then 3 when t.due_on = :today then 2 else 1 end
                    order by t.due_on limit :batch for update of t skip locked)
                update cases_task t
                set warned = case when t.due_on < :today then 3 when t.due_on = :today then 2 else 1 end
                from claimed c, cases_application a
                where t.id = c.id and a.id = t.application_id
                returning t.id, t.application_id, t.body_id, t.due_on, t.warned, a.case_number""")
                .param("horizon", Date.valueOf(horizon)).param("today", Date.valueOf(today)).param("batch", BATCH)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getString(6)))
                .list();
        CaseCalendar calendar = new CaseCalendar(workingDays.calendar());
        List<Warning> warnings = new ArrayList<>();
        for (Due d : due) {
            int level = d.warned();
            if (level == 3) {
                events.publishEvent(new DeadlineMissed(d.applicationId(), d.caseNumber(), d.id(), d.bodyId(),
                        d.dueOn()));
            } else {
                events.publishEvent(new DeadlineApproaching(d.applicationId(), d.caseNumber(), d.id(), d.bodyId(),
                        d.dueOn(), level == 2 ? 0 : calendar.workingDaysBetween(today, d.dueOn())));
            }
            warnings.add(new Warning(d.id(), d.applicationId(), level));
        }
        return warnings;
    }
}

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

    private record Due(UUID id, UUID applicationId, UUID bodyId, LocalDate dueOn, int warned, String caseNumber) {
    }

    /** Scans once; answers the warnings it issued. */
    public List<Warning> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Applications.ZONE);
        LocalDate horizon = new CaseCalendar(workingDays.calendar()).addWorkingDays(today,
                properties.deadlines().warningDays());
        List<Warning> issued = new ArrayList<>();
        int claimed;
        do {
            List<Warning> batch = transactions.execute(status -> scan(today, horizon));
            claimed = batch.size();
            issued.addAll(batch);
        } while (claimed == BATCH);
        if (!issued.isEmpty()) {
            log.info("Issued {} deadline warnings", issued.size());
        }
        return issued;
    }

    private List<Warning> scan(LocalDate today, LocalDate horizon) {
        // Only rows whose warning level must rise are claimed, so a batch never repeats.
        List<Due> due = jdbc.sql("""
                select t.id, t.application_id, t.body_id, t.due_on, t.warned, a.case_number
                from cases_task t join cases_application a on a.id = t.application_id
                where t.status = 'OPEN' and t.paused_since is null and t.warned < 3 and t.due_on <= ?
                  and t.warned < case when t.due_on < ? then 3 when t.due_on = ? then 2 else 1 end
                order by t.due_on limit ? for update of t skip locked""")
                .params(Date.valueOf(horizon), Date.valueOf(today), Date.valueOf(today), BATCH)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getString(6)))
                .list();
        List<Warning> warnings = new ArrayList<>();
        for (Due d : due) {
            int level = d.dueOn().isBefore(today) ? 3 : d.dueOn().equals(today) ? 2 : 1;
            jdbc.sql("update cases_task set warned = ? where id = ?").params(level, d.id()).update();
            if (level == 3) {
                events.publishEvent(new DeadlineMissed(d.applicationId(), d.caseNumber(), d.id(), d.bodyId(),
                        d.dueOn()));
            } else {
                events.publishEvent(new DeadlineApproaching(d.applicationId(), d.caseNumber(), d.id(), d.bodyId(),
                        d.dueOn(), level == 2 ? 0
                                : new CaseCalendar(workingDays.calendar()).workingDaysBetween(today, d.dueOn())));
            }
            warnings.add(new Warning(d.id(), d.applicationId(), level));
        }
        return warnings;
    }
}

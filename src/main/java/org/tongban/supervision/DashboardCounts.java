package org.tongban.supervision;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAccepted;
import org.tongban.cases.CaseCompleted;
import org.tongban.cases.CaseDecided;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseSubmitted;
import org.tongban.cases.Channel;
import org.tongban.cases.DeadlineWarnings;
import org.tongban.evaluation.CaseRated;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;

/**
 * Keeps the dashboard's figures (one row per day × division × body × item) up to date from the case and rating events,
 * so the dashboard never recounts cases per request. Every event is counted once: its kind and the id it is about go
 * into {@code supervision_dashboard_counted} in the same transaction as the figures, and a redelivery by the event
 * publication registry finds the key and adds nothing. {@link #rebuild()} recomputes everything from the cases and
 * ratings tables with the same rules, for recovery.
 *
 * <p>What each day counts: received — first submission (the day the application was first received); accepted — the
 * acceptance day (行政许可法 Art. 32); decided — the decision day, on time when decided by the last day of the promised
 * limit in force at the decision (承诺时限, moved only by special procedures and approved extensions, 行政许可法 Art.
 * 42/45); completed — the day of 办结; overdue — the last day of a task that was still open after it (a missed warning of DeadlineWarnings);
 * rated — the rating day, per level (好差评 five levels, DOMAIN §6).
 */
@Component
class DashboardCounts {

    private static final Logger log = LoggerFactory.getLogger(DashboardCounts.class);
    private static final ZoneId ZONE = Applications.ZONE;

    /** Online channels (网上办理: the web portal and the mobile app, DOMAIN §5); the rest is hall and agent points. */
    static boolean online(String channel) {
        return Channel.WEB.name().equals(channel) || Channel.MOBILE_APP.name().equals(channel);
    }

    private static final String[] COLUMNS = { "received", "received_online", "accepted", "decided", "decided_on_time",
            "duration_days", "promised_days", "completed", "overdue", "rated", "rated_1", "rated_2", "rated_3",
            "rated_4", "rated_5" };
    static final int RECEIVED = 0;
    static final int RECEIVED_ONLINE = 1;
    static final int ACCEPTED = 2;
    static final int DECIDED = 3;
    static final int DECIDED_ON_TIME = 4;
    static final int DURATION_DAYS = 5;
    static final int PROMISED_DAYS = 6;
    static final int COMPLETED = 7;
    static final int OVERDUE = 8;
    static final int RATED = 9;
    static final int RATED_1 = 10;

    private static final String UPSERT_DAY = upsert("supervision_dashboard_day", "day");
    private static final String UPSERT_MONTH = upsert("supervision_dashboard_month", "month");
    /** The month summed over the items, for the divisions' views (no item code among its parameters). */
    private static final String UPSERT_BODY_MONTH = upsert("supervision_dashboard_body_month", "month", false);

    private static String upsert(String table, String period) {
        return upsert(table, period, true);
    }

    private static String upsert(String table, String period, boolean byItem) {
        String key = period + ", division_code, body_id" + (byItem ? ", item_code" : "");
        StringBuilder sql = new StringBuilder("insert into " + table + " (" + key + ", " + String.join(", ", COLUMNS)
                + ") values (?, ?, ?" + (byItem ? ", ?" : ""));
        sql.append(", ?".repeat(COLUMNS.length)).append(") on conflict (" + key + ") do update set ");
        List<String> sets = new ArrayList<>();
        for (String column : COLUMNS) {
            sets.add(column + " = " + table + "." + column + " + excluded." + column);
        }
        return sql.append(String.join(", ", sets)).toString();
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Organization organization;
    private final CaseFacts facts;
    private final TransactionTemplate transactions;

    DashboardCounts(JdbcClient jdbc, JdbcTemplate batches, Organization organization, CaseFacts facts,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.organization = organization;
        this.facts = facts;
        this.transactions = transactions;
    }

    @ApplicationModuleListener
    void on(CaseSubmitted event) {
        // A resubmission after corrections is the same application: the key (RECEIVED, application) counts it once.
        // The channel is not on the event; it is read where the application keeps it, as the rebuild does.
        var row = jdbc.sql("select channel, first_submitted_at, received_on from cases_application where id = ?")
                .param(event.applicationId())
                .query((rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2), rs.getDate(3) })
                .optional().orElse(null);
        if (row == null) {
            return;
        }
        LocalDate day = receivedDay((Timestamp) row[1], (Date) row[2], event.receivedOn());
        long[] delta = new long[COLUMNS.length];
        delta[RECEIVED] = 1;
        delta[RECEIVED_ONLINE] = online((String) row[0]) ? 1 : 0;
        count("RECEIVED", event.applicationId(), day, event.bodyId(), event.itemCode(), delta);
    }

    /** Called by {@link CaseEventListeners} (one listener for the dashboard and the anomaly rules). */
    void on(CaseAccepted event) {
        long[] delta = new long[COLUMNS.length];
        delta[ACCEPTED] = 1;
        count("ACCEPTED", event.applicationId(), event.acceptedOn(), event.bodyId(), event.itemCode(), delta);
    }

    /** Called by {@link CaseEventListeners} (one listener for the dashboard and the anomaly rules). */
    void on(CaseDecided event) {
        decided(event, facts.decision(event.applicationId()).orElse(null));
    }

    /** Counts a decision whose facts the caller has read ({@code null}: the case has none, nothing is counted). */
    void decided(CaseDecided event, CaseFacts.Decision decision) {
        if (decision == null) {
            return;
        }
        count("DECIDED", event.applicationId(), decision.decidedOn(), event.bodyId(), event.itemCode(),
                decided(decision.acceptedOn(), decision.decidedOn(), decision.dueOn()));
    }

    @ApplicationModuleListener
    void on(CaseCompleted event) {
        long[] delta = new long[COLUMNS.length];
        delta[COMPLETED] = 1;
        count("COMPLETED", event.applicationId(), LocalDate.ofInstant(event.completedAt(), ZONE), event.bodyId(),
                event.itemCode(), delta);
    }

    /**
     * Counts the tasks of one scan batch whose last day passed while they were open (per task: a parallel branch has
     * its own clock), for the body the task was with, on its last day. One statement marks the batch's tasks counted
     * and answers those not counted before; their figures are summed per day × body × item and written in one batch.
     * Called by {@link CaseWatchers} with the lights of the same batch, in one transaction.
     */
    void countMissed(List<DeadlineWarnings.Warning> warnings) {
        List<DeadlineWarnings.Warning> missed = warnings.stream().filter(DeadlineWarnings.Warning::missed).toList();
        if (missed.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            String ids = missed.stream().map(w -> w.taskId().toString()).collect(Collectors.joining(",", "{", "}"));
            Set<UUID> fresh = new HashSet<>(jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) "
                    + "select 'OVERDUE', unnest(cast(? as uuid[])) on conflict do nothing returning source_id")
                    .param(ids).query(UUID.class).list());
            Comparator<Key> order = Comparator.comparing(Key::day).thenComparing(k -> k.bodyId().toString())
                    .thenComparing(Key::itemCode);
            Map<Key, Long> overdue = new TreeMap<>(order);
            for (DeadlineWarnings.Warning w : missed) {
                if (fresh.contains(w.taskId())) {
                    overdue.merge(new Key(w.dueOn(), w.bodyId(), w.itemCode()), 1L, Long::sum);
                }
            }
            if (overdue.isEmpty()) {
                return;
            }
            Map<UUID, BodySummary> bodies = organization.bodies(overdue.keySet().stream().map(Key::bodyId).toList());
            Map<Key, Long> overdueByMonth = new TreeMap<>(order);
            overdue.forEach((key, count) -> overdueByMonth.merge(
                    new Key(key.day().withDayOfMonth(1), key.bodyId(), key.itemCode()), count, Long::sum));
            Map<Key, Long> overdueByBodyMonth = new TreeMap<>(order);
            overdueByMonth.forEach((key, count) -> overdueByBodyMonth.merge(new Key(key.day(), key.bodyId(), ""),
                    count, Long::sum));
            // One row per key and statement: the driver sends a batch as multi-row inserts, and PostgreSQL refuses
            // an "on conflict do update" that meets the same row twice in one statement.
            List<Object[]> days = new ArrayList<>();
            List<Object[]> months = new ArrayList<>();
            List<Object[]> bodyMonths = new ArrayList<>();
            overdue.forEach((key, count) -> days.add(row(key.day(), bodies.get(key.bodyId()).divisionCode(), key,
                    overdueDelta(count))));
            overdueByMonth.forEach((key, count) -> months.add(row(key.day(), bodies.get(key.bodyId()).divisionCode(),
                    key, overdueDelta(count))));
            overdueByBodyMonth.forEach((key, count) -> bodyMonths.add(withoutItem(row(key.day(),
                    bodies.get(key.bodyId()).divisionCode(), key, overdueDelta(count)))));
            // Days, months, then body months, each in one order, as the single-event listeners take them: no deadlock
            // between them.
            batches.batchUpdate(UPSERT_DAY, days);
            batches.batchUpdate(UPSERT_MONTH, months);
            batches.batchUpdate(UPSERT_BODY_MONTH, bodyMonths);
        });
    }

    private static long[] overdueDelta(long count) {
        long[] delta = new long[COLUMNS.length];
        delta[OVERDUE] = count;
        return delta;
    }

    /** A row of {@link #row} without its item code, for the body months. */
    private static Object[] withoutItem(Object[] row) {
        Object[] without = new Object[row.length - 1];
        System.arraycopy(row, 0, without, 0, 3);
        System.arraycopy(row, 4, without, 3, row.length - 4);
        return without;
    }

    private static Object[] row(LocalDate period, String division, Key key, long[] delta) {
        Object[] row = new Object[4 + delta.length];
        row[0] = Date.valueOf(period);
        row[1] = division;
        row[2] = key.bodyId();
        row[3] = key.itemCode();
        for (int i = 0; i < delta.length; i++) {
            row[4 + i] = delta[i];
        }
        return row;
    }

    @ApplicationModuleListener
    void on(CaseRated event) {
        count("RATED", event.ratingId(), LocalDate.ofInstant(event.ratedAt(), ZONE), event.bodyId(), event.itemCode(),
                rated(event.level().score()));
    }

    /** Adds the figures of one event unless it was counted before. */
    void count(String kind, UUID source, LocalDate day, UUID bodyId, String itemCode, long[] delta) {
        transactions.executeWithoutResult(status -> {
            int fresh = jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) values (?, ?) "
                    + "on conflict do nothing").params(kind, source).update();
            if (fresh == 0) {
                return;
            }
            upsert(day, organization.body(bodyId).divisionCode(), bodyId, itemCode, delta);
        });
    }

    private void upsert(LocalDate day, String division, UUID bodyId, String itemCode, long[] delta) {
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(day), division, bodyId, itemCode));
        for (long value : delta) {
            params.add(value);
        }
        jdbc.sql(UPSERT_DAY).params(params).update();
        params.set(0, Date.valueOf(day.withDayOfMonth(1)));
        jdbc.sql(UPSERT_MONTH).params(params).update();
        params.remove(3); // the item code
        jdbc.sql(UPSERT_BODY_MONTH).params(params).update();
    }

    static long[] decided(LocalDate acceptedOn, LocalDate decidedOn, LocalDate dueOn) {
        long[] delta = new long[COLUMNS.length];
        delta[DECIDED] = 1;
        // On time = decided within the promised limit (承诺时限, DOMAIN §4; 行政许可法 Art. 42).
        delta[DECIDED_ON_TIME] = decidedOn.isAfter(dueOn) ? 0 : 1;
        delta[DURATION_DAYS] = ChronoUnit.DAYS.between(acceptedOn, decidedOn);
        delta[PROMISED_DAYS] = ChronoUnit.DAYS.between(acceptedOn, dueOn);
        return delta;
    }

    static long[] rated(int score) {
        long[] delta = new long[COLUMNS.length];
        delta[RATED] = 1;
        delta[RATED_1 + score - 1] = 1;
        return delta;
    }

    private static LocalDate receivedDay(Timestamp firstSubmitted, Date receivedOn, LocalDate fallback) {
        if (firstSubmitted != null) {
            return LocalDate.ofInstant(firstSubmitted.toInstant(), ZONE);
        }
        return receivedOn != null ? receivedOn.toLocalDate() : fallback;
    }

    private record Key(LocalDate day, UUID bodyId, String itemCode) {
    }

    /**
     * Recomputes every figure from the cases and ratings tables with the rules of the listeners and marks every event
     * they stand for as counted, in one transaction: events handled meanwhile wait for it and then find their keys.
     *
     * @return the number of day × division × body × item rows written
     */
    int rebuild() {
        Integer rows = transactions.execute(status -> {
            jdbc.sql("lock table supervision_dashboard_counted in exclusive mode").update();
            jdbc.sql("delete from supervision_dashboard_counted").update();
            jdbc.sql("delete from supervision_dashboard_day").update();
            jdbc.sql("delete from supervision_dashboard_month").update();
            jdbc.sql("delete from supervision_dashboard_body_month").update();
            Map<Key, long[]> figures = new LinkedHashMap<>();
            jdbc.sql("""
                    select id, channel, first_submitted_at, received_on, body_id, item_code from cases_application
                    where case_number is not null and (first_submitted_at is not null or received_on is not null)""")
                    .query(rs -> {
                        LocalDate day = receivedDay(rs.getTimestamp(3), rs.getDate(4), null);
                        long[] f = figures.computeIfAbsent(new Key(day, rs.getObject(5, UUID.class),
                                rs.getString(6)), k -> new long[COLUMNS.length]);
                        f[RECEIVED]++;
                        f[RECEIVED_ONLINE] += online(rs.getString(2)) ? 1 : 0;
                    });
            jdbc.sql("""
                    insert into supervision_dashboard_counted (kind, source_id) select 'RECEIVED', id
                    from cases_application
                    where case_number is not null and (first_submitted_at is not null or received_on is not null)""")
                    .update();
            jdbc.sql("""
                    select c.accepted_on, c.decided_on, c.due_on, c.completed_at, a.body_id, a.item_code
                    from cases_case c join cases_application a on a.id = c.application_id""")
                    .query(rs -> {
                        UUID body = rs.getObject(5, UUID.class);
                        String item = rs.getString(6);
                        LocalDate acceptedOn = rs.getDate(1).toLocalDate();
                        figures.computeIfAbsent(new Key(acceptedOn, body, item), k -> new long[COLUMNS.length])
                                [ACCEPTED]++;
                        if (rs.getDate(2) != null) {
                            LocalDate decidedOn = rs.getDate(2).toLocalDate();
                            add(figures.computeIfAbsent(new Key(decidedOn, body, item),
                                    k -> new long[COLUMNS.length]),
                                    decided(acceptedOn, decidedOn, rs.getDate(3).toLocalDate()));
                        }
                        if (rs.getTimestamp(4) != null) {
                            LocalDate completedOn = LocalDate.ofInstant(rs.getTimestamp(4).toInstant(), ZONE);
                            figures.computeIfAbsent(new Key(completedOn, body, item), k -> new long[COLUMNS.length])
                                    [COMPLETED]++;
                        }
                    });
            jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) select 'ACCEPTED', application_id "
                    + "from cases_case").update();
            jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) select 'DECIDED', application_id "
                    + "from cases_case where decided_on is not null").update();
            jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) select 'COMPLETED', application_id "
                    + "from cases_case where completed_at is not null").update();
            // Every missed deadline of a task left a red light (kind RED, source = the task), raised from the same
            // DeadlineWarnings event that counted it.
            jdbc.sql("""
                    select w.due_on, w.body_id, a.item_code from supervision_warning w
                    join cases_application a on a.id = w.application_id where w.kind = 'RED'""")
                    .query(rs -> {
                        figures.computeIfAbsent(new Key(rs.getDate(1).toLocalDate(), rs.getObject(2, UUID.class),
                                rs.getString(3)), k -> new long[COLUMNS.length])[OVERDUE]++;
                    });
            jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) select 'OVERDUE', source_id "
                    + "from supervision_warning where kind = 'RED'").update();
            jdbc.sql("select rated_at, body_id, item_code, level from evaluation_rating").query(rs -> {
                LocalDate day = LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), ZONE);
                add(figures.computeIfAbsent(new Key(day, rs.getObject(2, UUID.class), rs.getString(3)),
                        k -> new long[COLUMNS.length]), rated(rs.getInt(4)));
            });
            jdbc.sql("insert into supervision_dashboard_counted (kind, source_id) select 'RATED', id "
                    + "from evaluation_rating").update();
            Map<UUID, String> divisions = new HashMap<>();
            figures.forEach((key, f) -> upsert(key.day(), divisions.computeIfAbsent(key.bodyId(),
                    id -> organization.body(id).divisionCode()), key.bodyId(), key.itemCode(), f));
            return figures.size();
        });
        log.info("Dashboard figures rebuilt: {} rows", rows);
        return rows == null ? 0 : rows;
    }

    private static void add(long[] into, long[] delta) {
        for (int i = 0; i < into.length; i++) {
            into[i] += delta[i];
        }
    }
}

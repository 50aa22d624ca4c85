package org.tongban.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.Applications;
import org.tongban.evaluation.RatingStatistics;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodySummary;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The monthly performance assessment (绩效考核) of bodies and divisions: eight indicators per body and month, a
 * composite score and the ranking of the bodies of a division, and trends over the last twelve months.
 *
 * <p>The indicators (each a numerator over a denominator, per body and calendar month in China's time zone):
 * <ol>
 * <li>{@code online} 网上办理率: applications received through the web portal or the mobile app / all applications
 * received in the month (first submission; DOMAIN §5 channels) — the figures {@link DashboardCounts} keeps;</li>
 * <li>{@code full-online} 全程网办率: cases decided in the month that were filed online and whose result was not
 * collected at a window (delivered online, the default, or by mail) / cases decided in the month (DOMAIN §1, third
 * promise: whatever can be handled online needs no visit);</li>
 * <li>{@code visits} 平均跑动次数: on-site visits the platform records for the cases decided in the month / those
 * cases. A case counts one visit for filing at a hall window, a self-service terminal or an agent point (the channel
 * of the application) and one for collecting its result at a window (delivery method 窗口领取); filing online and
 * online or mail delivery count none. Visits the platform does not see (e.g. bringing paper originals to a
 * correction) are not counted, so the figure is a lower bound;</li>
 * <li>{@code once-only} 材料免提交率: materials of the cases decided in the month obtained from a shared resource with
 * the applicant's consent (免提交, DOMAIN §1 first promise, §9) / all materials on file for those cases;</li>
 * <li>{@code on-time} 按时办结率: cases decided within the promised limit in force at the decision / cases decided in
 * the month (承诺时限, 行政许可法 Art. 42/45, DOMAIN §4) — the figures {@link DashboardCounts} keeps;</li>
 * <li>{@code satisfaction} 满意率: ratings at 基本满意 or better / ratings given in the month, the latest round of a
 * case only and voided ratings left out (好差评, 国办发〔2019〕51号, DOMAIN §6) — from {@link RatingStatistics};</li>
 * <li>{@code rectification} 差评整改率: bad ratings of the month whose rectification the body has answered / bad
 * ratings of the month (DOMAIN §6: every real-name bad rating is followed up) — from {@link RatingStatistics};</li>
 * <li>{@code complaints} 投诉按期办结率: complaints about the body (about a case, or a 投诉 petition) due in the month
 * and answered by their due day / complaints due in the month.</li>
 * </ol>
 *
 * <p>Storage: a closed month (ended more than {@code close-after-days} ago) is computed once for every body and stored
 * in {@code supervision_assessment_month} (a monthly snapshot: what was assessed stays as it was published); the open
 * month is computed on request and not stored. A scheduled job ({@code freeze-interval}) freezes the last closed month
 * shortly after it closes, so that the snapshot does not wait for someone to look; the first request freezes it if it
 * comes first. Several nodes meet on the month's row in {@code supervision_assessment_frozen}, so a month is frozen
 * once (no lock beyond the row is needed). After a late correction a supervisor freezes a closed month again for
 * their division and below ({@link #refreeze(SignedIn, String, String, String)}, reason required, audited).
 */
@Service
public class Assessment {

    /** The indicators in the order of pages, the PDF and the score. */
    public static final List<String> INDICATORS = List.of("online", "full-online", "visits", "once-only", "on-time",
            "satisfaction", "rectification", "complaints");
    static final int TREND_MONTHS = 12;

    private static final int RECEIVED = 0;
    private static final int RECEIVED_ONLINE = 1;
    private static final int DECIDED = 2;
    private static final int DECIDED_ON_TIME = 3;
    private static final int DECIDED_CASES = 4;
    private static final int FULL_ONLINE = 5;
    private static final int VISITS = 6;
    private static final int MATERIALS = 7;
    private static final int SHARED_MATERIALS = 8;
    private static final int RATED = 9;
    private static final int SATISFIED = 10;
    private static final int BAD = 11;
    private static final int RECTIFIED = 12;
    private static final int COMPLAINTS_DUE = 13;
    private static final int COMPLAINTS_ON_TIME = 14;
    private static final String[] COLUMNS = { "received", "received_online", "decided", "decided_on_time",
            "decided_cases", "full_online", "visits", "materials", "shared_materials", "rated", "satisfied", "bad",
            "rectified", "complaints_due", "complaints_on_time" };

    /** The figures of one body in one month. */
    record Row(UUID bodyId, String divisionCode, long[] counts) {
    }

    private final JdbcClient jdbc;
    private final Organization organization;
    private final RatingStatistics ratings;
    private final TransactionTemplate transactions;
    private final SupervisionProperties.Assessment settings;
    private final AuditTrail audit;
    private final Clock clock = Clock.system(Applications.ZONE);

    Assessment(JdbcClient jdbc, Organization organization, RatingStatistics ratings, TransactionTemplate transactions,
            SupervisionProperties properties, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.organization = organization;
        this.ratings = ratings;
        this.transactions = transactions;
        this.settings = properties.assessment();
    }

    /**
     * A division's month for a supervisor of it (or of a division above it); parameters as given, blank for the
     * defaults (their own division, the last month).
     *
     * @throws SupervisionRefusedException {@code supervision.supervisors-only} (403) for anyone but a supervisor
     * @throws InvalidFieldException (400) naming {@code month} ({@code yyyy-MM}, not in the future) or
     *         {@code division} (a GB/T 2260 code)
     * @throws NotFoundException {@code supervision.assessment.division-not-found} (404) outside their divisions
     */
    public AssessmentView.DivisionReport division(SignedIn supervisor, String division, String month) {
        String scope = Complaints.scope(supervisor);
        YearMonth ym = month(month);
        DivisionCode code = divisionCode(supervisor, division);
        if (!code.prefix().startsWith(scope)) {
            throw new NotFoundException("supervision.assessment.division-not-found", code.value());
        }
        DivisionSummary place = organization.findDivision(code)
                .orElseThrow(() -> new NotFoundException("supervision.assessment.division-not-found", code.value()));
        List<AssessmentView.Place> trail = organization.lineage(code).stream()
                .filter(d -> DivisionCode.of(d.code()).prefix().startsWith(scope))
                .map(d -> new AssessmentView.Place(d.code(), d.name())).toList();
        String prefix = code.prefix();
        List<Row> rows = rows(ym).values().stream().filter(r -> r.divisionCode().startsWith(prefix)).toList();
        long[] total = new long[COLUMNS.length];
        Map<String, long[]> parts = new LinkedHashMap<>();
        for (Row row : rows) {
            add(total, row.counts());
            add(parts.computeIfAbsent(Dashboard.part(code, row.divisionCode(), row.bodyId()),
                    k -> new long[COLUMNS.length]), row.counts());
        }
        Map<UUID, BodySummary> bodies = new HashMap<>();
        List<AssessmentView.Part> partRows = new ArrayList<>();
        parts.forEach((part, counts) -> {
            if (part.startsWith("B:")) {
                BodySummary body = body(bodies, UUID.fromString(part.substring(2)));
                partRows.add(new AssessmentView.Part("BODY", body.id().toString(), body.name(), figures(counts)));
            } else {
                String child = part.substring(2);
                String name = DivisionCode.isValid(child) ? organization.findDivision(DivisionCode.of(child))
                        .map(DivisionSummary::name).orElse(child) : child;
                partRows.add(new AssessmentView.Part("DIVISION", child, name, figures(counts)));
            }
        });
        partRows.sort(Comparator.comparing((AssessmentView.Part p) -> !p.kind().equals("DIVISION"))
                .thenComparing(AssessmentView.Part::code));
        List<AssessmentView.Ranked> ranking = rank(rows, bodies);
        List<AssessmentView.Point> trend = new ArrayList<>();
        for (YearMonth m = ym.minusMonths(TREND_MONTHS - 1L); !m.isAfter(ym); m = m.plusMonths(1)) {
            long[] sum = new long[COLUMNS.length];
            rows(m).values().stream().filter(r -> r.divisionCode().startsWith(prefix)).forEach(r -> add(sum,
                    r.counts()));
            trend.add(new AssessmentView.Point(m.toString(), figures(sum)));
        }
        return new AssessmentView.DivisionReport(ym.toString(), closed(ym), place.code(), place.name(), trail,
                figures(total), List.copyOf(partRows), ranking, List.copyOf(trend));
    }

    /**
     * A body's monthly report, for its own staff and for supervisors of its division or above.
     *
     * @throws SupervisionRefusedException {@code supervision.assessment.staff-only} (403) for anyone but staff
     * @throws InvalidFieldException (400) naming {@code month}
     * @throws NotFoundException {@code supervision.assessment.body-not-found} (404) for an unknown body or one the
     *         caller may not see
     */
    public AssessmentView.BodyReport body(SignedIn who, UUID bodyId, String month) {
        if (who == null || !who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.assessment.staff-only");
        }
        YearMonth ym = month(month);
        BodySummary body;
        try {
            body = organization.body(bodyId);
        } catch (NotFoundException e) {
            throw new NotFoundException("supervision.assessment.body-not-found", bodyId);
        }
        boolean supervises = who.has(StaffRole.SUPERVISOR) && who.staffDivision() != null
                && body.divisionCode().startsWith(DivisionCode.of(who.staffDivision()).prefix());
        if (!supervises && !bodyId.equals(who.staffBody())) {
            throw new NotFoundException("supervision.assessment.body-not-found", bodyId);
        }
        Map<UUID, Row> rows = rows(ym);
        Row own = rows.get(bodyId);
        AssessmentView.Figures figures = figures(own == null ? new long[COLUMNS.length] : own.counts());
        Map<UUID, BodySummary> bodies = new HashMap<>();
        bodies.put(bodyId, body);
        // Ranked among the bodies sitting in the same division (the same county, city or province level).
        List<AssessmentView.Ranked> ranking = rank(rows.values().stream()
                .filter(r -> r.divisionCode().equals(body.divisionCode())).toList(), bodies);
        Integer rank = ranking.stream().filter(r -> r.bodyId().equals(bodyId)).map(AssessmentView.Ranked::rank)
                .findFirst().orElse(null);
        List<AssessmentView.Point> trend = new ArrayList<>();
        for (YearMonth m = ym.minusMonths(TREND_MONTHS - 1L); !m.isAfter(ym); m = m.plusMonths(1)) {
            Row r = rows(m).get(bodyId);
            trend.add(new AssessmentView.Point(m.toString(), figures(r == null ? new long[COLUMNS.length]
                    : r.counts())));
        }
        return new AssessmentView.BodyReport(ym.toString(), closed(ym), bodyId, body.name(), body.divisionCode(),
                body.divisionName(), figures, rank, ranking.size(), List.copyOf(trend));
    }

    /** The arguments of {@code supervision.assessment.weights-note}: the eight weights, then max-visits. */
    public Object[] weightsNoteArguments() {
        SupervisionProperties.Weights w = settings.weights();
        return new Object[] { w.online(), w.fullOnline(), w.visits(), w.onceOnly(), w.onTime(), w.satisfaction(),
                w.rectification(), w.complaints(), settings.maxVisits() };
    }

    /** A re-freeze of a closed month by a supervisor, for their division and below. */
    public record Refreeze(String month, String divisionCode, int bodies, String reason, String byName,
            java.time.Instant at) implements java.io.Serializable {
    }

    @Scheduled(initialDelayString = "${tongban.supervision.assessment.freeze-interval:1h}",
            fixedDelayString = "${tongban.supervision.assessment.freeze-interval:1h}")
    void scheduled() {
        if (settings.freezeEnabled()) {
            freezeClosed(LocalDate.now(clock));
        }
    }

    /**
     * Freezes the last month closed on {@code today} unless it is frozen already; answers the month when this call
     * froze it.
     */
    Optional<YearMonth> freezeClosed(LocalDate today) {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        if (!closedOn(month, today)) {
            month = month.minusMonths(1);
        }
        return freeze(month, "SCHEDULE") ? Optional.of(month) : Optional.empty();
    }

    /**
     * Freezes a closed month again after a correction, for the supervisor's division and below: its bodies' figures
     * are computed anew from the stored data and replace their snapshot; the reason is kept and audited.
     *
     * @throws SupervisionRefusedException {@code supervision.supervisors-only} (403),
     *         {@code supervision.assessment.month-open} (422) for a month not yet closed
     * @throws InvalidFieldException (400) naming {@code month}, {@code division} or {@code reason}
     *         ({@code supervision.assessment.reason-missing} / {@code .reason-too-long})
     * @throws NotFoundException {@code supervision.assessment.division-not-found} (404) outside their divisions
     */
    public Refreeze refreeze(SignedIn supervisor, String division, String month, String reason) {
        String scope = Complaints.scope(supervisor);
        YearMonth ym = month(month);
        DivisionCode code = divisionCode(supervisor, division);
        if (!code.prefix().startsWith(scope) || organization.findDivision(code).isEmpty()) {
            throw new NotFoundException("supervision.assessment.division-not-found", code.value());
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidFieldException("reason",
                    new InvalidValueException("supervision.assessment.reason-missing", reason));
        }
        if (why.length() > 1000) {
            throw new InvalidFieldException("reason",
                    new InvalidValueException("supervision.assessment.reason-too-long", null, 1000));
        }
        if (!closed(ym)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.assessment.month-open", ym.toString());
        }
        String prefix = code.prefix();
        Date first = Date.valueOf(ym.atDay(1));
        java.time.Instant now = clock.instant();
        // A month never frozen yet is frozen whole first: the other divisions' bodies need their snapshot too.
        freeze(ym, "SUPERVISOR");
        int bodies = transactions.execute(status -> {
            // The month's row is the lock every node freezing or re-freezing this month takes first.
            jdbc.sql("select month from supervision_assessment_frozen where month = ? for update").param(first)
                    .query(Date.class).single();
            jdbc.sql("delete from supervision_assessment_month where month = ? and division_code like ?")
                    .params(first, prefix + "%").update();
            int count = 0;
            for (Row row : compute(ym).values()) {
                if (row.divisionCode().startsWith(prefix)) {
                    insertRow(first, row);
                    count++;
                }
            }
            jdbc.sql("""
                    insert into supervision_assessment_refreeze (id, month, division_code, bodies, reason, refrozen_by,
                        refrozen_by_name, refrozen_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), first, code.value(), count, why, supervisor.accountId(),
                            supervisor.name(), Timestamp.from(now))
                    .update();
            audit.record(new AuditTrail.Event("supervision", "assessment.refrozen", supervisor.accountId(),
                    supervisor.name(), "assessment-month", ym + " " + code.value(), why));
            return count;
        });
        return new Refreeze(ym.toString(), code.value(), bodies, why, supervisor.name(), now);
    }

    /** The latest re-freeze of the month that covers the division (by it or a division above), if any. */
    public Optional<Refreeze> lastRefreeze(String divisionCode, String month) {
        if (divisionCode == null || month == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select month, division_code, bodies, reason, refrozen_by_name, refrozen_at
                from supervision_assessment_refreeze where month = ? order by refrozen_at desc limit 100""")
                .params(Date.valueOf(YearMonth.parse(month).atDay(1)))
                .query((rs, n) -> new Refreeze(YearMonth.from(rs.getDate(1).toLocalDate()).toString(),
                        rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list().stream()
                .filter(r -> divisionCode.startsWith(DivisionCode.of(r.divisionCode()).prefix())).findFirst();
    }

    /** Computes a closed month again from the stored data and replaces its snapshot (recovery). */
    void refreeze(YearMonth month) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from supervision_assessment_month where month = ?").param(Date.valueOf(month.atDay(1)))
                    .update();
            jdbc.sql("delete from supervision_assessment_frozen where month = ?")
                    .param(Date.valueOf(month.atDay(1))).update();
        });
        rows(month);
    }

    /** Whether the month has ended more than {@code close-after-days} ago, so that its figures are frozen. */
    boolean closed(YearMonth month) {
        return closedOn(month, LocalDate.now(clock));
    }

    private boolean closedOn(YearMonth month, LocalDate today) {
        return !today.isBefore(month.plusMonths(1).atDay(1).plusDays(settings.closeAfterDays()));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<AssessmentView.Ranked> rank(List<Row> rows, Map<UUID, BodySummary> bodies) {
        record Scored(Row row, BodySummary body, AssessmentView.Figures figures) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Row row : rows) {
            AssessmentView.Figures f = figures(row.counts());
            if (f.score() != null) {
                scored.add(new Scored(row, body(bodies, row.bodyId()), f));
            }
        }
        scored.sort(Comparator.comparing((Scored s) -> -s.figures().score()).thenComparing(s -> s.body().name()));
        List<AssessmentView.Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            // Competition ranking: equal scores share a rank, the next one skips (1, 1, 3).
            int rank = i > 0 && scored.get(i - 1).figures().score().equals(s.figures().score())
                    ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new AssessmentView.Ranked(rank, s.body().id(), s.body().name(), s.body().divisionCode(),
                    s.body().divisionName(), s.figures()));
        }
        return List.copyOf(ranked);
    }

    private BodySummary body(Map<UUID, BodySummary> cache, UUID id) {
        return cache.computeIfAbsent(id, organization::body);
    }

    /** The figures of every body with any in the month: stored once closed, computed while open. */
    Map<UUID, Row> rows(YearMonth month) {
        if (!closed(month)) {
            return compute(month);
        }
        Date first = Date.valueOf(month.atDay(1));
        freeze(month, "REQUEST");
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("select body_id, division_code, " + String.join(", ", COLUMNS)
                + " from supervision_assessment_month where month = ?").param(first)
                .query(rs -> {
                    long[] counts = new long[COLUMNS.length];
                    for (int i = 0; i < COLUMNS.length; i++) {
                        counts[i] = rs.getLong(3 + i);
                    }
                    UUID id = rs.getObject(1, UUID.class);
                    rows.put(id, new Row(id, rs.getString(2), counts));
                });
        return rows;
    }

    /** Freezes a closed month unless it is frozen already; answers whether this call froze it. */
    private boolean freeze(YearMonth month, String by) {
        Date first = Date.valueOf(month.atDay(1));
        boolean frozen = jdbc.sql("select count(*) from supervision_assessment_frozen where month = ?").param(first)
                .query(Integer.class).single() > 0;
        if (frozen) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // Two nodes freezing the same month meet on this row: the second waits and then finds it taken.
            int fresh = jdbc.sql("insert into supervision_assessment_frozen (month, frozen_at, frozen_by) "
                    + "values (?, ?, ?) on conflict do nothing").params(first, Timestamp.from(clock.instant()), by)
                    .update();
            if (fresh == 0) {
                return false;
            }
            // Rows left behind when only the frozen mark was deleted (the documented way to recompute) go first.
            jdbc.sql("delete from supervision_assessment_month where month = ?").param(first).update();
            for (Row row : compute(month).values()) {
                insertRow(first, row);
            }
            return true;
        }));
    }

    private void insertRow(Date first, Row row) {
        String insert = "insert into supervision_assessment_month (month, body_id, division_code, "
                + String.join(", ", COLUMNS) + ") values (?, ?, ?" + ", ?".repeat(COLUMNS.length) + ")";
        List<Object> params = new ArrayList<>(List.of(first, row.bodyId(), row.divisionCode()));
        for (long value : row.counts()) {
            params.add(value);
        }
        jdbc.sql(insert).params(params).update();
    }

    /** Counts the month of every body from the stored figures, cases, ratings and complaints. */
    private Map<UUID, Row> compute(YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate next = month.plusMonths(1).atDay(1);
        Map<UUID, long[]> counts = new LinkedHashMap<>();
        Map<UUID, String> divisions = new HashMap<>();
        // Received (online) and decided (on time): what the dashboard keeps per month from the case events.
        jdbc.sql("""
                select body_id, min(division_code), sum(received), sum(received_online), sum(decided),
                    sum(decided_on_time)
                from supervision_dashboard_month where month = ? group by body_id""")
                .param(Date.valueOf(first))
                .query(rs -> {
                    long[] c = of(counts, divisions, rs);
                    c[RECEIVED] += rs.getLong(3);
                    c[RECEIVED_ONLINE] += rs.getLong(4);
                    c[DECIDED] += rs.getLong(5);
                    c[DECIDED_ON_TIME] += rs.getLong(6);
                });
        // The cases decided in the month: channel, result delivery (no row yet = online, the default of
        // CaseDelivery), materials on file and those obtained by sharing with consent.
        jdbc.sql("""
                select a.body_id, null, count(*),
                    count(*) filter (where a.channel in ('WEB', 'MOBILE_APP')
                        and coalesce(d.method, 'ONLINE') <> 'PICKUP'),
                    coalesce(sum(case when a.channel in ('HALL_WINDOW', 'SELF_SERVICE_TERMINAL', 'AGENT_POINT')
                        then 1 else 0 end + case when d.method = 'PICKUP' then 1 else 0 end), 0),
                    coalesce(sum((select count(distinct m.requirement_index) from cases_material m
                        where m.application_id = a.id)), 0),
                    coalesce(sum((select count(*) from cases_shared_material s where s.application_id = a.id
                        and s.status = 'CONSENTED')), 0)
                from cases_case c join cases_application a on a.id = c.application_id
                left join cases_delivery d on d.application_id = a.id
                where c.decided_on >= ? and c.decided_on < ? group by a.body_id""")
                .params(Date.valueOf(first), Date.valueOf(next))
                .query(rs -> {
                    long[] c = of(counts, divisions, rs);
                    c[DECIDED_CASES] += rs.getLong(3);
                    c[FULL_ONLINE] += rs.getLong(4);
                    c[VISITS] += rs.getLong(5);
                    c[MATERIALS] += rs.getLong(6);
                    c[SHARED_MATERIALS] += rs.getLong(7);
                });
        // Ratings as published (好差评 results per body, DOMAIN §6).
        RatingStatistics.Report report = ratings.report(organization.province(), first, next.minusDays(1));
        for (RatingStatistics.Line line : report.bodies()) {
            UUID id = UUID.fromString(line.key());
            long[] c = counts.computeIfAbsent(id, k -> new long[COLUMNS.length]);
            divisions.putIfAbsent(id, line.divisionCode());
            c[RATED] += line.ratings();
            c[SATISFIED] += line.satisfied();
            c[BAD] += line.bad();
            c[RECTIFIED] += line.rectified();
        }
        // Complaints due in the month: about a case (supervision_complaint) and 投诉 petitions about the body.
        jdbc.sql("""
                select body_id, min(division_code), count(*), count(*) filter (where answered_on <= due_on) from (
                    select body_id, division_code, due_on, (responded_at at time zone 'Asia/Shanghai')::date answered_on
                    from supervision_complaint where due_on >= ? and due_on < ?
                    union all
                    select body_id, division_code, due_on, (answered_at at time zone 'Asia/Shanghai')::date
                    from supervision_petition where kind = 'COMPLAINT' and due_on >= ? and due_on < ?) x
                group by body_id""")
                .params(Date.valueOf(first), Date.valueOf(next), Date.valueOf(first), Date.valueOf(next))
                .query(rs -> {
                    long[] c = of(counts, divisions, rs);
                    c[COMPLAINTS_DUE] += rs.getLong(3);
                    c[COMPLAINTS_ON_TIME] += rs.getLong(4);
                });
        Map<UUID, Row> rows = new LinkedHashMap<>();
        counts.forEach((id, c) -> {
            String division = divisions.get(id);
            if (division == null) {
                division = organization.body(id).divisionCode();
            }
            rows.put(id, new Row(id, division, c));
        });
        return rows;
    }

    private static long[] of(Map<UUID, long[]> counts, Map<UUID, String> divisions, ResultSet rs)
            throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        String division = rs.getString(2);
        if (division != null) {
            divisions.putIfAbsent(id, division);
        }
        return counts.computeIfAbsent(id, k -> new long[COLUMNS.length]);
    }

    /** The indicators and the composite score of a body's or a division's counts. */
    AssessmentView.Figures figures(long[] c) {
        SupervisionProperties.Weights w = settings.weights();
        List<AssessmentView.Indicator> list = List.of(
                rate("online", c[RECEIVED_ONLINE], c[RECEIVED]),
                rate("full-online", c[FULL_ONLINE], c[DECIDED_CASES]),
                visits(c[VISITS], c[DECIDED_CASES]),
                rate("once-only", c[SHARED_MATERIALS], c[MATERIALS]),
                rate("on-time", c[DECIDED_ON_TIME], c[DECIDED]),
                rate("satisfaction", c[SATISFIED], c[RATED]),
                rate("rectification", c[RECTIFIED], c[BAD]),
                rate("complaints", c[COMPLAINTS_ON_TIME], c[COMPLAINTS_DUE]));
        int[] weights = { w.online(), w.fullOnline(), w.visits(), w.onceOnly(), w.onTime(), w.satisfaction(),
                w.rectification(), w.complaints() };
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).score() != null && weights[i] > 0) {
                sum += weights[i] * list.get(i).score();
                weight += weights[i];
            }
        }
        Double score = weight == 0 ? null : Math.round(sum / weight * 1000) / 10.0;
        return new AssessmentView.Figures(list, score);
    }

    private static AssessmentView.Indicator rate(String key, long part, long whole) {
        if (whole == 0) {
            return new AssessmentView.Indicator(key, part, whole, null, null);
        }
        double value = (double) part / whole;
        return new AssessmentView.Indicator(key, part, whole, Math.round(value * 10000) / 10000.0, value);
    }

    /** Average visits per case; scored 1 at none and 0 at {@code max-visits} or more (DOMAIN §3: 0, 1 or 2). */
    private AssessmentView.Indicator visits(long visits, long cases) {
        if (cases == 0) {
            return new AssessmentView.Indicator("visits", visits, cases, null, null);
        }
        double average = (double) visits / cases;
        return new AssessmentView.Indicator("visits", visits, cases, Math.round(average * 100) / 100.0,
                Math.max(0, 1 - average / settings.maxVisits()));
    }

    private static void add(long[] into, long[] delta) {
        for (int i = 0; i < into.length; i++) {
            into[i] += delta[i];
        }
    }

    private YearMonth month(String text) {
        YearMonth current = YearMonth.now(clock);
        if (text == null || text.isBlank()) {
            return current.minusMonths(1);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("month",
                    new InvalidValueException("supervision.assessment.month-invalid", text));
        }
        if (month.isAfter(current) || month.getYear() < 2000) {
            throw new InvalidFieldException("month",
                    new InvalidValueException("supervision.assessment.month-out-of-range", text));
        }
        return month;
    }

    private static DivisionCode divisionCode(SignedIn supervisor, String division) {
        String text = division == null || division.isBlank() ? supervisor.staffDivision() : division.strip();
        if (text.length() > 12 || !DivisionCode.isValid(text)) {
            throw new InvalidFieldException("division",
                    new InvalidValueException("supervision.assessment.division-invalid", text));
        }
        return DivisionCode.of(text);
    }
}

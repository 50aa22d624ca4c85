package org.tongban.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tongban.cases.Applications;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodySummary;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * The supervision dashboard's figures for a supervisor: a division of theirs (their own by default) or one body of
 * it, over a period (the last 30 days by default), with the same figures for each part one level down — province →
 * city → county → bodies → items. Read from the figures {@link DashboardCounts} keeps per day × division × body ×
 * item, never from the cases themselves.
 */
@Service
public class Dashboard {

    private static final int DEFAULT_DAYS = 30;
    private static final int COLUMNS = 15;

    private final JdbcClient jdbc;
    private final Organization organization;
    private final Catalog catalog;
    private final SupervisionProperties properties;
    private final Clock clock = Clock.system(Applications.ZONE);

    Dashboard(JdbcClient jdbc, Organization organization, Catalog catalog, SupervisionProperties properties) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.catalog = catalog;
        this.properties = properties;
    }

    /**
     * The dashboard as the supervisor asked for it; parameters as typed (blank for the defaults).
     *
     * @throws SupervisionRefusedException {@code supervision.supervisors-only} (403) for anyone but a supervisor,
     *         {@code supervision.dashboard.period-invalid} (422) for a date that is not {@code yyyy-MM-dd} or a start
     *         after the end, {@code supervision.dashboard.period-too-long} (422),
     *         {@code supervision.dashboard.division-invalid} / {@code .body-invalid} (422) for a malformed code or id
     * @throws NotFoundException {@code supervision.dashboard.division-not-found} /
     *         {@code supervision.dashboard.body-not-found} (404) for one outside the supervisor's divisions
     */
    public DashboardView figures(SignedIn supervisor, String division, String from, String to, String body) {
        String scope = Complaints.scope(supervisor);
        LocalDate[] period = period(from, to);
        DivisionCode code = division(supervisor, division, scope);
        DivisionSummary place = organization.findDivision(code)
                .orElseThrow(() -> new NotFoundException("supervision.dashboard.division-not-found", code.value()));
        List<DashboardView.Place> trail = organization.lineage(code).stream()
                .filter(d -> DivisionCode.of(d.code()).prefix().startsWith(scope))
                .map(d -> new DashboardView.Place(d.code(), d.name())).toList();
        BodySummary chosen = body(body, code);
        Timestamp foundFrom = Timestamp.from(period[0].atStartOfDay(Applications.ZONE).toInstant());
        Timestamp foundTo = Timestamp.from(period[1].plusDays(1).atStartOfDay(Applications.ZONE).toInstant());
        List<DashboardView.Row> rows = new ArrayList<>();
        long[] total = new long[COLUMNS];
        long totalFindings;
        if (chosen != null) {
            Map<String, long[]> byItem = new LinkedHashMap<>();
            jdbc.sql("select item_code, " + SUMS + " from (" + figureRows("body_id = ?") + ") f group by item_code")
                    .params(periodParams(chosen.id(), period))
                    .query(rs -> {
                        byItem.put(rs.getString(1), sums(rs, 2));
                    });
            totalFindings = jdbc.sql("select count(*) from supervision_finding where status = 'OPEN' and body_id = ? "
                    + "and found_at >= ? and found_at < ?").params(chosen.id(), foundFrom, foundTo)
                    .query(Long.class).single();
            byItem.forEach((item, sums) -> {
                add(total, sums);
                rows.add(new DashboardView.Row("ITEM", item, itemName(item), figures(sums, null)));
            });
        } else {
            String prefix = code.prefix() + "%";
            Map<String, long[]> byPart = new LinkedHashMap<>();
            Map<String, Long> findingsByPart = new HashMap<>();
            jdbc.sql("select division_code, body_id, " + SUMS + " from (" + bodyFigureRows("division_code like ?")
                    + ") f group by division_code, body_id")
                    .params(periodParams(prefix, period))
                    .query(rs -> {
                        long[] sums = sums(rs, 3);
                        add(byPart.computeIfAbsent(part(code, rs.getString(1), rs.getObject(2, UUID.class)),
                                k -> new long[COLUMNS]), sums);
                    });
            jdbc.sql("select division_code, body_id, count(*) from supervision_finding where status = 'OPEN' "
                    + "and division_code like ? and found_at >= ? and found_at < ? group by division_code, body_id")
                    .params(prefix, foundFrom, foundTo)
                    .query(rs -> {
                        String part = part(code, rs.getString(1), rs.getObject(2, UUID.class));
                        findingsByPart.merge(part, rs.getLong(3), Long::sum);
                        byPart.computeIfAbsent(part, k -> new long[COLUMNS]);
                    });
            totalFindings = findingsByPart.values().stream().mapToLong(Long::longValue).sum();
            byPart.forEach((part, sums) -> {
                add(total, sums);
                Long found = findingsByPart.getOrDefault(part, 0L);
                if (part.startsWith("B:")) {
                    UUID id = UUID.fromString(part.substring(2));
                    rows.add(new DashboardView.Row("BODY", id.toString(), organization.body(id).name(),
                            figures(sums, found)));
                } else {
                    String child = part.substring(2);
                    String name = DivisionCode.isValid(child) ? organization.findDivision(DivisionCode.of(child))
                            .map(DivisionSummary::name).orElse(child) : child;
                    rows.add(new DashboardView.Row("DIVISION", child, name, figures(sums, found)));
                }
            });
        }
        rows.sort(Comparator.comparing((DashboardView.Row r) -> !r.kind().equals("DIVISION"))
                .thenComparing(r -> -r.figures().received()).thenComparing(DashboardView.Row::name));
        return new DashboardView(place.code(), place.name(), code.level().name(), trail,
                chosen == null ? null : chosen.id(), chosen == null ? null : chosen.name(), period[0], period[1],
                figures(total, totalFindings), chosen == null ? "DIVISION_OR_BODY" : "ITEM", List.copyOf(rows));
    }

    private static final String COLUMN_LIST = """
            division_code, body_id, item_code, received, received_online, accepted, decided, decided_on_time,
            duration_days, promised_days, completed, overdue, rated, rated_1, rated_2, rated_3, rated_4, rated_5""";

    private static final String BODY_COLUMN_LIST = COLUMN_LIST.replace("item_code, ", "");

    /**
     * The figure rows of a period: the monthly sums for the whole months inside it, the daily rows only for the
     * partial months at its ends (a year is 12 monthly rows per division, body and item instead of 365).
     */
    private static String figureRows(String filter) {
        return figureRows(COLUMN_LIST, "supervision_dashboard_month", filter);
    }

    /**
     * The figure rows of a period for a division's view, which groups by division and body only: the whole months
     * from each body's sums over its items ({@code supervision_dashboard_body_month}: a fraction of the item rows of a
     * province).
     */
    private static String bodyFigureRows(String filter) {
        return figureRows(BODY_COLUMN_LIST, "supervision_dashboard_body_month", filter);
    }

    private static String figureRows(String columns, String months, String filter) {
        return "select " + columns + " from supervision_dashboard_day where " + filter
                + " and (day between ? and ? or day between ? and ?) union all select " + columns + " from " + months
                + " where " + filter + " and month between ? and ?";
    }

    /**
     * Parameters of {@link #figureRows} and {@link #bodyFigureRows}: the leading and trailing partial months by day,
     * the whole months.
     */
    private static Object[] periodParams(Object filter, LocalDate[] period) {
        LocalDate from = period[0];
        LocalDate to = period[1];
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterLastWhole = to.plusDays(1).withDayOfMonth(1);
        if (to.plusDays(1).getDayOfMonth() != 1) {
            afterLastWhole = to.withDayOfMonth(1);
        }
        if (!firstWhole.isBefore(afterLastWhole)) {
            // No whole month: every day by day (the second day range and the month range are empty).
            return new Object[] { filter, Date.valueOf(from), Date.valueOf(to), Date.valueOf(to.plusDays(1)),
                    Date.valueOf(from), filter, Date.valueOf(to.plusDays(1)), Date.valueOf(from) };
        }
        return new Object[] { filter, Date.valueOf(from), Date.valueOf(firstWhole.minusDays(1)),
                Date.valueOf(afterLastWhole), Date.valueOf(to), filter, Date.valueOf(firstWhole),
                Date.valueOf(afterLastWhole.minusMonths(1)) };
    }

    /** The part one level below {@code division} a figure belongs to: a division below, or a body of the division. */
    static String part(DivisionCode division, String code, UUID body) {
        if (code.equals(division.value())) {
            return "B:" + body;
        }
        String child = switch (division.level()) {
            case PROVINCE -> code.substring(0, 4) + "00";
            case CITY -> code.substring(0, 6);
            case COUNTY -> code.length() == 12 ? code.substring(0, 9) + "000" : code;
            case TOWNSHIP, VILLAGE -> code;
        };
        // A county-level code that pads its city digits (a county directly under the province) is its own part.
        return child.equals(division.value()) ? "B:" + body : "D:" + child;
    }

    private LocalDate[] period(String from, String to) {
        LocalDate end;
        LocalDate start;
        try {
            end = blank(to) ? LocalDate.now(clock) : LocalDate.parse(to.strip());
            start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.dashboard.period-invalid");
        }
        if (start.isAfter(end)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.dashboard.period-invalid");
        }
        int max = properties.dashboard().maxPeriodDays();
        if (ChronoUnit.DAYS.between(start, end) + 1 > max) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.dashboard.period-too-long", max);
        }
        return new LocalDate[] { start, end };
    }

    private static DivisionCode division(SignedIn supervisor, String division, String scope) {
        String text = blank(division) ? supervisor.staffDivision() : division.strip();
        if (text.length() > 12 || !DivisionCode.isValid(text)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.dashboard.division-invalid");
        }
        DivisionCode code = DivisionCode.of(text);
        if (!code.prefix().startsWith(scope)) {
            throw new NotFoundException("supervision.dashboard.division-not-found", code.value());
        }
        return code;
    }

    private BodySummary body(String body, DivisionCode division) {
        if (blank(body)) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(body.strip());
        } catch (IllegalArgumentException e) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.dashboard.body-invalid");
        }
        BodySummary found;
        try {
            found = organization.body(id);
        } catch (NotFoundException e) {
            throw new NotFoundException("supervision.dashboard.body-not-found", id);
        }
        if (!found.divisionCode().startsWith(division.prefix())) {
            throw new NotFoundException("supervision.dashboard.body-not-found", id);
        }
        return found;
    }

    private String itemName(String code) {
        try {
            return catalog.item(ImplementationCode.of(code)).summary().name();
        } catch (RuntimeException e) {
            // An item withdrawn since keeps its figures under its code.
            return code;
        }
    }

    private static final String SUMS = """
            sum(received), sum(received_online), sum(accepted), sum(decided), sum(decided_on_time), sum(duration_days),
            sum(promised_days), sum(completed), sum(overdue), sum(rated), sum(rated_1), sum(rated_2), sum(rated_3),
            sum(rated_4), sum(rated_5)""";

    private static long[] sums(ResultSet rs, int first) throws SQLException {
        long[] sums = new long[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            sums[i] = rs.getLong(first + i);
        }
        return sums;
    }

    private static void add(long[] into, long[] sums) {
        for (int i = 0; i < COLUMNS; i++) {
            into[i] += sums[i];
        }
    }

    static DashboardView.Figures figures(long[] s, Long openFindings) {
        long rated = s[DashboardCounts.RATED];
        long bad = s[DashboardCounts.RATED_1] + s[DashboardCounts.RATED_1 + 1];
        long decided = s[DashboardCounts.DECIDED];
        // DOMAIN §6: levels 2 and 1 (不满意, 非常不满意) are bad ratings; the other three count as satisfied.
        DashboardView.Ratings ratings = new DashboardView.Ratings(rated, s[DashboardCounts.RATED_1 + 4],
                s[DashboardCounts.RATED_1 + 3], s[DashboardCounts.RATED_1 + 2], s[DashboardCounts.RATED_1 + 1],
                s[DashboardCounts.RATED_1], ratio(rated - bad, rated));
        return new DashboardView.Figures(s[DashboardCounts.RECEIVED], s[DashboardCounts.RECEIVED_ONLINE],
                ratio(s[DashboardCounts.RECEIVED_ONLINE], s[DashboardCounts.RECEIVED]), s[DashboardCounts.ACCEPTED],
                decided, s[DashboardCounts.DECIDED_ON_TIME], ratio(s[DashboardCounts.DECIDED_ON_TIME], decided),
                average(s[DashboardCounts.DURATION_DAYS], decided), average(s[DashboardCounts.PROMISED_DAYS], decided),
                s[DashboardCounts.COMPLETED], s[DashboardCounts.OVERDUE], ratings, openFindings);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static Double average(long sum, long count) {
        return count == 0 ? null : Math.round(sum * 10.0 / count) / 10.0;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

package org.tongban.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tongban.shared.DivisionCode;

/**
 * The published results of 好差评 (DOMAIN §6: results and rectifications are published per body and item): for a
 * division and period, per body and per item, how many ratings, the satisfaction rate (基本满意 or better), the bad
 * ratings, and how many of those the body has answered. Voided ratings (appeal upheld) do not count. Public: no rater
 * and no case is named.
 */
@Service
public class RatingStatistics {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * @param satisfied ratings at 基本满意 or better
     * @param rectified bad ratings whose rectification the body has answered
     */
    public record Line(String key, String name, String divisionCode, long ratings, long satisfied, long bad,
            long rectified) {

        /** Satisfied ratings as a percentage with one decimal, {@code null} without ratings. */
        public BigDecimal satisfactionRate() {
            return percent(satisfied, ratings);
        }

        /** Answered bad ratings as a percentage with one decimal, {@code null} without bad ratings. */
        public BigDecimal rectificationRate() {
            return percent(rectified, bad);
        }

        private static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        }
    }

    /**
     * The statistics of one division (and everything below it) for the days {@code from} to {@code to}; hall visits
     * (一次一评) count in the total, the bodies and the items like cases, and also per hall and per window.
     */
    public record Report(String divisionCode, LocalDate from, LocalDate to, Line total, List<Line> bodies,
            List<Line> items, List<Line> halls, List<Line> windows) {
    }

    private final JdbcClient jdbc;

    RatingStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws RatingRefusedException {@code evaluation.statistics.period} (422) when {@code to} is before
     *         {@code from} or the period is longer than about a year
     */
    public Report report(DivisionCode division, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.statistics.period");
        }
        Timestamp start = Timestamp.from(from.atStartOfDay(ZONE).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(ZONE).toInstant());
        String prefix = division.prefix() + "%";
        Line total = jdbc.sql(SELECT.formatted("'total', ''")).params(prefix, start, end)
                .query(RatingStatistics::line).single();
        List<Line> bodies = jdbc.sql(SELECT.formatted("r.body_id::text, r.body_name")
                + GROUPED).params(prefix, start, end)
                .query(RatingStatistics::line).list();
        List<Line> items = jdbc.sql(SELECT.formatted("r.item_code, r.item_name")
                + GROUPED).params(prefix, start, end)
                .query(RatingStatistics::line).list();
        List<Line> halls = jdbc.sql(SELECT.formatted("r.hall_id::text, r.hall_name") + " and r.hall_id is not null"
                + GROUPED).params(prefix, start, end)
                .query(RatingStatistics::line).list();
        List<Line> windows = jdbc.sql(SELECT.formatted("r.window_id::text, r.hall_name || ' ' || r.window_name")
                + " and r.window_id is not null" + GROUPED).params(prefix, start, end)
                .query(RatingStatistics::line).list();
        return new Report(division.value(), from, to, total, bodies, items, halls, windows);
    }

    // The latest rating of a case or a hall visit counts (a second rating after the rectification replaces the first).
    private static final String SELECT = """
            select %s, min(r.division_code), count(*), count(*) filter (where r.level >= 3),
                count(*) filter (where r.level <= 2),
                count(*) filter (where r.level <= 2 and x.status = 'RESPONDED')
            from evaluation_rating r left join evaluation_rectification x on x.rating_id = r.id
            where r.division_code like ? and r.rated_at >= ? and r.rated_at < ? and r.voided_at is null
                and not exists (select 1 from evaluation_rating later where (later.application_id = r.application_id
                    or later.visit_id = r.visit_id) and later.round > r.round and later.voided_at is null)
            """;

    private static final String GROUPED = " group by 1, 2 order by count(*) desc, 2 limit 500";

    private static Line line(ResultSet rs, int n) throws SQLException {
        return new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7));
    }
}

package org.tongban.supervision;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The supervision dashboard (电子监察) for a division, or one body of it, over a period: its figures and those of each
 * part one level down (cities of a province, counties of a city, ... then the bodies of the division itself, then the
 * items of a body).
 *
 * @param trail the divisions from the supervisor's own down to this one, for the way back up
 * @param bodyId the body drilled into, or null
 * @param rowKind what {@code rows} are: {@code DIVISION_OR_BODY} or {@code ITEM}
 */
public record DashboardView(String divisionCode, String divisionName, String divisionLevel, List<Place> trail,
        UUID bodyId, String bodyName, LocalDate from, LocalDate to, Figures totals, String rowKind, List<Row> rows) {

    /** A division on the way down. */
    public record Place(String code, String name) {
    }

    /**
     * One part of the breakdown.
     *
     * @param kind {@code DIVISION}, {@code BODY} or {@code ITEM}
     * @param code the division code, the body id or the item code
     */
    public record Row(String kind, String code, String name, Figures figures) {
    }

    /**
     * The figures of a division, body or item over the period. Rates are null when there is nothing to divide by.
     *
     * @param received applications first received (收件)
     * @param receivedOnline of them filed online (web portal or mobile app)
     * @param onlineShare {@code receivedOnline / received}
     * @param decidedOnTime decisions made within the promised limit
     * @param onTimeRate {@code decidedOnTime / decided}
     * @param averageDays calendar days from acceptance to decision, on average
     * @param averagePromisedDays calendar days from acceptance to the promised last day, on average over the same
     *        decisions
     * @param overdue tasks still open after their last day (超期)
     * @param ratings the ratings (好差评) given
     * @param openFindings anomaly findings found in the period and not yet reviewed; null for an item (findings are
     *        kept per case and body)
     */
    public record Figures(long received, long receivedOnline, Double onlineShare, long accepted, long decided,
            long decidedOnTime, Double onTimeRate, Double averageDays, Double averagePromisedDays, long completed,
            long overdue, Ratings ratings, Long openFindings) {
    }

    /**
     * Ratings by level (DOMAIN §6: 非常满意 5 … 非常不满意 1; the last two are bad ratings).
     *
     * @param satisfactionRate the share of ratings that are not bad (非常满意, 满意, 基本满意)
     */
    public record Ratings(long count, long verySatisfied, long satisfied, long basicallySatisfied, long dissatisfied,
            long veryDissatisfied, Double satisfactionRate) {
    }
}

package org.tongban.supervision;

import java.util.List;
import java.util.UUID;

/**
 * The monthly performance assessment (绩效考核) as pages, the PDF and the API show it. Every indicator carries its
 * numerator and denominator, so a reader can check the arithmetic; the definitions are in {@link Assessment}.
 */
public final class AssessmentView {

    private AssessmentView() {
    }

    /**
     * One indicator of a month: {@code value} is {@code numerator / denominator} (a share between 0 and 1, or for
     * {@code visits} the average per case), {@code null} without a denominator; {@code score} is its contribution
     * scale between 0 and 1 used by the composite score.
     */
    public record Indicator(String key, long numerator, long denominator, Double value, Double score) {
    }

    /**
     * The indicators of a body or division for a month and its composite score (0–100, {@code null} when no indicator
     * has a denominator).
     */
    public record Figures(List<Indicator> indicators, Double score) {

        public Indicator indicator(String key) {
            return indicators.stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
        }
    }

    /** A division on the way from the supervisor's division down. */
    public record Place(String code, String name) {
    }

    /** A division one level down, or a body sitting directly in the division. */
    public record Part(String kind, String code, String name, Figures figures) {
    }

    /** A body's place in the ranking of its division for the month. */
    public record Ranked(int rank, UUID bodyId, String bodyName, String divisionCode, String divisionName,
            Figures figures) {
    }

    /** One month of a trend. */
    public record Point(String month, Figures figures) {
    }

    /**
     * A division's month: its totals, its parts one level down, the ranking of every body in it with figures that
     * month, and the trend of its totals over the last months.
     *
     * @param frozen whether the month is closed and its figures frozen (otherwise they still change)
     */
    public record DivisionReport(String month, boolean frozen, String divisionCode, String divisionName,
            List<Place> trail, Figures totals, List<Part> parts, List<Ranked> ranking, List<Point> trend) {
    }

    /**
     * A body's monthly report: its figures, its rank among the bodies of its own division with figures that month
     * ({@code null} without a score), and its trend.
     */
    public record BodyReport(String month, boolean frozen, UUID bodyId, String bodyName, String divisionCode,
            String divisionName, Figures figures, Integer rank, int rankedBodies, List<Point> trend) {
    }
}

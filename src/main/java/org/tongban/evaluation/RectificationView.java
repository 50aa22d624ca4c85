package org.tongban.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The follow-up of a bad rating, as the body's staff, the rater and supervisors see it. The rater is never named
 * (国办发〔2019〕51号: the rater's identity is protected).
 *
 * @param status {@code OPEN}, {@code VISITED} (return visit made) or {@code RESPONDED}
 * @param place for a rating of a hall visit: the hall and window (then {@code applicationId} and {@code caseNumber}
 *        are {@code null})
 */
public record RectificationView(UUID id, UUID ratingId, UUID applicationId, String caseNumber, String itemName,
        UUID bodyId, String bodyName, RatingLevel level, List<RatingReason> reasons, String comment, Instant ratedAt,
        String status, LocalDate visitDue, LocalDate rectifyDue, Instant visitedAt, String visitNote,
        Instant respondedAt, String response, String responderName, long version, String place) {

    public boolean responded() {
        return "RESPONDED".equals(status);
    }
}

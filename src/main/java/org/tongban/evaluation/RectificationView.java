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
 */
public record RectificationView(UUID id, UUID ratingId, UUID applicationId, String caseNumber, String itemName,
        UUID bodyId, String bodyName, RatingLevel level, List<RatingReason> reasons, String comment, Instant ratedAt,
        String status, LocalDate visitDue, LocalDate rectifyDue, Instant visitedAt, String visitNote,
        Instant respondedAt, String response, String responderName, long version) {

    public boolean responded() {
        return "RESPONDED".equals(status);
    }
}

package org.tongban.evaluation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A bad rating (差评) was given; for a first rating a rectification was opened with its return-visit and rectification
 * deadlines ({@code rectificationId} null for a second rating, which closes the cycle). The rater is not named. A
 * rating of a hall visit (一次一评) carries {@code visitId} and no application or case number.
 */
public record BadRatingReceived(UUID ratingId, UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
        RatingLevel level, int round, UUID rectificationId, LocalDate visitDue, LocalDate rectifyDue, UUID visitId) {
}

package org.tongban.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * The rated body answered a bad rating (整改/说明, 国办发〔2019〕51号): the rater may now see the answer and rate once
 * more. Carries the case ({@code applicationId}) or the hall visit ({@code visitId}) rated; the rater is not named.
 * Published inside the answer's transaction.
 */
public record RectificationResponded(UUID rectificationId, UUID ratingId, UUID applicationId, UUID visitId,
        UUID bodyId, Instant respondedAt) {
}

package org.tongban.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rating as its rater sees it; {@code stage} is {@code ACCEPTANCE}, {@code DECISION} or {@code COMPLETION}. */
public record RatingView(UUID id, int round, String stage, RatingLevel level, List<RatingReason> reasons,
        String comment, Instant ratedAt) {
}

package org.tongban.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * A rating (好差评, any of the five levels) was given on a case, first or second round; published for statistics such
 * as the supervision dashboard. The rater is not named (国办发〔2019〕51号: the rater's identity is protected). A
 * rating of a hall visit (一次一评) carries {@code visitId} instead of an application.
 */
public record CaseRated(UUID ratingId, UUID applicationId, String itemCode, UUID bodyId, RatingLevel level,
        int round, Instant ratedAt, UUID visitId) {
}

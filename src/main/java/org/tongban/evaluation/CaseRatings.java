package org.tongban.evaluation;

import java.util.List;
import java.util.UUID;

/**
 * Everything about rating one case for its applicant.
 *
 * @param stage the stage the case is at now, or {@code null} when it cannot be rated yet
 * @param canRate no rating yet and the case is ratable
 * @param canRateAgain the first rating was bad, the body has responded, and no second rating was given
 */
public record CaseRatings(UUID applicationId, String caseNumber, String itemName, String bodyName, String stage,
        List<RatingView> ratings, RectificationView rectification, boolean canRate, boolean canRateAgain) {
}

package org.tongban.supervision;

import java.util.List;
import java.util.UUID;

import org.tongban.evaluation.RatingView;
import org.tongban.evaluation.RectificationView;

/** What supervision holds about one case: its warnings in time order, its special procedures, its ratings and their follow-up, its anomaly findings. */
public record CaseRecord(UUID applicationId, String caseNumber, String bodyName, List<WarningView> warnings,
        List<SpecialProcedureView> specials, List<RatingView> ratings, List<RectificationView> rectifications,
        List<FindingView> findings) {
}

package org.tongban.supervision;

import java.time.Instant;
import java.util.UUID;

/**
 * An anomaly finding: the rule a case broke, the evidence (no personal data), and its review.
 *
 * @param status {@code OPEN}, {@code CONFIRMED} or {@code DISMISSED}
 * @param reviewReason the supervisor's reason (always given for a dismissal)
 */
public record FindingView(UUID id, AnomalyRule rule, UUID applicationId, String caseNumber, UUID bodyId,
        String bodyName, String divisionCode, String evidence, Instant foundAt, String status, Instant reviewedAt,
        String reviewerName, String reviewReason, long version) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}

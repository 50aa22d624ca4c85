package org.tongban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A consultation, complaint or report (咨询/投诉/举报) as the submitter and the responsible body see it. The submitter
 * is never named; an anonymous submitter's phone appears masked only.
 *
 * @param kind {@code CONSULTATION}, {@code COMPLAINT} or {@code REPORT}
 * @param subject {@code ITEM}, {@code CASE} or {@code BODY}
 * @param phoneMasked the anonymous submitter's phone, masked ({@code 139****5678}); {@code null} when signed in
 * @param status {@code OPEN} or {@code ANSWERED}
 * @param rating {@code SATISFIED} or {@code UNSATISFIED} once the submitter rated the answer
 */
public record PetitionView(UUID id, String kind, String subject, String itemCode, String itemName, String caseNumber,
        UUID bodyId, String bodyName, String text, Instant submittedAt, LocalDate dueOn, String status,
        String answer, Instant answeredAt, String answererName, String rating, Instant ratedAt, String phoneMasked) {

    public boolean answered() {
        return "ANSWERED".equals(status);
    }

    public boolean anonymous() {
        return phoneMasked != null;
    }
}

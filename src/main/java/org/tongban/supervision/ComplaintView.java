package org.tongban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A complaint (投诉) about a case, as its complainant and the supervisors see it (supervisors do not see who
 * complained); {@code status} {@code OPEN} or {@code ANSWERED}.
 */
public record ComplaintView(UUID id, UUID applicationId, String caseNumber, UUID bodyId, String bodyName,
        String text, Instant submittedAt, LocalDate dueOn, String status, String response, Instant respondedAt,
        String responderName) {

    public boolean answered() {
        return "ANSWERED".equals(status);
    }
}

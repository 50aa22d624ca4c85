package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A line of "my applications" or of an officer's queue.
 *
 * @param handling after acceptance: {@code RUNNING}, {@code PAUSED} (特别程序中), {@code DECIDED} or
 *        {@code COMPLETED}; {@code null} before
 * @param outcome {@code GRANTED} or {@code REFUSED} once decided
 */
public record ApplicationSummary(UUID id, ApplicationStatus status, String itemCode, String itemName, String bodyName,
        String applicantName, String companyName, String caseNumber, Instant updatedAt, LocalDate receivedOn,
        LocalDate decisionDue, boolean acceptedByLaw, String handling, String outcome) {
}

package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A line of "my applications" or of an officer's queue. */
public record ApplicationSummary(UUID id, ApplicationStatus status, String itemCode, String itemName, String bodyName,
        String applicantName, String companyName, String caseNumber, Instant updatedAt, LocalDate receivedOn,
        LocalDate decisionDue, boolean acceptedByLaw) {
}

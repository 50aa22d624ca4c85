package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/** The application was not accepted (不予受理), with the reason and the remedies open to the applicant. */
public record CaseNotAccepted(UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
        UUID applicantAccount, LocalDate decidedOn, String reason) {
}

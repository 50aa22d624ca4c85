package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/** An application was submitted (or resubmitted after corrections) and got its case number. */
public record CaseSubmitted(UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
        UUID applicantAccount, UUID companyAccount, LocalDate receivedOn, boolean resubmission) {
}

package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A case was accepted (受理), by a window officer or by operation of law (行政许可法 Art. 32), and its handling
 * started; {@code dueOn} is the last day of its (promised) limit.
 */
public record CaseAccepted(UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
        UUID applicantAccount, LocalDate acceptedOn, boolean byLaw, LocalDate dueOn) {
}

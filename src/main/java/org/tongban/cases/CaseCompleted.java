package org.tongban.cases;

import java.time.Instant;
import java.util.UUID;

/** A case was completed (办结) after its result was delivered; {@code onTime} against the promised limit. */
public record CaseCompleted(UUID applicationId, String caseNumber, String itemCode, UUID bodyId, String outcome,
        Instant completedAt, boolean onTime) {
}

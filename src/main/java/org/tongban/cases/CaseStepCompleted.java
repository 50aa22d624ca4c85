package org.tongban.cases;

import java.util.UUID;

/** An officer completed a task of a case ({@code action} e.g. {@code APPROVE}, {@code REJECT}, {@code RETURN}). */
public record CaseStepCompleted(UUID applicationId, String caseNumber, UUID taskId, String nodeId, String branchId,
        UUID bodyId, String action, UUID officer) {
}

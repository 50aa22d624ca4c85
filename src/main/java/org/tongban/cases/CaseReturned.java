package org.tongban.cases;

import java.util.UUID;

/**
 * An officer sent a case back to an earlier step (退回), published next to the {@link CaseStepCompleted} of the
 * return. Listeners that concern returns only (supervision's repeated-returns rule) listen to it, so that the
 * approvals and decisions — most steps — leave nothing for them in the event publication registry.
 *
 * @param returnedTo the node the case went back to
 */
public record CaseReturned(UUID applicationId, String caseNumber, UUID taskId, String nodeId, String returnedTo,
        UUID bodyId, UUID officer) {
}

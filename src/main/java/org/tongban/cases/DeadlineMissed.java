package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/** A task was still open after its last day (超期); supervision listens. */
public record DeadlineMissed(UUID applicationId, String caseNumber, UUID taskId, UUID bodyId, LocalDate dueOn) {
}

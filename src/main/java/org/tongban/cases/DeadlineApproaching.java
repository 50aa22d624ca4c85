package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/** A task's deadline is near ({@code remainingWorkingDays} left, 0 on the last day); supervision listens. */
public record DeadlineApproaching(UUID applicationId, String caseNumber, UUID taskId, UUID bodyId, LocalDate dueOn,
        int remainingWorkingDays) {
}

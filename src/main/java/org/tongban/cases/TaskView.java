package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One task (a token of a case at a node or branch) as officers see it.
 *
 * @param remainingWorkingDays working days left until {@code dueOn} (0 on the last day, negative when overdue)
 * @param version for optimistic locking: an action names the version it was taken on
 */
public record TaskView(UUID id, UUID applicationId, String caseNumber, String itemName, String applicantName,
        String nodeId, String nodeName, String nodeKind, String branchName, UUID bodyId, String bodyName, String role,
        String status, Instant createdAt, LocalDate dueOn, int remainingWorkingDays, boolean paused, String outcome,
        String opinion, String actedByName, Instant completedAt, long version) {

    /** Overdue or within the warning threshold. */
    public boolean urgent(int warningDays) {
        return !paused && remainingWorkingDays <= warningDays;
    }

    /** A task and the case around it, for the officer's task page. */
    public record Detail(TaskView task, CaseProgress progress, ApplicationView application,
            List<TaskAction> actions, List<ReturnTarget> returnTargets, String proposedRefusal) {
    }

    /** An earlier node the case may be sent back to. */
    public record ReturnTarget(String id, String name) {
    }
}

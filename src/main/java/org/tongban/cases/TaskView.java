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
 * @param holderId the officer who claimed the task or was assigned it (认领 / 分派), {@code null} while nobody holds it;
 *        while someone holds it, only they act on it
 */
public record TaskView(UUID id, UUID applicationId, String caseNumber, String itemName, String applicantName,
        String nodeId, String nodeName, String nodeKind, String branchName, UUID bodyId, String bodyName, String role,
        String status, Instant createdAt, LocalDate dueOn, int remainingWorkingDays, boolean paused, String outcome,
        String opinion, String actedByName, Instant completedAt, long version, UUID holderId, String holderName,
        Instant heldSince) {

    /** Whether {@code officer} (an account id) holds the task. */
    public boolean heldBy(UUID officer) {
        return holderId != null && holderId.equals(officer);
    }

    /** Overdue or within the warning threshold. */
    public boolean urgent(int warningDays) {
        return !paused && remainingWorkingDays <= warningDays;
    }

    /**
     * A task and the case around it, for the officer's task page.
     *
     * @param actions empty unless the officer may act now (never on a task another officer holds)
     * @param claimable whether the officer may claim it (open, nobody holds it, the officer has the step's role)
     * @param releasable whether the officer may give it back (its holder, or a leader of the body)
     * @param assignees whom a leader of the body may hand it to; empty for everyone else
     */
    public record Detail(TaskView task, CaseProgress progress, ApplicationView application,
            List<TaskAction> actions, List<ReturnTarget> returnTargets, String proposedRefusal, boolean claimable,
            boolean releasable, List<Assignee> assignees) {
    }

    /** An officer of the task's body a leader may assign it to. */
    public record Assignee(UUID id, String name) {
    }

    /** An earlier node the case may be sent back to. */
    public record ReturnTarget(String id, String name) {
    }
}

package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Where a case stands in handling, as both the applicant and the officers see it (DOMAIN §5: 办理中 / 特别程序中 →
 * 已办结 准予 or 不予).
 *
 * @param state {@code RUNNING}, {@code DECIDED} or {@code COMPLETED}
 * @param dueOn the last day of the (promised) limit, moved by special procedures and the extension
 * @param remainingWorkingDays working days left (0 on the last day, negative when overdue)
 * @param paused a special procedure is running: the clock stands still (行政许可法 Art. 45)
 * @param current the open tasks: which node, in which body
 * @param tasks every task so far with its opinion (the history of handling)
 * @param provisionalDue a deadline falls in a year whose official holiday calendar is not published yet: counted
 *        Monday to Friday for now
 */
public record CaseProgress(UUID applicationId, String state, boolean joint, LocalDate acceptedOn, LocalDate dueOn,
        LocalDate legalDueOn, int remainingWorkingDays, boolean paused, int pausedDays, int extensionDays,
        List<TaskView> current, List<TaskView> tasks, List<Special> specials, Extension extension, String outcome,
        String decisionNumber, String decisionReason, String legalBasis, String legalRemedy, LocalDate decidedOn,
        Instant completedAt, boolean provisionalDue) {

    /** A special procedure (特别程序) with the working days it excluded once ended. */
    public record Special(String kind, String reason, LocalDate startedOn, LocalDate endedOn, String result,
            Integer excludedDays, String nodeName, String bodyName) {
    }

    /** The extension request and its state ({@code PENDING}, {@code APPROVED}, {@code REFUSED}). */
    public record Extension(UUID id, String reason, int days, String requestedBy, Instant requestedAt,
            String status) {
    }

    public boolean granted() {
        return "GRANTED".equals(outcome);
    }
}

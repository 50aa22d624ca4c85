package org.tongban.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Deadline warnings of one scan batch (限时办结, 行政许可法 Art. 42): each task whose warning level just rose, at most one
 * batch of {@link DeadlineWatch} per event. A province's first scan of a working day raises tens of thousands of
 * warnings; one event per batch keeps the event publication registry at a few rows per listener instead of one row
 * per task and listener. Supervision listens.
 *
 * @param day the scan's calendar day in the province's zone
 */
public record DeadlineWarnings(LocalDate day, List<Warning> warnings) {

    public DeadlineWarnings {
        warnings = List.copyOf(warnings);
    }

    /**
     * One task's warning: {@code level} 1 when {@code remainingWorkingDays} fell to the warning threshold, 2 on the
     * last day (0 left), 3 the day after (超期). {@code holderId}/{@code holderName}: the officer who held the task
     * then, or null when nobody had claimed it.
     */
    public record Warning(UUID taskId, UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
            LocalDate dueOn, int level, int remainingWorkingDays, UUID holderId, String holderName) {

        /** The task was still open after its last day (red light). */
        public boolean missed() {
            return level == 3;
        }
    }
}

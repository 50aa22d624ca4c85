package org.tongban.supervision;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.tongban.cases.DeadlineWarnings;
import org.tongban.cases.CaseSuspended;
import org.tongban.evaluation.BadRatingReceived;

/**
 * Turns the case engine's deadline warnings into lights (限时办结: yellow before, red after the last day, 行政许可法
 * Art. 42) and bad ratings of cases and hall visits into warnings (国办发〔2019〕51号: every bad rating is followed up). Each listener runs after
 * the publisher's commit in its own transaction; redelivery by the event registry is harmless.
 */
@Component
class CaseWatchers {

    private final Supervision supervision;
    private final DashboardCounts dashboard;

    CaseWatchers(Supervision supervision, DashboardCounts dashboard) {
        this.supervision = supervision;
        this.dashboard = dashboard;
    }

    /**
     * Yellow while the deadline nears or on its last day, red once it has passed, and the dashboard's count of missed
     * deadlines: one batch of the scan at once, in one transaction (one listener, so one event publication per batch
     * rather than one per consumer: the first scan of a day publishes tens of thousands of warnings).
     */
    @ApplicationModuleListener
    void on(DeadlineWarnings event) {
        supervision.raiseDeadlines(event.warnings());
        dashboard.countMissed(event.warnings());
    }

    @ApplicationModuleListener
    void on(BadRatingReceived event) {
        if (event.applicationId() == null) {
            // A hall visit (一次一评) has no case: the warning names the visit, its hall and window, the rater masked.
            if (event.visitId() != null) {
                supervision.raiseForVisit(event.ratingId(), event.visitId(), event.bodyId(), event.rectifyDue(),
                        event.level().name());
            }
            return;
        }
        supervision.raise("BAD_RATING", event.ratingId(), event.applicationId(), event.caseNumber(), event.bodyId(),
                event.rectifyDue(), event.level().name());
    }

    /** The clock stopped or restarted for a special procedure (行政许可法 Art. 45): kept on the case's record. */
    @ApplicationModuleListener
    void on(CaseSuspended event) {
        supervision.special(event.taskId(), event.applicationId(), event.caseNumber(), event.kind(),
                event.startedOn(), event.resumedOn(), event.excludedDays());
    }
}

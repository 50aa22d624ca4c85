package org.tongban.supervision;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.tongban.cases.CaseAccepted;
import org.tongban.cases.CaseDecided;
import org.tongban.cases.CaseFacts;

/**
 * Supervision's listener for the case events both the dashboard figures ({@link DashboardCounts}) and the anomaly
 * rules ({@link AnomalyRules}) need: one listener, so one publication per event in the registry and one transaction
 * for both, instead of two of each — every publication is stored with the event's transaction, marked in progress
 * and completed by statements of its own (bench/README.md, parallel approval). Both parts are idempotent (a figure is
 * counted once per case and kind, a finding recorded once per key), and they commit or roll back together, so a
 * redelivery after a failure repeats neither. The rules run first: the figures' rows of a busy body are written by
 * every event of it, and a transaction holds their locks from its upsert to its commit — so that comes last.
 */
@Component
class CaseEventListeners {

    private final DashboardCounts counts;
    private final AnomalyRules rules;
    private final CaseFacts facts;

    CaseEventListeners(DashboardCounts counts, AnomalyRules rules, CaseFacts facts) {
        this.counts = counts;
        this.rules = rules;
        this.facts = facts;
    }

    @ApplicationModuleListener
    void on(CaseAccepted event) {
        rules.on(event);
        counts.on(event);
    }

    @ApplicationModuleListener
    void on(CaseDecided event) {
        // Both need the decision's dates: read once.
        CaseFacts.Decision decision = facts.decision(event.applicationId()).orElse(null);
        rules.decided(event, decision);
        counts.decided(event, decision);
    }
}

package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * The window officer's pre-review and acceptance decision (受理, 行政许可法 Art. 32): accept, request every correction
 * at once (一次告知), or refuse with the reason and the legal remedy. Officers see and decide only applications for
 * their own body; each decision names the version it was made on, so of two officers acting at once exactly one
 * succeeds.
 */
@Service
public class CaseAcceptance {

    /** The remedies a refusal must name (行政许可法 Art. 38 para. 2; 行政复议法 Art. 20; 行政诉讼法 Art. 46). */
    public static final String DEFAULT_REMEDY_KEY = "cases.decision.remedy.default";

    private static final List<ApplicationStatus> UNDECIDED = List.of(ApplicationStatus.SUBMITTED,
            ApplicationStatus.PRE_REVIEW);

    private final ApplicationStore store;
    private final Applications applications;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final CaseProcessing processing;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    CaseAcceptance(ApplicationStore store, Applications applications, TransactionTemplate transactions,
            AuditTrail audit, CaseProcessing processing, org.springframework.context.ApplicationEventPublisher events) {
        this(store, applications, transactions, audit, processing, events, Clock.systemUTC());
    }

    private CaseAcceptance(ApplicationStore store, Applications applications, TransactionTemplate transactions,
            AuditTrail audit, CaseProcessing processing, org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.store = store;
        this.applications = applications;
        this.transactions = transactions;
        this.audit = audit;
        this.processing = processing;
        this.clock = clock;
    }

    public CaseAcceptance withClock(Clock clock) {
        return new CaseAcceptance(store, applications.withClock(clock), transactions, audit,
                processing.withClock(clock), events, clock);
    }

    /** Applications of the officer's body awaiting a decision, oldest receipt first. */
    public List<ApplicationSummary> queue(SignedIn officer) {
        requireOfficer(officer);
        return store.queue(officer.staffBody(), List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.PRE_REVIEW,
                ApplicationStatus.CORRECTION_REQUESTED));
    }

    /** Opens an application; the first opening starts pre-review (预审中), which the applicant sees. */
    public ApplicationView open(SignedIn officer, UUID id) {
        Row row = ofBody(officer, id);
        if (row.status() == ApplicationStatus.SUBMITTED) {
            transactions.executeWithoutResult(status -> {
                if (store.transition(id, row.version(), List.of(ApplicationStatus.SUBMITTED),
                        ApplicationStatus.PRE_REVIEW, clock.instant(), null, null, null, null)) {
                    store.addStep(id, clock.instant(), "PRE_REVIEW", officer.accountId(), officer.name(), null);
                }
            });
        }
        return applications.view(ofBody(officer, id));
    }

    public ApplicationView view(SignedIn officer, UUID id) {
        return applications.view(ofBody(officer, id));
    }

    public Applications.MaterialDownload material(SignedIn officer, UUID id, UUID material) {
        ofBody(officer, id);
        return applications.download(id, material);
    }

    /** A slot's images as one PDF in the applicant's order, for the officer. */
    public Applications.MaterialDownload combined(SignedIn officer, UUID id, int index) {
        ofBody(officer, id);
        return applications.combined(id, index);
    }

    /** Accepts (受理) on the day of the decision. */
    public void accept(SignedIn officer, UUID id, long version) {
        decide(officer, id, version, ApplicationStatus.ACCEPTED, null, null, "ACCEPTED", null);
    }

    /**
     * Requests corrections: every deficient material and field, each with its reason, in one notice (一次告知,
     * 行政许可法 Art. 32 para. 1 (4)).
     *
     * @throws CaseRefusedException {@code cases.correction.empty} without any deficiency, or
     *         {@code cases.correction.reason-missing} when one has no reason
     */
    public void requestCorrections(SignedIn officer, UUID id, long version, List<ApplicationView.Deficiency> items) {
        if (items.isEmpty()) {
            throw CaseRefusedException.rule("cases.correction.empty");
        }
        if (items.stream().anyMatch(d -> d.reason() == null || d.reason().isBlank())) {
            throw CaseRefusedException.rule("cases.correction.reason-missing");
        }
        decide(officer, id, version, ApplicationStatus.CORRECTION_REQUESTED, null, null, "CORRECTION_REQUESTED", items);
    }

    /** Refuses acceptance (不予受理) with the reason and the remedies open to the applicant. */
    public void notAccept(SignedIn officer, UUID id, long version, String reason, String remedy) {
        if (reason == null || reason.isBlank()) {
            throw CaseRefusedException.rule("cases.decision.reason-missing");
        }
        if (remedy == null || remedy.isBlank()) {
            throw CaseRefusedException.rule("cases.decision.remedy-missing");
        }
        decide(officer, id, version, ApplicationStatus.NOT_ACCEPTED, reason.strip(), remedy.strip(), "NOT_ACCEPTED",
                null);
    }

    private void decide(SignedIn officer, UUID id, long version, ApplicationStatus to, String reason, String remedy,
            String step, List<ApplicationView.Deficiency> corrections) {
        Row row = ofBody(officer, id);
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
            LocalDate acceptedOn = to == ApplicationStatus.ACCEPTED ? today : null;
            if (!store.transition(id, version, UNDECIDED, to, now, officer.accountId(), acceptedOn, reason, remedy)) {
                throw CaseRefusedException.conflict("cases.decision.conflict");
            }
            if (corrections != null) {
                // 一次告知: what an earlier notice of this application did not ask for should not be asked now.
                java.util.Set<String> earlier = store.correctionTargets(id);
                List<String> notInEarlier = earlier.isEmpty() ? List.of() : corrections.stream()
                        .filter(d -> !earlier.contains(d.kind() + ":" + d.target())).map(d -> d.name()).toList();
                store.addCorrection(id, now, officer.accountId(), corrections);
                if (!notInEarlier.isEmpty()) {
                    audit.record(new AuditTrail.Event("cases", "CORRECTION_NOT_IN_FIRST_NOTICE", officer.accountId(),
                            officer.name(), "application", id.toString(), String.join("、", notInEarlier)));
                }
                events.publishEvent(new CaseCorrectionRequested(id, row.caseNumber(), row.itemCode(), row.bodyId(),
                        row.applicantAccount(), corrections.size(), today, notInEarlier));
            }
            if (to == ApplicationStatus.NOT_ACCEPTED) {
                events.publishEvent(new CaseNotAccepted(id, row.caseNumber(), row.itemCode(), row.bodyId(),
                        row.applicantAccount(), today, reason));
            }
            store.addStep(id, now, step, officer.accountId(), officer.name(), reason);
            // Supervision (电子监察) reads every acceptance decision from the platform trail.
            audit.record(new AuditTrail.Event("cases", step, officer.accountId(), officer.name(), "application",
                    id.toString(), corrections == null ? reason : corrections.size() + " deficiencies"));
            if (acceptedOn != null) {
                // 一口受理: handling starts in the same transaction, so no accepted case is left without tasks.
                processing.start(id, acceptedOn, false);
            }
        });
    }

    private Row ofBody(SignedIn officer, UUID id) {
        requireOfficer(officer);
        // Another body's application is answered as not found: officers do not learn what others handle.
        return store.find(id).filter(r -> r.bodyId().equals(officer.staffBody()) && r.status() != ApplicationStatus.DRAFT)
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
    }

    private static void requireOfficer(SignedIn officer) {
        if (officer == null || !officer.staff() || !officer.has(StaffRole.WINDOW_OFFICER)
                || officer.staffBody() == null) {
            throw CaseRefusedException.forbidden("cases.workbench.window-officer-only");
        }
    }
}

package org.tongban.cases;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharedData;
import org.tongban.exchange.SharedRecord;
import org.tongban.identity.SignedIn;
import org.tongban.shared.NotFoundException;

/**
 * Once-only at the window (免提交, DOMAIN §1 and §9): instead of asking the applicant for a copy of their ID card, the
 * window officer checks the applicant against the population data through the data-sharing exchange, for this case
 * and the acceptance-review purpose. The exchange authorizes the officer's body (its grant), logs the access (the
 * applicant sees it under "who looked at my data") and returns only the granted items; the case's timeline records
 * the check.
 */
@Service
public class SharedDataCheck {

    /** What the population data says about the applicant, and whether the name matches the application. */
    public record Result(String provider, String subjectMasked, Map<String, Object> record, List<String> withheld,
            boolean nameMatches) {
    }

    private final CaseAcceptance acceptance;
    private final ApplicationStore store;
    private final SharedData sharedData;
    private final Clock clock = Clock.systemUTC();

    SharedDataCheck(CaseAcceptance acceptance, ApplicationStore store, SharedData sharedData) {
        this.acceptance = acceptance;
        this.store = store;
        this.sharedData = sharedData;
    }

    /**
     * @throws NotFoundException {@code cases.shared.not-in-population} when the applicant is not in the population
     *         data (the officer asks for the document instead)
     * @throws ExchangeRefusedException when the officer's body holds no grant for this purpose
     */
    @Transactional
    public Result population(SignedIn officer, UUID applicationId) {
        acceptance.open(officer, applicationId); // the officer's own body's application, or not found
        Row row = store.find(applicationId).orElseThrow();
        DataSubject subject = sharedData.applicant(row.applicantAccount()).orElseThrow(
                () -> new NotFoundException("cases.shared.not-in-population", row.applicantName()));
        SharedRecord shared = sharedData.fetch(subject, SharedData.POPULATION, List.of(), SharedData.ACCEPTANCE_REVIEW,
                row.caseNumber(), officer.staffBody(), "officer:" + officer.accountId());
        Map<String, Object> record = shared.records().isEmpty() ? Map.of() : shared.records().getFirst();
        boolean nameMatches = row.applicantName() != null && record.get("name") != null
                && personalName(row.applicantName()).equals(personalName(record.get("name").toString()));
        store.addStep(applicationId, clock.instant(), "SHARED_DATA_CHECKED", officer.accountId(), officer.name(),
                shared.resourceName() + " · " + shared.provider());
        return new Result(shared.provider(), subject.masked(), record, shared.withheld(), nameMatches);
    }

    /** The name as people write it: without spaces, and without the （演示） label demo accounts carry. */
    private static String personalName(String name) {
        return name.replaceAll("\\s+", "").replaceFirst("（演示）$", "");
    }
}

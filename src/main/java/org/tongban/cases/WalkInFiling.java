package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.MaterialRow;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.cases.internal.CaseNumbers;
import org.tongban.cases.internal.FormDefinitions;
import org.tongban.cases.internal.MaterialContent;
import org.tongban.cases.internal.MaterialStorage;
import org.tongban.cases.internal.WalkInStore;
import org.tongban.cases.internal.WalkInStore.WalkIn;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.catalog.ItemSummary;
import org.tongban.catalog.ServiceTarget;
import org.tongban.identity.Accounts;
import org.tongban.identity.CompanyView;
import org.tongban.identity.LegalPersons;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsGateway;
import org.tongban.identity.StaffRole;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * 窗口收件 (one window, 一窗受理): a window officer of the item's body files an application for a person who walks
 * in. The officer identifies the person at the counter (name, resident ID number checked by its GB 11643 check
 * character, mobile number), fills the item's own form and scans the materials, and submits through the hall window
 * channel; the result is the same kind of case as an online application (case number, acceptance clock of
 * 行政许可法 Art. 32, {@link CaseSubmitted}), which the officer may then accept at once.
 *
 * <p>A company is filed for in the same way when the person at the counter represents it (DOMAIN §8): the officer adds
 * its unified social credit code, and the identity module must confirm that the person whose ID card was checked is
 * its legal representative or an agent whose authorization covers the item, today; the company is then the case's
 * applicant and the person its agent, checked again at submission.
 *
 * <p>A person with an account gets the case in "my cases"; a person without one is recorded by the sealed ID number
 * and its look-up hash (DOMAIN §8, never in clear) and told the case number by SMS. Only window officers of the item's
 * body file, see and submit these applications; every start and submission is in the platform's audit trail.
 */
@Service
public class WalkInFiling {

    private static final Logger log = LoggerFactory.getLogger(WalkInFiling.class);

    /**
     * What the officer types at the counter to start. {@code hallId} and {@code window} may be empty;
     * {@code creditCode}, when given, names the company the person at the counter represents (then the company is the
     * applicant and the person its legal representative or authorized agent).
     */
    public record Start(String itemCode, String name, String idNumber, String phone, UUID hallId, String window,
            String creditCode) {

        /** A natural person filing for themself. */
        public Start(String itemCode, String name, String idNumber, String phone, UUID hallId, String window) {
            this(itemCode, name, idNumber, phone, hallId, window, null);
        }
    }

    /**
     * The started application; {@code registered} when it belongs to the person's own account; {@code repeated} when
     * the same start key came again.
     */
    public record Started(UUID id, boolean registered, boolean repeated) {
    }

    /** A walk-in application as the officer sees it: the application and how the person was identified. */
    public record WalkInView(ApplicationView application, boolean registered, String phoneMasked, String officerName,
            String hallName, String windowNumber) {
    }

    private final ApplicationStore store;
    private final WalkInStore walkIns;
    private final Applications applications;
    private final FormDefinitions forms;
    private final Catalog catalog;
    private final Organization organization;
    private final Accounts accounts;
    private final PersonalData personalData;
    private final MaterialStorage storage;
    private final CaseNumbers numbers;
    private final WorkingDays workingDays;
    private final CasesProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final ObjectProvider<SmsGateway> gateways;
    private final LegalPersons legalPersons;
    private final Clock clock = Clock.systemUTC();

    WalkInFiling(ApplicationStore store, WalkInStore walkIns, Applications applications, FormDefinitions forms,
            Catalog catalog, Organization organization, Accounts accounts, PersonalData personalData,
            MaterialStorage storage, CaseNumbers numbers, WorkingDays workingDays, CasesProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, AuditTrail audit,
            ObjectProvider<SmsGateway> gateways, LegalPersons legalPersons) {
        this.legalPersons = legalPersons;
        this.store = store;
        this.walkIns = walkIns;
        this.applications = applications;
        this.forms = forms;
        this.catalog = catalog;
        this.organization = organization;
        this.accounts = accounts;
        this.personalData = personalData;
        this.storage = storage;
        this.numbers = numbers;
        this.workingDays = workingDays;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
        this.gateways = gateways;
    }

    /**
     * The published items of the officer's body: for persons, for companies (filed for a company represented at the
     * counter), or for both.
     */
    public List<ItemSummary> items(SignedIn officer) {
        requireOfficer(officer);
        return catalog.itemsOf(officer.staffBody(), 0, 100).hits().stream().map(h -> h.item()).toList();
    }

    /** The halls (and their windows) of the officer's body. */
    public List<HallSummary> halls(SignedIn officer) {
        requireOfficer(officer);
        return organization.hallsOf(officer.staffBody());
    }

    /**
     * Starts the application for the person at the counter. A retried start with the same {@code startKey} answers
     * the application started first.
     *
     * @throws IncompleteApplicationException with field problems for {@code itemCode}, {@code name}, {@code idNumber}
     *         (e.g. {@code shared.citizen-id.check}), {@code phone}, {@code hallId}, {@code window}
     * @throws CaseRefusedException {@code cases.workbench.window-officer-only} (403) for anyone but a window officer,
     *         {@code cases.walk-in.not-your-body} (403) for an item of another body
     */
    public Started start(SignedIn officer, Start start, String startKey) {
        requireOfficer(officer);
        String key = startKey == null || startKey.isBlank() ? UUID.randomUUID().toString() : startKey.strip();
        if (key.length() > 100) {
            throw CaseRefusedException.rule("cases.idempotency-key.too-long");
        }
        Optional<UUID> earlier = walkIns.startedWith(officer.accountId(), key);
        if (earlier.isPresent()) {
            return new Started(earlier.get(), walkIns.find(earlier.get()).map(WalkIn::registered).orElse(false), true);
        }
        List<FieldProblem> problems = new ArrayList<>();
        ItemDetail item = null;
        String itemCode = start.itemCode() == null ? "" : start.itemCode().strip();
        if (itemCode.isEmpty()) {
            problems.add(new FieldProblem("itemCode", "cases.walk-in.item.required"));
        } else {
            try {
                item = catalog.item(ImplementationCode.of(itemCode));
            } catch (InvalidValueException | NotFoundException e) {
                problems.add(new FieldProblem("itemCode", "cases.walk-in.item.unknown", itemCode));
            }
        }
        if (item != null && !item.summary().bodyId().equals(officer.staffBody())) {
            throw CaseRefusedException.forbidden("cases.walk-in.not-your-body", item.summary().bodyName());
        }
        String creditText = start.creditCode() == null || start.creditCode().isBlank() ? null
                : start.creditCode().strip().toUpperCase(java.util.Locale.ROOT);
        UnifiedSocialCreditCode creditCode = null;
        if (creditText != null) {
            try {
                // GB 32100: 18 characters with the check character.
                creditCode = UnifiedSocialCreditCode.of(creditText);
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("creditCode", e.code()));
            }
        }
        if (item != null && creditText == null && item.summary().target() == ServiceTarget.LEGAL_PERSON) {
            // DOMAIN §8: a legal person's item is filed for the company its representative or agent names.
            problems.add(new FieldProblem("creditCode", "cases.walk-in.company.required", item.summary().name()));
        }
        if (item != null && creditText != null && item.summary().target() == ServiceTarget.NATURAL_PERSON) {
            problems.add(new FieldProblem("creditCode", "cases.walk-in.company.not-served", item.summary().name()));
        }
        String name = start.name() == null ? "" : start.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "cases.walk-in.name.required"));
        } else if (name.length() > 50) {
            problems.add(new FieldProblem("name", "cases.walk-in.name.too-long", 50));
        }
        CitizenIdNumber id = null;
        if (start.idNumber() == null || start.idNumber().isBlank()) {
            problems.add(new FieldProblem("idNumber", "cases.walk-in.id.required"));
        } else {
            try {
                // GB 11643: 17 digits and the ISO 7064 MOD 11-2 check character, with a real birth date.
                id = CitizenIdNumber.of(start.idNumber());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("idNumber", e.code()));
            }
        }
        PhoneNumber phone = null;
        if (start.phone() == null || start.phone().isBlank()) {
            problems.add(new FieldProblem("phone", "cases.walk-in.phone.required"));
        } else {
            try {
                phone = new PhoneNumber(start.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.code()));
            }
        }
        HallSummary hall = null;
        String window = start.window() == null || start.window().isBlank() ? null : start.window().strip();
        if (start.hallId() != null) {
            hall = organization.hallsOf(officer.staffBody()).stream().filter(h -> h.id().equals(start.hallId()))
                    .findFirst().orElse(null);
            if (hall == null) {
                problems.add(new FieldProblem("hallId", "cases.walk-in.hall.unknown"));
            }
        }
        if (window != null && (hall == null || hall.windows().stream().noneMatch(w -> w.number().equals(window)))) {
            problems.add(new FieldProblem("window", "cases.walk-in.window.unknown", window));
        }
        String hash = id == null ? null : personalData.residentIdHash(id);
        Optional<UUID> account = hash == null ? Optional.empty() : personalData.personalAccountWithIdNumberHash(hash);
        if (account.isPresent() && !accounts.view(account.get()).name().equals(name) && !name.isEmpty()) {
            // The ID card shown at the counter and the account disagree: the officer checks before filing.
            problems.add(new FieldProblem("name", "cases.walk-in.name.mismatch"));
        }
        CompanyView company = null;
        if (creditCode != null && id != null && item != null) {
            // DOMAIN §8: a company acts only through its legal representative or an agent the representative
            // authorized (in scope, not expired, not revoked): asked of the identity module for the person whose ID
            // card was checked at the counter. Authorizations are held by accounts, so the person needs one.
            if (account.isEmpty()) {
                problems.add(new FieldProblem("idNumber", "cases.walk-in.company.agent-without-account"));
            } else {
                UnifiedSocialCreditCode code = creditCode;
                Optional<CompanyView> represented = legalPersons.companiesOf(account.get()).stream()
                        .filter(c -> c.creditCode().equals(code.value())).findFirst();
                if (represented.isEmpty()) {
                    problems.add(new FieldProblem("creditCode", "cases.walk-in.company.not-authorized", code.value()));
                } else if (!covers(represented.get(), item.summary().code())) {
                    problems.add(new FieldProblem("creditCode", "cases.walk-in.company.out-of-scope",
                            represented.get().name(), item.summary().name()));
                } else {
                    company = represented.get();
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompleteApplicationException(problems);
        }
        UUID applicant = account.orElseGet(() -> walkIns.unregisteredApplicant(hash).orElseGet(UUID::randomUUID));
        boolean registered = account.isPresent();
        FormDefinition form = forms.of(item);
        Map<String, String> values = new LinkedHashMap<>();
        CompanyView represented = company;
        for (FormField field : form.fields()) {
            String prefill = field.prefill() == null ? "" : field.prefill();
            switch (prefill) {
                case "account.name" -> values.put(field.key(), name);
                case "company.name" -> {
                    if (represented != null) {
                        values.put(field.key(), represented.name());
                    }
                }
                case "company.creditCode" -> {
                    if (represented != null) {
                        values.put(field.key(), represented.creditCode());
                    }
                }
                default -> {
                }
            }
        }
        Instant now = clock.instant();
        UUID draft = UUID.randomUUID();
        ItemDetail filed = item;
        CitizenIdNumber idNumber = id;
        PhoneNumber mobile = phone;
        HallSummary where = hall;
        try {
            transactions.executeWithoutResult(status -> {
                store.insertDraft(new ApplicationStore.NewDraft(draft, applicant, name, "RESIDENT_ID",
                        idNumber.masked(), represented == null ? null : represented.id(),
                        represented == null ? null : represented.name(),
                        represented == null ? null : represented.creditCode(), filed.summary().code(),
                        filed.summary().version(),
                        filed.summary().name(), filed.summary().bodyId(), filed.summary().bodyName(), values, null,
                        now));
                if (!walkIns.insert(new WalkIn(draft, registered, hash, personalData.encrypt(idNumber.value()),
                        personalData.encrypt(mobile.value()), mobile.masked(), officer.accountId(), officer.name(),
                        officer.staffBody(), where == null ? null : where.id(), where == null ? null : where.name(),
                        window, key, now))) {
                    throw new StartedMeanwhile();
                }
                // The history names the officer and, when known, the hall and window.
                store.addStep(draft, now, "WALK_IN_FILED", officer.accountId(), officer.name(), place(where, window));
                audit.record(new AuditTrail.Event("cases", "WALK_IN_STARTED", officer.accountId(), officer.name(),
                        "application", draft.toString(), filed.summary().code() + " " + idNumber.masked()
                                + (registered ? " (account)" : " (no account)")
                                + (represented == null ? "" : " for " + represented.creditCode()
                                        + (represented.legalRepresentative() ? " as legal representative"
                                                : " as agent"))));
            });
        } catch (StartedMeanwhile e) {
            UUID first = walkIns.startedWith(officer.accountId(), key).orElseThrow();
            return new Started(first, walkIns.find(first).map(WalkIn::registered).orElse(false), true);
        }
        return new Started(draft, registered, false);
    }

    /**
     * Whether the person's standing for the company covers filing this item: the legal representative always; an
     * agent when the authorization names every matter, applying ({@code apply}, as online) or this item's code.
     */
    private static boolean covers(CompanyView company, String itemCode) {
        return company.legalRepresentative() || company.scope().isEmpty() || company.scope().contains("apply")
                || company.scope().contains(itemCode);
    }

    /** The same key was used by a start that committed in the meantime: this one rolls back. */
    private static final class StartedMeanwhile extends RuntimeException {
        StartedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private static String place(HallSummary hall, String window) {
        if (hall == null) {
            return null;
        }
        return window == null ? hall.name() : hall.name() + " / " + window;
    }

    /** @throws NotFoundException unless it is a walk-in application of the officer's body */
    public WalkInView view(SignedIn officer, UUID id) {
        Row row = ofBody(officer, id);
        WalkIn walkIn = walkIns.find(id).orElseThrow();
        return new WalkInView(applications.view(row), walkIn.registered(), walkIn.phoneMasked(),
                walkIn.officerName(), walkIn.hallName(), walkIn.windowNumber());
    }

    /** Saves what was typed, valid or not (as the applicant's save does): only while it may be edited. */
    public WalkInView save(SignedIn officer, UUID id, Map<String, String> values) {
        transactions.executeWithoutResult(status -> applications.saveTyped(editable(officer, id, true), values, null,
                0));
        return view(officer, id);
    }

    /** Saves what was typed and empties one row of a table. */
    public WalkInView removeRow(SignedIn officer, UUID id, Map<String, String> values, String table, int rowIndex) {
        transactions.executeWithoutResult(status -> applications.saveTyped(editable(officer, id, true), values, table,
                rowIndex));
        return view(officer, id);
    }

    /**
     * Stores a scanned material for slot {@code index}, with the checks of {@link Applications#upload}: size limit,
     * type by content (PDF, OFD, JPEG, PNG), SHA-256.
     */
    public ApplicationView.MaterialFile upload(SignedIn officer, UUID id, int index, String fileName,
            byte[] content) {
        return upload(officer, id, index, fileName, content, false);
    }

    /** Stores a scanned file; with {@code addPage}, an image added after the slot's images (another page). */
    public ApplicationView.MaterialFile upload(SignedIn officer, UUID id, int index, String fileName,
            byte[] content, boolean addPage) {
        Row row = editable(officer, id, false);
        MaterialContent.Kind kind = applications.checkedFile(content);
        MaterialRow material = applications.storedFile(applications.requirement(row, index), index, fileName,
                content, kind);
        try {
            transactions.executeWithoutResult(status -> {
                editable(officer, id, true);
                applications.fileInto(id, material, addPage).forEach(storage::deleteAfterCommit);
                store.touch(id, clock.instant());
            });
        } catch (RuntimeException e) {
            storage.delete(material.storageKey());
            throw e;
        }
        return Applications.file(material);
    }

    public void removeMaterial(SignedIn officer, UUID id, int index) {
        transactions.executeWithoutResult(status -> {
            editable(officer, id, true);
            store.removeMaterial(id, index).forEach(storage::deleteAfterCommit);
            store.touch(id, clock.instant());
        });
    }

    public Applications.MaterialDownload material(SignedIn officer, UUID id, UUID material) {
        ofBody(officer, id);
        return applications.download(id, material);
    }

    /**
     * Submits through the hall window channel: every field valid and every needed material present, or nothing
     * changes; the same {@code idempotencyKey} again answers the first result. The applicant's own path
     * ({@link Applications#submit}) stays closed to channels other than self-service.
     *
     * @throws IncompleteApplicationException listing every invalid field and missing material
     */
    public Applications.Submitted submit(SignedIn officer, UUID id, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw CaseRefusedException.rule("cases.idempotency-key.required");
        }
        requireOfficer(officer);
        return transactions.execute(status -> {
            Row row = store.lock(id).filter(r -> ofOfficersBody(officer, r))
                    .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
            WalkIn walkIn = walkIns.find(id)
                    .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
            if (idempotencyKey.equals(row.submitKey())) {
                return new Applications.Submitted(id, row.caseNumber(), row.receivedOn(), row.decisionDue(), true);
            }
            if (!row.status().editable()) {
                throw CaseRefusedException.conflict("cases.application.already-submitted", row.caseNumber());
            }
            ItemDetail item = catalog.item(ImplementationCode.of(row.itemCode()), row.itemVersion());
            if (row.companyAccount() != null && legalPersons.companiesOf(row.applicantAccount()).stream()
                    .noneMatch(c -> c.id().equals(row.companyAccount()) && covers(c, row.itemCode()))) {
                // Revoked or expired since the start at the counter: the person no longer represents the company.
                throw CaseRefusedException.forbidden("cases.walk-in.company.no-longer-authorized", row.companyName());
            }
            FormDefinition form = applications.form(row);
            List<FieldProblem> problems = new ArrayList<>(FormValidation.validate(form, row.values(),
                    code -> organization.findDivision(code).isPresent()));
            List<MaterialRow> materials = store.materials(id);
            List<Guide.Material> requirements = item.guide().materials();
            for (int i = 0; i < requirements.size(); i++) {
                int index = i;
                if (Applications.needed(requirements.get(i)) && materials.stream().noneMatch(m -> m.index() == index)) {
                    problems.add(new FieldProblem("material." + i, "cases.material.missing",
                            requirements.get(i).name()));
                }
            }
            if (!problems.isEmpty()) {
                throw new IncompleteApplicationException(problems);
            }
            Instant now = clock.instant();
            store.updateValues(id, FormValidation.normalize(form, row.values()), now);
            LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
            boolean resubmission = row.status() == ApplicationStatus.CORRECTION_REQUESTED;
            String caseNumber = row.caseNumber() != null ? row.caseNumber() : numbers.next(row.itemCode(), today);
            // 行政许可法 Art. 32: the materials are received at the window today; the acceptance decision (or the one
            // correction notice) is due within 5 working days, as for an online application.
            LocalDate due = workingDays.calendar().addWorkingDays(today, properties.acceptanceDays());
            store.markSubmitted(id, caseNumber, Channel.HALL_WINDOW, idempotencyKey, now, today, due,
                    form.revision());
            if (resubmission) {
                store.resolveCorrections(id, now);
            }
            store.addStep(id, now, resubmission ? "RESUBMITTED" : "SUBMITTED", officer.accountId(), officer.name(),
                    caseNumber);
            audit.record(new AuditTrail.Event("cases", "WALK_IN_SUBMITTED", officer.accountId(), officer.name(),
                    "application", id.toString(), caseNumber + (walkIn.hallName() == null ? ""
                            : " " + walkIn.hallName() + (walkIn.windowNumber() == null ? ""
                                    : " / " + walkIn.windowNumber()))));
            events.publishEvent(new CaseSubmitted(id, caseNumber, row.itemCode(), row.bodyId(),
                    row.applicantAccount(), row.companyAccount(), today, resubmission));
            return new Applications.Submitted(id, caseNumber, today, due, false);
        });
    }

    /**
     * Moves the cases a hall window filed under the person's resident ID number before they had an account into their
     * account, once its real name is verified (level 2 or more, DOMAIN §8): a self-registered account (level 1)
     * claims nothing, so nobody reads another person's cases by registering with their ID number. Matched by the
     * keyed look-up hash, nothing decrypted. Answers how many cases moved.
     */
    public int claimForAccount(SignedIn person) {
        if (person == null || person.staff() || person.assuranceLevel() < 2) {
            return 0;
        }
        Optional<String> hash = personalData.residentIdHashOf(person.accountId());
        if (hash.isEmpty() || !walkIns.hasUnregistered(hash.get())) {
            return 0;
        }
        List<UUID> moved = transactions.execute(status -> {
            List<UUID> claimed = walkIns.claim(hash.get(), person.accountId());
            Instant now = clock.instant();
            for (UUID application : claimed) {
                store.addStep(application, now, "WALK_IN_CLAIMED", person.accountId(), person.name(), null);
                audit.record(new AuditTrail.Event("cases", "WALK_IN_CLAIMED", person.accountId(), person.name(),
                        "application", application.toString(), null));
            }
            return claimed;
        });
        return moved == null ? 0 : moved.size();
    }

    /**
     * Sends a text about the case to the person a walk-in case was filed for without an account (the phone given at
     * the counter); {@code false} for any other case, without a gateway, or when the gateway refuses.
     */
    boolean smsToUnregistered(UUID applicationId, String text) {
        Optional<WalkIn> walkIn = walkIns.find(applicationId).filter(w -> !w.registered());
        SmsGateway gateway = gateways.getIfAvailable();
        if (walkIn.isEmpty() || gateway == null) {
            return false;
        }
        try {
            gateway.send(new PhoneNumber(personalData.decrypt(walkIn.get().phoneSealed())), text);
            return true;
        } catch (RuntimeException e) {
            log.warn("SMS about walk-in application {} not sent: {}", applicationId, e.toString());
            return false;
        }
    }

    private Row ofBody(SignedIn officer, UUID id) {
        requireOfficer(officer);
        // Another body's application (or one not filed at a window) is answered as not found.
        return store.find(id).filter(r -> ofOfficersBody(officer, r) && walkIns.find(id).isPresent())
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
    }

    private static boolean ofOfficersBody(SignedIn officer, Row row) {
        return row.bodyId().equals(officer.staffBody());
    }

    private Row editable(SignedIn officer, UUID id, boolean lock) {
        requireOfficer(officer);
        Row row = (lock ? store.lock(id) : store.find(id)).filter(r -> ofOfficersBody(officer, r))
                .filter(r -> walkIns.find(id).isPresent())
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
        if (!row.status().editable()) {
            throw CaseRefusedException.conflict("cases.application.not-editable");
        }
        return row;
    }

    private static void requireOfficer(SignedIn officer) {
        if (officer == null || !officer.staff() || !officer.has(StaffRole.WINDOW_OFFICER)
                || officer.staffBody() == null) {
            throw CaseRefusedException.forbidden("cases.workbench.window-officer-only");
        }
    }
}

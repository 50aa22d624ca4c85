package org.tongban.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.MaterialRow;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.cases.internal.CaseNumbers;
import org.tongban.cases.internal.FormDefinitions;
import org.tongban.cases.internal.MaterialContent;
import org.tongban.cases.internal.MaterialLibraryStore;
import org.tongban.cases.internal.MaterialStorage;
import org.tongban.cases.internal.SharedMaterialStore;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.catalog.ServiceTarget;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharedData;
import org.tongban.exchange.SharedRecord;
import org.tongban.identity.AccountView;
import org.tongban.identity.Accounts;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.organization.Organization;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.shared.NotFoundException;

/**
 * The applicant's side of a case: start a draft on an item's form, save it, upload materials, submit it (once, with
 * a case number), follow it and withdraw it. Every method checks that the application is the caller's own; someone
 * else's is answered as not found, so its existence does not leak.
 */
@Service
public class Applications {

    /** Days of the case number and of the clock are days in China. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ApplicationStore store;
    private final FormDefinitions forms;
    private final Catalog catalog;
    private final Accounts accounts;
    private final Organization organization;
    private final MaterialStorage storage;
    private final CaseNumbers numbers;
    private final WorkingDays workingDays;
    private final CasesProperties properties;
    private final TransactionTemplate transactions;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final SharedData sharedData;
    private final SharedMaterialStore sharedMaterials;
    private final MaterialLibraryStore library;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    Applications(ApplicationStore store, FormDefinitions forms, Catalog catalog, Accounts accounts,
            Organization organization, MaterialStorage storage, CaseNumbers numbers, WorkingDays workingDays,
            CasesProperties properties, TransactionTemplate transactions,
            org.springframework.context.ApplicationEventPublisher events, SharedData sharedData,
            SharedMaterialStore sharedMaterials, MaterialLibraryStore library) {
        this(store, forms, catalog, accounts, organization, storage, numbers, workingDays, properties, transactions,
                events, sharedData, sharedMaterials, library, Clock.systemUTC());
    }

    private Applications(ApplicationStore store, FormDefinitions forms, Catalog catalog, Accounts accounts,
            Organization organization, MaterialStorage storage, CaseNumbers numbers, WorkingDays workingDays,
            CasesProperties properties, TransactionTemplate transactions,
            org.springframework.context.ApplicationEventPublisher events, SharedData sharedData,
            SharedMaterialStore sharedMaterials, MaterialLibraryStore library, Clock clock) {
        this.library = library;
        this.events = events;
        this.sharedMaterials = sharedMaterials;
        this.sharedData = sharedData;
        this.store = store;
        this.forms = forms;
        this.catalog = catalog;
        this.accounts = accounts;
        this.organization = organization;
        this.storage = storage;
        this.numbers = numbers;
        this.workingDays = workingDays;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The same service reading time from {@code clock} (tests of the legal clock). */
    public Applications withClock(Clock clock) {
        return new Applications(store, forms, catalog, accounts, organization, storage, numbers, workingDays,
                properties, transactions, events, sharedData, sharedMaterials, library, clock);
    }

    /** The published item and its application form. */
    public record ItemForm(ItemDetail item, FormDefinition form, int requiredLevel) {
    }

    public ItemForm form(ImplementationCode code) {
        ItemDetail item = catalog.item(code);
        return new ItemForm(item, forms.of(item), item.guide().assuranceLevel().number());
    }

    /**
     * The problems of the fields the applicant has typed something into (for the page's checks as they type), by the
     * rules the submission uses; fields still empty are not reported yet.
     */
    public List<FieldProblem> typedProblems(ApplicationView application) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FormField field : application.form().fields()) {
            boolean typed = FormValidation.keys(field, application.values()).stream()
                    .anyMatch(k -> !application.values().getOrDefault(k, "").isBlank());
            if (typed) {
                problems.addAll(FormValidation.problems(field, application.values(), this::divisionExists));
            }
        }
        return problems;
    }

    /**
     * Starts a draft of the published version of the item, prefilled from the account (and the company the person
     * acts for). A retried start with the same {@code startKey} answers the same draft.
     *
     * @throws AssuranceLevelTooLowException when the person's level is below the item's
     * @throws CaseRefusedException {@code cases.apply.company-required} for a legal-person item when the person does
     *         not act for a company; {@code cases.apply.staff} for staff accounts; {@code cases.apply.offline} for
     *         items that cannot be applied for online
     */
    public UUID start(SignedIn who, ImplementationCode code, String startKey) {
        return start(who, code, startKey, false);
    }

    /**
     * Starts a draft as {@link #start(SignedIn, ImplementationCode, String)} does and, when the applicant consents,
     * also prefills the fields that come from shared data ({@link #sharedPrefillOffer}).
     */
    public UUID start(SignedIn who, ImplementationCode code, String startKey, boolean sharedDataConsent) {
        ItemForm itemForm = form(code);
        ItemDetail item = itemForm.item();
        checkApplicant(who, item, itemForm.requiredLevel());
        AccountView account = accounts.view(who.accountId());
        ActingFor company = activeCompany(who);
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : itemForm.form().fields()) {
            String prefill = field.prefill() == null ? null : switch (field.prefill()) {
                case "account.name" -> account.name();
                case "company.name" -> company == null ? null : company.companyName();
                case "company.creditCode" -> company == null ? null : company.creditCode();
                default -> null;
            };
            if (prefill != null) {
                values.put(field.key(), prefill);
            }
        }
        String key = startKey == null || startKey.isBlank() ? UUID.randomUUID().toString() : startKey.strip();
        if (key.length() > 100) {
            throw CaseRefusedException.rule("cases.idempotency-key.too-long");
        }
        Optional<UUID> started = store.draftStartedWith(who.accountId(), key);
        if (started.isPresent()) {
            return started.get();
        }
        UUID draft = UUID.randomUUID();
        Map<String, String> shared = sharedDataConsent ? sharedPrefill(who, item, itemForm.form(), company, draft)
                : Map.of();
        values.putAll(shared);
        return transactions.execute(status -> {
            UUID id = store.insertDraft(new ApplicationStore.NewDraft(draft,
                    who.accountId(), account.name(), account.idType().name(), account.idNumberMasked(),
                    company == null ? null : company.company(), company == null ? null : company.companyName(),
                    company == null ? null : company.creditCode(), item.summary().code(), item.summary().version(),
                    item.summary().name(), item.summary().bodyId(), item.summary().bodyName(), values, key,
                    clock.instant()));
            if (!shared.isEmpty() && id.equals(draft)) {
                // The consent and what it brought are part of the application's record.
                store.addStep(id, clock.instant(), "SHARED_DATA_PREFILLED", who.accountId(), account.name(),
                        String.join("、", itemForm.form().fields().stream()
                                .filter(f -> FormValidation.keys(f, shared).stream().anyMatch(shared::containsKey))
                                .map(FormField::label).toList()));
            }
            return id;
        });
    }

    /**
     * A source of shared data the applicant may consent to prefill from ({@code population} or
     * {@code legalPerson}, as in {@link FormField#PREFILLS}), and the items it would fill.
     */
    public record PrefillOffer(String source, List<String> items) {
    }

    /**
     * The shared data this form would be prefilled from for this person, where the item's body may use it: shown
     * on the start page so that the applicant consents knowing what is fetched (DOMAIN §9).
     */
    public List<PrefillOffer> sharedPrefillOffer(SignedIn who, ItemForm itemForm) {
        List<PrefillOffer> offers = new ArrayList<>();
        UUID body = itemForm.item().summary().bodyId();
        for (String source : List.of("population", "legalPerson")) {
            List<String> items = itemForm.form().fields().stream()
                    .filter(f -> f.prefill() != null && f.prefill().startsWith(source + "."))
                    .map(f -> f.prefill().substring(source.length() + 1)).distinct().toList();
            boolean person = source.equals("population");
            String resource = person ? SharedData.POPULATION : SharedData.LEGAL_PERSON;
            boolean subject = person ? sharedData.applicant(who.accountId()).isPresent() : activeCompany(who) != null;
            if (!items.isEmpty() && subject && sharedData.usable(body, resource, SharedData.APPLICATION_PREFILL)) {
                offers.add(new PrefillOffer(source, items));
            }
        }
        return offers;
    }

    /**
     * What the government already holds for the fields prefilled from shared data ({@code population.<item>} about
     * the applicant, {@code legalPerson.<item>} about the company they act for): fetched through the exchange for the
     * item's body under {@link SharedData#APPLICATION_PREFILL}, so only granted items come back and the person sees
     * the access (DOMAIN §1 and §9, once-only: 能共享的不再要求填报). A prefill is a convenience: without a grant, or
     * when the base data does not know the subject, the fields stay empty for the applicant to type.
     */
    private Map<String, String> sharedPrefill(SignedIn who, ItemDetail item, FormDefinition form, ActingFor company,
            UUID draft) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String source : List.of("population", "legalPerson")) {
            List<FormField> fields = form.fields().stream()
                    .filter(f -> f.prefill() != null && f.prefill().startsWith(source + ".")).toList();
            if (fields.isEmpty()) {
                continue;
            }
            boolean person = source.equals("population");
            String resource = person ? SharedData.POPULATION : SharedData.LEGAL_PERSON;
            String divisionItem = person ? "householdDivision" : "division";
            Optional<DataSubject> subject = person ? sharedData.applicant(who.accountId())
                    : Optional.ofNullable(company).map(c -> sharedData.company(c.creditCode()));
            UUID body = item.summary().bodyId();
            if (subject.isEmpty() || !sharedData.usable(body, resource, SharedData.APPLICATION_PREFILL)) {
                continue;
            }
            Set<String> items = new LinkedHashSet<>();
            fields.forEach(f -> {
                items.add(f.prefill().substring(source.length() + 1));
                if (f.type() == FieldType.ADDRESS) {
                    items.add(divisionItem);
                }
            });
            Map<String, Object> record;
            try {
                SharedRecord shared = sharedData.fetch(subject.get(), resource, List.copyOf(items),
                        SharedData.APPLICATION_PREFILL, "draft:" + draft, body, "account:" + who.accountId());
                record = shared.records().isEmpty() ? Map.of() : shared.records().getFirst();
            } catch (ExchangeRefusedException | NotFoundException e) {
                continue;
            }
            for (FormField field : fields) {
                Object value = record.get(field.prefill().substring(source.length() + 1));
                if (value == null) {
                    continue;
                }
                if (field.type() == FieldType.ADDRESS) {
                    values.put(field.key() + ".detail", value.toString());
                    Object division = record.get(divisionItem);
                    if (division != null && division.toString().length() >= 6) {
                        // The form's picker offers counties: the first six digits of a township or village code.
                        values.put(field.key() + ".division", division.toString().substring(0, 6));
                    }
                } else {
                    values.put(field.key(), value.toString());
                }
            }
        }
        return values;
    }

    /** Saves what was typed, valid or not (a draft never loses input). Only while the applicant may edit. */
    public ApplicationView save(SignedIn who, UUID id, Map<String, String> values) {
        transactions.executeWithoutResult(status -> saveTyped(editable(who, id, true), values, null, 0));
        return view(who, id);
    }

    /** Saves what was typed and empties one row of a table (the applicant removed it). */
    public ApplicationView removeRow(SignedIn who, UUID id, Map<String, String> values, String table, int row) {
        transactions.executeWithoutResult(status -> saveTyped(editable(who, id, true), values, table, row));
        return view(who, id);
    }

    /**
     * Stores what was typed over what was stored, valid or not (a draft never loses input), cleaned by the form;
     * with a {@code table}, its row {@code row} emptied. For the applicant's and the window officer's editing alike.
     */
    void saveTyped(Row stored, Map<String, String> values, String table, int row) {
        FormDefinition form = form(stored);
        Map<String, String> merged = new LinkedHashMap<>(stored.values());
        merged.putAll(FormValidation.clean(form, values));
        store.updateValues(stored.id(), table == null ? merged : FormValidation.withoutRow(form, merged, table, row),
                clock.instant());
    }

    /**
     * The form an application is held to: the revision it was submitted with, or the newest revision of its item
     * version while it is a draft (an administrator's correction reaches drafts, never a filed application).
     */
    FormDefinition form(Row row) {
        return formOf(row).orElseThrow();
    }

    private Optional<FormDefinition> formOf(Row row) {
        return forms.find(row.itemCode(), row.itemVersion(),
                row.status() == ApplicationStatus.DRAFT ? null : row.formRevision());
    }

    /**
     * Stores a file for the material slot {@code index}, replacing an earlier one.
     *
     * @throws CaseRefusedException {@code cases.material.too-large}, {@code .empty}, {@code .unsupported-type},
     *         {@code .corrupt}, {@code cases.material.slot-unknown}
     */
    public ApplicationView.MaterialFile upload(SignedIn who, UUID id, int index, String fileName, byte[] content) {
        return upload(who, id, index, fileName, content, false);
    }

    /**
     * Stores a file for the material slot {@code index}: with {@code addPage}, an image added after the slot's images
     * (another page of the same material); otherwise replacing what the slot held.
     *
     * @throws CaseRefusedException as {@link #upload(SignedIn, UUID, int, String, byte[])}, and
     *         {@code cases.material.page-not-image} or {@code cases.material.too-many-pages} when adding a page
     */
    public ApplicationView.MaterialFile upload(SignedIn who, UUID id, int index, String fileName, byte[] content,
            boolean addPage) {
        MaterialContent.Kind kind = checkedFile(content);
        Row row = own(who, id);
        Guide.Material requirement = requirement(row, index);
        boolean deferredAfterAcceptance = row.status() == ApplicationStatus.ACCEPTED
                && requirement.necessity() == Guide.Necessity.DEFERRABLE;
        if (!row.status().editable() && !deferredAfterAcceptance) {
            throw CaseRefusedException.conflict("cases.application.not-editable");
        }
        MaterialRow material = storedFile(requirement, index, fileName, content, kind);
        String key = material.storageKey();
        try {
            transactions.executeWithoutResult(status -> {
                Row locked = store.lock(id).orElseThrow();
                if (!locked.status().editable() && !(deferredAfterAcceptance
                        && locked.status() == ApplicationStatus.ACCEPTED)) {
                    throw CaseRefusedException.conflict("cases.application.not-editable");
                }
                fileInto(id, material, addPage).forEach(this::deleteAfterCommit);
                // An upload replaces a copy obtained by sharing: the applicant chose to supply it themself.
                sharedMaterials.forget(id, index);
                store.touch(id, clock.instant());
                if (deferredAfterAcceptance) {
                    // 容缺后补: the outstanding material arrives after acceptance and is recorded as supplied.
                    store.addStep(id, clock.instant(), "MATERIAL_SUPPLIED", who.accountId(), who.name(),
                            requirement.name());
                    library.keepSubmitted(subject(locked), id, locked.caseNumber(), clock.instant());
                }
            });
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        return file(material);
    }

    /** How many images one material slot holds at most (pages of one scanned material). */
    public static final int MAX_PAGES = 20;

    /**
     * Files a stored file into its slot, inside the caller's transaction: as the next page after the slot's images
     * when {@code addPage} (both sides of an ID card, the pages of a scanned licence), else replacing what the slot
     * held. Answers the storage keys of replaced files to delete.
     *
     * @throws CaseRefusedException {@code cases.material.page-not-image} when adding anything but an image to a slot
     *         of images, {@code cases.material.too-many-pages} beyond {@link #MAX_PAGES} images
     */
    List<String> fileInto(UUID id, MaterialRow material, boolean addPage) {
        if (!addPage) {
            return store.putMaterial(id, material);
        }
        List<MaterialRow> current = store.materials(id).stream().filter(m -> m.index() == material.index()).toList();
        if (!image(material.contentType()) || current.stream().anyMatch(m -> !image(m.contentType()))) {
            throw CaseRefusedException.rule("cases.material.page-not-image");
        }
        if (current.size() >= MAX_PAGES) {
            throw CaseRefusedException.rule("cases.material.too-many-pages", MAX_PAGES);
        }
        store.addPage(id, material);
        return List.of();
    }

    private static boolean image(String contentType) {
        return contentType.startsWith("image/");
    }

    /**
     * Removes one file (one page) of the slot while the application may be edited.
     *
     * @throws NotFoundException {@code cases.material.not-found} when the slot has no such file
     */
    public void removeFile(SignedIn who, UUID id, int index, UUID material) {
        transactions.executeWithoutResult(status -> {
            editable(who, id, true);
            store.removeFile(id, index, material)
                    .orElseThrow(() -> new NotFoundException("cases.material.not-found", material))
                    .forEach(this::deleteAfterCommit);
            if (store.materials(id).stream().noneMatch(m -> m.index() == index)) {
                sharedMaterials.forget(id, index);
            }
            store.touch(id, clock.instant());
        });
    }

    /**
     * Puts the images of the slot in the applicant's order: the order the officer sees them in and the pages of the
     * combined PDF follow it.
     *
     * @throws CaseRefusedException {@code cases.material.order-mismatch} (422) unless {@code order} names every file
     *         of the slot once
     */
    public List<ApplicationView.MaterialFile> reorder(SignedIn who, UUID id, int index, List<UUID> order) {
        transactions.executeWithoutResult(status -> {
            Row row = editable(who, id, true);
            requirement(row, index);
            if (order == null || order.contains(null) || !store.reorder(id, index, order)) {
                throw CaseRefusedException.rule("cases.material.order-mismatch");
            }
            store.touch(id, clock.instant());
        });
        return view(who, id).slots().get(index).files();
    }

    /**
     * Moves one file a place up ({@code up}) or down in the slot's order; at either end nothing changes.
     *
     * @throws NotFoundException {@code cases.material.not-found} when the slot has no such file
     */
    public List<ApplicationView.MaterialFile> move(SignedIn who, UUID id, int index, UUID material, boolean up) {
        List<UUID> order = new ArrayList<>(store.materials(own(who, id).id()).stream()
                .filter(m -> m.index() == index).map(MaterialRow::id).toList());
        int at = order.indexOf(material);
        if (at < 0) {
            throw new NotFoundException("cases.material.not-found", material);
        }
        int to = up ? at - 1 : at + 1;
        if (to >= 0 && to < order.size()) {
            order.set(at, order.get(to));
            order.set(to, material);
        }
        return reorder(who, id, index, order);
    }

    /**
     * A material file's size and kind, checked by its content (PDF, OFD, JPEG, PNG) for every upload path.
     *
     * @throws CaseRefusedException {@code cases.material.too-large}, {@code .empty}, {@code .unsupported-type},
     *         {@code .corrupt}
     */
    MaterialContent.Kind checkedFile(byte[] content) {
        if (content.length > properties.materials().maxSize().toBytes()) {
            throw CaseRefusedException.rule("cases.material.too-large",
                    properties.materials().maxSize().toMegabytes());
        }
        return MaterialContent.detect(content);
    }

    /** Stores a checked file for the slot and answers its row (not yet in any application). */
    MaterialRow storedFile(Guide.Material requirement, int index, String fileName, byte[] content,
            MaterialContent.Kind kind) {
        String key = storage.store(content);
        return new MaterialRow(UUID.randomUUID(), index, requirement.name(), safeName(fileName), kind.contentType(),
                content.length, sha256(content), key, clock.instant());
    }

    static ApplicationView.MaterialFile file(MaterialRow material) {
        return new ApplicationView.MaterialFile(material.id(), material.fileName(), material.contentType(),
                material.size(), material.sha256(), material.uploadedAt());
    }

    public void removeMaterial(SignedIn who, UUID id, int index) {
        transactions.executeWithoutResult(status -> {
            editable(who, id, true);
            store.removeMaterial(id, index).forEach(this::deleteAfterCommit);
            sharedMaterials.forget(id, index);
            store.touch(id, clock.instant());
        });
    }

    /** The result of a submission. */
    public record Submitted(UUID id, String caseNumber, LocalDate receivedOn, LocalDate decisionDue,
            boolean repeated) {
    }

    /**
     * Submits the draft (or the corrected application): all fields valid and every needed material present, or
     * nothing changes. The same {@code idempotencyKey} again answers the first result (a double click, a retried
     * request).
     *
     * @throws IncompleteApplicationException listing every invalid field and missing material
     * @throws AssuranceLevelTooLowException below the item's level
     */
    public Submitted submit(SignedIn who, UUID id, String idempotencyKey, Channel channel) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw CaseRefusedException.rule("cases.idempotency-key.required");
        }
        if (!channel.selfService()) {
            throw CaseRefusedException.forbidden("cases.channel.not-self-service", channel.name());
        }
        return transactions.execute(status -> {
            Row row = store.lock(id).filter(r -> r.applicantAccount().equals(who.accountId()))
                    .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
            if (idempotencyKey.equals(row.submitKey())) {
                return new Submitted(id, row.caseNumber(), row.receivedOn(), row.decisionDue(), true);
            }
            if (!row.status().editable()) {
                throw CaseRefusedException.conflict("cases.application.already-submitted", row.caseNumber());
            }
            ItemDetail item = catalog.item(ImplementationCode.of(row.itemCode()), row.itemVersion());
            checkApplicant(who, item, item.guide().assuranceLevel().number());
            if (row.companyAccount() != null && (activeCompany(who) == null
                    || !activeCompany(who).company().equals(row.companyAccount()))) {
                // The draft was started for a company; only its agent, acting for it now, may file it.
                throw CaseRefusedException.forbidden("cases.apply.company-mismatch", row.companyName());
            }
            FormDefinition form = form(row);
            List<FieldProblem> problems = new ArrayList<>(
                    FormValidation.validate(form, row.values(), this::divisionExists));
            List<MaterialRow> materials = store.materials(id);
            List<Guide.Material> requirements = item.guide().materials();
            for (int i = 0; i < requirements.size(); i++) {
                int index = i;
                if (needed(requirements.get(i)) && materials.stream().noneMatch(m -> m.index() == index)) {
                    problems.add(new FieldProblem("material." + i, "cases.material.missing",
                            requirements.get(i).name()));
                }
            }
            if (!problems.isEmpty()) {
                throw new IncompleteApplicationException(problems);
            }
            store.updateValues(id, FormValidation.normalize(form, row.values()), clock.instant());
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZONE);
            boolean resubmission = row.status() == ApplicationStatus.CORRECTION_REQUESTED;
            String caseNumber = row.caseNumber() != null ? row.caseNumber() : numbers.next(row.itemCode(), today);
            // 行政许可法 Art. 32: the decision (or the one-time correction notice) is due within 5 working days of
            // receipt; after a correction the complete materials are received today, so the clock starts again.
            LocalDate due = workingDays.calendar().addWorkingDays(today, properties.acceptanceDays());
            store.markSubmitted(id, caseNumber, channel, idempotencyKey, now, today, due, form.revision());
            if (resubmission) {
                store.resolveCorrections(id, now);
            }
            store.addStep(id, now, resubmission ? "RESUBMITTED" : "SUBMITTED", who.accountId(), who.name(),
                    caseNumber);
            // 我的材料: what was filed stays at hand for the next application of the same subject.
            library.keepSubmitted(subject(row), id, caseNumber, now);
            events.publishEvent(new CaseSubmitted(id, caseNumber, row.itemCode(), row.bodyId(), row.applicantAccount(),
                    row.companyAccount(), today, resubmission));
            return new Submitted(id, caseNumber, today, due, false);
        });
    }

    /** Withdraws before a decision (撤回申请). */
    public void withdraw(SignedIn who, UUID id) {
        transactions.executeWithoutResult(status -> {
            Row row = own(who, id);
            if (!row.status().withdrawable() || !store.transition(id, row.version(),
                    List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.PRE_REVIEW,
                            ApplicationStatus.CORRECTION_REQUESTED),
                    ApplicationStatus.WITHDRAWN, clock.instant(), null, null, null, null)) {
                throw CaseRefusedException.conflict("cases.application.not-withdrawable");
            }
            store.addStep(id, clock.instant(), "WITHDRAWN", who.accountId(), who.name(), null);
        });
    }

    /** Deletes a draft (only the applicant, only while it is a draft); its files go with it. */
    public void deleteDraft(SignedIn who, UUID id) {
        transactions.executeWithoutResult(status -> {
            Row row = store.lock(id).filter(r -> r.applicantAccount().equals(who.accountId()))
                    .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
            if (row.status() != ApplicationStatus.DRAFT) {
                throw CaseRefusedException.conflict("cases.application.not-a-draft");
            }
            List<String> keys = store.materials(id).stream().map(MaterialRow::storageKey).distinct().toList();
            store.delete(id);
            // A file reused from 我的材料 (or shared with another application) stays for them.
            keys.stream().filter(key -> !store.referenced(key)).forEach(this::deleteAfterCommit);
        });
    }

    public List<ApplicationSummary> mine(SignedIn who) {
        return store.ofApplicant(who.accountId());
    }

    /** @throws NotFoundException {@code cases.application.not-found} unless it is the caller's own */
    public ApplicationView view(SignedIn who, UUID id) {
        return view(own(who, id));
    }

    /** A material file with its content type, for the applicant. */
    public record MaterialDownload(String fileName, String contentType, long size, InputStream content) {
    }

    public MaterialDownload material(SignedIn who, UUID id, UUID material) {
        own(who, id);
        return download(id, material);
    }

    /**
     * What the applicant filled in, by the Chinese label of each form field ({@code 经营范围 → 日用百货零售}), for a
     * result issued from the case: the certificates module fills the certificate's fields of the same name. Addresses
     * read as the division's full name and the detail; choices as their label. Not for display to anyone: callers are
     * other modules acting for the case's own body.
     */
    public Map<String, String> filledInByLabel(UUID applicationId) {
        Row row = store.find(applicationId)
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", applicationId));
        Map<String, String> byLabel = new LinkedHashMap<>();
        FormDefinition form = forms.find(row.itemCode(), row.itemVersion(), row.formRevision()).orElse(null);
        if (form == null) {
            return byLabel;
        }
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.TABLE || !FormValidation.applies(field, row.values())) {
                // Rows of a table (family members with their ID numbers) are not certificate fields.
                continue;
            }
            String value = row.values().get(field.key());
            if (field.type() == FieldType.ADDRESS) {
                String division = row.values().getOrDefault(field.key() + ".division", "");
                String detail = row.values().getOrDefault(field.key() + ".detail", "");
                String divisionName = division.isBlank() ? "" : organization.findDivision(org.tongban.shared.DivisionCode.of(division))
                        .map(d -> d.fullName()).orElse("");
                value = (divisionName + detail).isBlank() ? null : divisionName + detail;
            } else if (field.type() == FieldType.CHOICE && value != null) {
                String chosen = value;
                value = field.choices().stream().filter(c -> c.value().equals(chosen)).map(FormField.Choice::label)
                        .findFirst().orElse(value);
            }
            if (value != null && !value.isBlank()) {
                byLabel.put(field.label(), value.strip());
            }
        }
        return byLabel;
    }

    /** The name of the company the application was made for, if any (the holder of a licence issued from it). */
    public Optional<String> companyName(UUID applicationId) {
        return store.find(applicationId).map(Row::companyName);
    }

    // --- shared with CaseAcceptance

    ApplicationView view(Row row) {
        Optional<FormDefinition> form = formOf(row);
        ItemDetail item = catalog.item(ImplementationCode.of(row.itemCode()), row.itemVersion());
        List<MaterialRow> materials = store.materials(row.id());
        List<ApplicationView.MaterialSlot> slots = new ArrayList<>();
        List<Guide.Material> requirements = item.guide().materials();
        for (int i = 0; i < requirements.size(); i++) {
            int index = i;
            Guide.Material requirement = requirements.get(i);
            List<ApplicationView.MaterialFile> files = materials.stream().filter(m -> m.index() == index)
                    .map(Applications::file).toList();
            slots.add(new ApplicationView.MaterialSlot(i, requirement, files.isEmpty() ? null : files.getFirst(),
                    needed(requirement), requirement.necessity() == Guide.Necessity.DEFERRABLE, files));
        }
        return new ApplicationView(row.id(), row.status(), row.itemCode(), row.itemVersion(), row.itemName(),
                row.bodyId(), row.bodyName(), row.applicantAccount(), row.applicantName(), row.applicantIdType(),
                row.applicantIdMasked(), row.companyName(), row.companyCreditCode(), row.values(), row.caseNumber(),
                row.channel(), row.createdAt(), row.updatedAt(), row.receivedAt(), row.receivedOn(),
                row.decisionDue(), row.acceptedOn(), row.acceptedByLaw(), row.decisionReason(), row.legalRemedy(),
                row.version(), form.orElse(new FormDefinition(row.itemCode(), row.itemVersion(), 0, List.of())), slots,
                store.steps(row.id()), store.latestCorrection(row.id()).orElse(null));
    }

    MaterialDownload download(UUID id, UUID material) {
        MaterialRow m = store.materials(id).stream().filter(r -> r.id().equals(material)).findFirst()
                .orElseThrow(() -> new NotFoundException("cases.material.not-found", material));
        return new MaterialDownload(m.fileName(), m.contentType(), m.size(), storage.open(m.storageKey()));
    }

    /**
     * The images of a slot as one PDF, one page per image in the applicant's order, each page the size of its image
     * (at 72 dpi): what an officer prints or files as the material. A slot with one file or a document answers
     * not found: its file is downloaded as it is.
     *
     * @throws NotFoundException {@code cases.material.not-found} unless the slot holds several images
     */
    MaterialDownload combined(UUID id, int index) {
        List<MaterialRow> pages = store.materials(id).stream().filter(m -> m.index() == index).toList();
        if (pages.size() < 2 || !pages.stream().allMatch(m -> image(m.contentType()))) {
            throw new NotFoundException("cases.material.not-found", index);
        }
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            for (MaterialRow page : pages) {
                byte[] bytes;
                try (InputStream in = storage.open(page.storageKey())) {
                    bytes = in.readAllBytes();
                }
                var image = org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromByteArray(pdf, bytes,
                        page.fileName());
                var size = new org.apache.pdfbox.pdmodel.common.PDRectangle(image.getWidth(), image.getHeight());
                var pdfPage = new org.apache.pdfbox.pdmodel.PDPage(size);
                pdf.addPage(pdfPage);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, pdfPage)) {
                    content.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            pdf.save(out);
            byte[] bytes = out.toByteArray();
            return new MaterialDownload(safeName(pages.getFirst().requirementName()) + ".pdf", "application/pdf",
                    bytes.length, new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** The combined PDF of a slot's images, for the applicant. */
    public MaterialDownload combined(SignedIn who, UUID id, int index) {
        own(who, id);
        return combined(id, index);
    }

    /**
     * Whether the material must be present before submission: every required one. One the platform obtains by
     * sharing (免提交, DOMAIN §1) is present once the applicant consented to the fetched copy
     * ({@link OnceOnlyMaterials}); without the consent, or when the fetch fails, it is uploaded like any other.
     * Optional and 容缺后补 materials may be missing.
     */
    static boolean needed(Guide.Material material) {
        return material.necessity() == Guide.Necessity.REQUIRED;
    }

    private boolean divisionExists(org.tongban.shared.DivisionCode code) {
        return organization.divisionExists(code);
    }

    private void checkApplicant(SignedIn who, ItemDetail item, int requiredLevel) {
        if (who.staff()) {
            throw CaseRefusedException.forbidden("cases.apply.staff");
        }
        if (item.guide().onlineDepth() == Guide.OnlineDepth.I || item.guide().onlineDepth() == Guide.OnlineDepth.II) {
            throw CaseRefusedException.rule("cases.apply.offline", item.summary().name());
        }
        if (who.assuranceLevel() < requiredLevel) {
            throw new AssuranceLevelTooLowException(requiredLevel, who.assuranceLevel());
        }
        // DOMAIN §8: a legal person acts only through its authorized agent; nobody files for a company by typing
        // its name.
        if (item.summary().target() == ServiceTarget.LEGAL_PERSON && activeCompany(who) == null) {
            throw CaseRefusedException.forbidden("cases.apply.company-required");
        }
    }

    /** Whose library (我的材料) the application's files belong to: the company it was made for, else the person. */
    static UUID subject(Row row) {
        return row.companyAccount() != null ? row.companyAccount() : row.applicantAccount();
    }

    /** The company the person acts for, if the authorization covers applying and has not expired. */
    ActingFor activeCompany(SignedIn who) {
        ActingFor company = who.actingFor();
        if (company == null) {
            return null;
        }
        boolean inScope = company.scope() == null || company.scope().isEmpty() || company.scope().contains("apply");
        boolean valid = company.expires() == null || !company.expires().isBefore(LocalDate.now(clock.withZone(ZONE)));
        return inScope && valid ? company : null;
    }

    /** @throws NotFoundException {@code cases.application.not-found} unless it is the caller's own */
    Row own(SignedIn who, UUID id) {
        return store.find(id).filter(r -> r.applicantAccount().equals(who.accountId()))
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
    }

    /** The caller's own application while it may be edited, locked when {@code lock}. */
    Row editable(SignedIn who, UUID id, boolean lock) {
        Row row = (lock ? store.lock(id) : store.find(id)).filter(r -> r.applicantAccount().equals(who.accountId()))
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", id));
        if (!row.status().editable()) {
            throw CaseRefusedException.conflict("cases.application.not-editable");
        }
        return row;
    }

    /** The guide's material requirement {@code index} of the item version the application is for. */
    Guide.Material requirement(Row row, int index) {
        List<Guide.Material> requirements = catalog.item(ImplementationCode.of(row.itemCode()), row.itemVersion())
                .guide().materials();
        if (index < 0 || index >= requirements.size()) {
            throw new NotFoundException("cases.material.slot-unknown", index);
        }
        return requirements.get(index);
    }

    private void deleteAfterCommit(String key) {
        storage.deleteAfterCommit(key);
    }

    private static String safeName(String name) {
        String base = name == null || name.isBlank() ? "material" : name;
        base = base.replaceAll("[\\\\/\\p{Cntrl}\"]", "_");
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static UncheckedIOException io(IOException e) {
        return new UncheckedIOException(e);
    }
}

package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.MaterialRow;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.cases.internal.MaterialStorage;
import org.tongban.cases.internal.SharedMaterialStore;
import org.tongban.cases.internal.SharedMaterialStore.Status;
import org.tongban.catalog.Guide;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharedData;
import org.tongban.exchange.SharedRecord;
import org.tongban.exchange.SubjectType;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.SignedIn;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.documents.DocumentRenderer;
import org.tongban.platform.documents.OfficialDocument;
import org.tongban.shared.NotFoundException;

/**
 * Once-only materials (免提交, DOMAIN §1 promise 1 and §9; 国务院令第716号 Art. 11: materials obtainable by sharing
 * are not asked for again), with the applicant's consent as the EU's once-only technical system does it: for each
 * material its guide maps to a shared resource, the applicant asks the platform to fetch it, previews what came back,
 * and consents — then a copy is attached as the material and nothing is uploaded — or declines and uploads. A fetch
 * that fails (the source is down, not authorized, or holds nothing valid) attaches nothing and leaves the upload.
 *
 * <p>Fetches go through the exchange for the item's body under {@link SharedData#APPLICATION_MATERIALS}: only
 * granted items come back, and the person (or the company's representative) sees each fetch in "who looked at my
 * data".
 */
@Service
public class OnceOnlyMaterials {

    private static final Logger log = LoggerFactory.getLogger(OnceOnlyMaterials.class);
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** A material the platform can fetch for the application, from the named resource. */
    public record Offer(int index, String resourceCode) {
    }

    /** One fetched item with its value as shown (personal numbers masked). */
    public record Item(String key, String value) {
    }

    /** A material obtained (or being previewed, or declined) from a shared resource. */
    public record SharedMaterial(int index, String status, String resourceName, String providerName,
            String subjectMasked, List<Item> items, long exchangeEntryId, Instant fetchedAt, Instant decidedAt,
            UUID materialId) {

        public boolean previewed() {
            return "PREVIEW".equals(status);
        }

        public boolean consented() {
            return "CONSENTED".equals(status);
        }

        public boolean declined() {
            return "DECLINED".equals(status);
        }
    }

    private final Applications applications;
    private final ApplicationStore store;
    private final SharedMaterialStore shared;
    private final SharedData sharedData;
    private final MaterialStorage storage;
    private final DocumentRenderer renderer;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    OnceOnlyMaterials(Applications applications, ApplicationStore store, SharedMaterialStore shared,
            SharedData sharedData, MaterialStorage storage, DocumentRenderer renderer, MessageSource messages,
            TransactionTemplate transactions, AuditTrail audit) {
        this.applications = applications;
        this.store = store;
        this.shared = shared;
        this.sharedData = sharedData;
        this.storage = storage;
        this.renderer = renderer;
        this.messages = messages;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * The materials of an editable application the platform can fetch now: mapped to a shared resource in the
     * guide, usable by the item's body for the purpose, and about someone the exchange can name (the applicant's
     * resident ID, or the company the application is for). Nothing touches anyone's data yet. The caller passes a
     * view it was authorized to obtain.
     */
    public Map<Integer, Offer> offers(ApplicationView application) {
        Map<Integer, Offer> offers = new LinkedHashMap<>();
        if (!application.status().editable()) {
            return offers;
        }
        // Whether there is someone to ask about, once per kind of subject for the whole page.
        Map<Whose, Boolean> named = new java.util.EnumMap<>(Whose.class);
        for (ApplicationView.MaterialSlot slot : application.slots()) {
            Guide.Material requirement = slot.requirement();
            if (requirement.shared()
                    && sharedData.usable(application.bodyId(), requirement.sharedResource(),
                            SharedData.APPLICATION_MATERIALS)
                    && sharedData.subjectType(requirement.sharedResource()).map(type -> named.computeIfAbsent(
                            whose(type, requirement, application.companyCreditCode()),
                            w -> subject(w, application.applicantAccount(), application.companyCreditCode())
                                    .isPresent())).orElse(false)) {
                offers.put(slot.index(), new Offer(slot.index(), requirement.sharedResource()));
            }
        }
        return offers;
    }

    /** The shared materials of the applicant's own application, by material index, with the items previewed. */
    public Map<Integer, SharedMaterial> of(SignedIn who, UUID id) {
        applications.own(who, id);
        return byIndex(id);
    }

    /** As {@link #of(SignedIn, UUID)}, for a view the applicant obtained of their own application. */
    public Map<Integer, SharedMaterial> forApplicant(ApplicationView own) {
        return byIndex(own.id());
    }

    /**
     * The shared materials of an application an officer was already authorized to see (the review page passes the
     * view it obtained through the case's authorization): what was fetched, never the items of a preview.
     */
    public Map<Integer, SharedMaterial> forOfficer(ApplicationView authorized) {
        Map<Integer, SharedMaterial> all = byIndex(authorized.id());
        all.replaceAll((i, m) -> m.previewed() ? new SharedMaterial(m.index(), m.status(), m.resourceName(),
                m.providerName(), m.subjectMasked(), List.of(), m.exchangeEntryId(), m.fetchedAt(), m.decidedAt(),
                m.materialId()) : m);
        return all;
    }

    /**
     * Fetches the material for the applicant to preview; nothing is attached yet.
     *
     * @throws CaseRefusedException {@code cases.shared.not-offered} (422) for a material not mapped to a shared
     *         resource, {@code cases.shared.no-subject} (422) when there is nobody to ask about,
     *         {@code cases.shared.unavailable} (503) when the source cannot serve now, {@code cases.shared.not-valid}
     *         (409) when the certificate found is suspended, revoked or expired,
     *         {@code cases.application.not-editable} (409)
     * @throws NotFoundException {@code cases.shared.not-held} when the government holds no such material for the
     *         subject; {@code cases.application.not-found} for someone else's application
     */
    public SharedMaterial fetch(SignedIn who, UUID id, int index) {
        Row row = applications.editable(who, id, false);
        Guide.Material requirement = applications.requirement(row, index);
        if (!requirement.shared()) {
            throw CaseRefusedException.rule("cases.shared.not-offered", requirement.name());
        }
        // A company's data only for its agent acting for it now (DOMAIN §8), as at submission.
        if (row.companyCreditCode() != null && (who.actingFor() == null
                || !row.companyCreditCode().equals(who.actingFor().creditCode()))) {
            throw CaseRefusedException.forbidden("cases.apply.company-mismatch", row.companyName());
        }
        DataSubject subject = sharedData.subjectType(requirement.sharedResource())
                .flatMap(type -> subject(whose(type, requirement, row.companyCreditCode()), who.accountId(),
                        row.companyCreditCode()))
                .orElseThrow(() -> CaseRefusedException.rule("cases.shared.no-subject", requirement.name()));
        SharedRecord record;
        try {
            record = sharedData.fetch(subject, requirement.sharedResource(), List.of(),
                    SharedData.APPLICATION_MATERIALS, "申请 " + id, row.bodyId(), "account:" + who.accountId());
        } catch (NotFoundException e) {
            throw new NotFoundException("cases.shared.not-held", requirement.name());
        } catch (ExchangeRefusedException e) {
            throw new CaseRefusedException(CaseRefusedException.Reason.UNAVAILABLE, "cases.shared.unavailable",
                    requirement.name());
        } catch (RuntimeException e) {
            // A provider that is down never blocks the application: the applicant uploads instead.
            log.warn("Fetching {} for application {} failed: {}", requirement.sharedResource(), id, e.toString());
            throw new CaseRefusedException(CaseRefusedException.Reason.UNAVAILABLE, "cases.shared.unavailable",
                    requirement.name());
        }
        Map<String, Object> chosen = choose(record, requirement);
        Map<String, String> items = new LinkedHashMap<>();
        chosen.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                items.put(key, shown(key, value.toString()));
            }
        });
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            applications.editable(who, id, true);
            shared.putPreview(id, index, record.resourceCode(), record.resourceName(), record.provider(),
                    record.subject().masked(), items, record.accessId(), now);
        });
        return view(shared.find(id, index).orElseThrow());
    }

    /**
     * The applicant consents to the previewed material: a copy (PDF) of what was fetched is attached as the
     * material, replacing any upload, and the consent is part of the case's record.
     *
     * @throws CaseRefusedException {@code cases.shared.not-previewed} (409) without a preview to consent to
     */
    public SharedMaterial consent(SignedIn who, UUID id, int index) {
        Row row = applications.editable(who, id, false);
        Guide.Material requirement = applications.requirement(row, index);
        SharedMaterialStore.Row preview = shared.find(id, index).filter(r -> r.status() == Status.PREVIEW)
                .orElseThrow(() -> CaseRefusedException.conflict("cases.shared.not-previewed", requirement.name()));
        byte[] pdf = renderer.render(copy(row, requirement, preview));
        String key = storage.store(pdf);
        Instant now = clock.instant();
        MaterialRow material = new MaterialRow(UUID.randomUUID(), index, requirement.name(),
                requirement.name() + "（共享获取）.pdf", "application/pdf", pdf.length, Applications.sha256(pdf), key,
                now);
        try {
            transactions.executeWithoutResult(status -> {
                applications.editable(who, id, true);
                if (!shared.decide(id, index, Status.CONSENTED, material.id(), now, Status.PREVIEW)) {
                    throw CaseRefusedException.conflict("cases.shared.not-previewed", requirement.name());
                }
                store.putMaterial(id, material).forEach(storage::deleteAfterCommit);
                store.touch(id, now);
                store.addStep(id, now, "SHARED_MATERIAL_USED", who.accountId(), who.name(),
                        requirement.name() + " ← " + preview.resourceName() + "（" + preview.providerName() + "）");
            });
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        audit.record(new AuditTrail.Event("cases", "shared-material.consented", who.accountId(), who.name(),
                "application", id.toString(), requirement.name() + " · " + preview.resourceCode() + " · entry "
                        + preview.exchangeEntryId()));
        return view(shared.find(id, index).orElseThrow());
    }

    /**
     * The applicant declines a previewed material, or withdraws the consent to one attached: the fetched items are
     * wiped, an attached copy is removed, and the material is to be uploaded.
     */
    public void decline(SignedIn who, UUID id, int index) {
        Row row = applications.editable(who, id, false);
        Guide.Material requirement = applications.requirement(row, index);
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            applications.editable(who, id, true);
            SharedMaterialStore.Row current = shared.find(id, index)
                    .orElseThrow(() -> CaseRefusedException.conflict("cases.shared.not-previewed", requirement.name()));
            if (current.status() == Status.CONSENTED) {
                store.removeMaterial(id, index).forEach(storage::deleteAfterCommit);
                store.addStep(id, now, "SHARED_MATERIAL_WITHDRAWN", who.accountId(), who.name(), requirement.name());
            }
            shared.decide(id, index, Status.DECLINED, null, now, current.status());
            store.touch(id, now);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Whose data a shared material is. */
    enum Whose { COMPANY, APPLICANT, LEGAL_REPRESENTATIVE }

    /** Words by which a material names the agent filing for a company as the person whose identity it is. */
    private static final List<String> AGENT_WORDS = List.of("经办人", "受托人", "代理人", "委托代理");

    /**
     * Whose data the resource is about for this material: a company resource (a business licence) is about the
     * company the application is made for; a person resource (identity data instead of an ID-card copy) is about the
     * applicant themself — except in a company's application, where a legal person is identified by its legal
     * representative (民法典 Art. 61: the legal representative acts in the legal person's name), so an ID card asked
     * of a company is its legal representative's, fetched from the legal-person base data's link to the population
     * data, never the agent's own — unless the material names the agent (经办人居民身份证, 受托人身份证明).
     */
    static Whose whose(SubjectType type, Guide.Material requirement, String companyCreditCode) {
        if (type == SubjectType.COMPANY) {
            return Whose.COMPANY;
        }
        if (companyCreditCode == null || AGENT_WORDS.stream().anyMatch(requirement.name()::contains)) {
            return Whose.APPLICANT;
        }
        return Whose.LEGAL_REPRESENTATIVE;
    }

    private Optional<DataSubject> subject(Whose whose, UUID applicant, String companyCreditCode) {
        return switch (whose) {
            case COMPANY -> companyCreditCode == null ? Optional.empty()
                    : Optional.of(sharedData.company(companyCreditCode));
            case LEGAL_REPRESENTATIVE -> sharedData.legalRepresentative(companyCreditCode);
            case APPLICANT -> sharedData.applicant(applicant);
        };
    }

    /** The row to use: the only one, or for certificates the newest valid one. */
    private static Map<String, Object> choose(SharedRecord record, Guide.Material requirement) {
        if (record.records().isEmpty()) {
            throw new NotFoundException("cases.shared.not-held", requirement.name());
        }
        if (!record.items().contains("certificateStatus")) {
            return record.records().getFirst();
        }
        return record.records().stream().filter(r -> "VALID".equals(r.get("certificateStatus"))).findFirst()
                .orElseThrow(() -> CaseRefusedException.conflict("cases.shared.not-valid", requirement.name()));
    }

    /** A value as the preview and the copy show it: ID numbers masked (DOMAIN §8), codes as words. */
    private String shown(String key, String value) {
        if (key.equals("idNumber")) {
            return IdDocumentType.mask(value);
        }
        return messages.getMessage("exchange.value." + key + "." + value, null, value, CHINESE);
    }

    private OfficialDocument copy(Row row, Guide.Material requirement, SharedMaterialStore.Row preview) {
        List<List<String>> rows = new ArrayList<>();
        preview.items().forEach((key, value) -> rows.add(List.of(label(key), value)));
        List<OfficialDocument.Block> blocks = List.of(
                new OfficialDocument.Paragraph("本件为申请人经同意后由平台通过数据共享交换获取的申请材料，申请人无需另行提交（免提交）。"
                        + "依据：《国务院关于在线政务服务的若干规定》第十一条。"),
                new OfficialDocument.Table(List.of("项目", "内容"), List.of(
                        List.of("申请事项", row.itemName()),
                        List.of("申请材料", requirement.name()),
                        List.of("共享资源", preview.resourceName() + "（" + preview.resourceCode() + "）"),
                        List.of("提供部门", preview.providerName()),
                        List.of("数据主体", preview.subjectMasked()),
                        List.of("获取时间", preview.fetchedAt().atZone(Applications.ZONE).toLocalDateTime()
                                .withNano(0).toString().replace('T', ' ')),
                        List.of("交换日志编号", String.valueOf(preview.exchangeEntryId()))), List.of(2, 5)),
                new OfficialDocument.Heading("共享获取的数据"),
                new OfficialDocument.Table(List.of("数据项", "内容"), rows, List.of(2, 5)));
        return new OfficialDocument(row.bodyName(), requirement.name() + "（共享获取）", null, null, blocks,
                row.bodyName(), LocalDate.now(clock.withZone(Applications.ZONE)), null);
    }

    private String label(String key) {
        return messages.getMessage("exchange.item." + key, null, key, CHINESE);
    }

    private Map<Integer, SharedMaterial> byIndex(UUID id) {
        Map<Integer, SharedMaterial> all = new LinkedHashMap<>();
        shared.of(id).forEach(r -> all.put(r.index(), view(r)));
        return all;
    }

    private static SharedMaterial view(SharedMaterialStore.Row r) {
        List<Item> items = r.items().entrySet().stream().map(e -> new Item(e.getKey(), e.getValue())).toList();
        return new SharedMaterial(r.index(), r.status().name(), r.resourceName(), r.providerName(), r.subjectMasked(),
                items, r.exchangeEntryId(), r.fetchedAt(), r.decidedAt(), r.materialId());
    }
}

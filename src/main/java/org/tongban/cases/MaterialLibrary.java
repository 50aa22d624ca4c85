package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.MaterialRow;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.cases.internal.MaterialLibraryStore;
import org.tongban.cases.internal.MaterialLibraryStore.Entry;
import org.tongban.cases.internal.MaterialStorage;
import org.tongban.cases.internal.SharedMaterialStore;
import org.tongban.catalog.Guide;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * 我的材料 (material library): every file an applicant submitted is kept for them, so that a later application
 * reuses it instead of uploading it again (DOMAIN §1, "能复用的不再重复提交"). The library belongs to the subject
 * acted for: a person's own, or, while a person acts for a company as its legal representative or authorized agent
 * (DOMAIN §8, re-checked on every request), the company's — never both at once, and never anyone else's. An entry
 * is answered as not found to anyone else, so its existence does not leak.
 *
 * <p>An entry refers to the stored file (no copy): reusing it attaches the same file to the new application, and
 * deleting it from the library removes the file only when no application refers to it any more. Downloads and
 * deletions are in the platform's audit trail.
 */
@Service
public class MaterialLibrary {

    /** One kept file; {@code expired} when the applicant's validity date has passed (then it is not offered). */
    public record LibraryEntry(UUID id, String materialName, String fileName, String contentType, long size,
            String sha256, Instant uploadedAt, Instant addedAt, LocalDate validUntil, String sourceCase,
            boolean expired) {
    }

    /** What a material slot can reuse: entries kept for the same material first, then every other usable file. */
    public record SlotOffer(List<LibraryEntry> matching, List<LibraryEntry> others) {

        public boolean isEmpty() {
            return matching.isEmpty() && others.isEmpty();
        }
    }

    private final MaterialLibraryStore library;
    private final ApplicationStore store;
    private final SharedMaterialStore sharedMaterials;
    private final Applications applications;
    private final MaterialStorage storage;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    MaterialLibrary(MaterialLibraryStore library, ApplicationStore store, SharedMaterialStore sharedMaterials,
            Applications applications, MaterialStorage storage, TransactionTemplate transactions, AuditTrail audit) {
        this.library = library;
        this.store = store;
        this.sharedMaterials = sharedMaterials;
        this.applications = applications;
        this.storage = storage;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The caller's library (or the company's they act for), newest first. */
    public List<LibraryEntry> entries(SignedIn who) {
        LocalDate today = today();
        return library.of(owner(who)).stream().map(e -> view(e, today)).toList();
    }

    /** @throws NotFoundException {@code cases.library.not-found} unless it is in the caller's library */
    public LibraryEntry entry(SignedIn who, UUID entry) {
        return view(find(who, entry), today());
    }

    /** The file of an entry, for download; audited. */
    public Applications.MaterialDownload download(SignedIn who, UUID entry) {
        Entry e = find(who, entry);
        audit.record(new AuditTrail.Event("cases", "LIBRARY_DOWNLOADED", who.accountId(), who.name(),
                "material-library", e.id().toString(), e.materialName() + " " + e.sha256()));
        return new Applications.MaterialDownload(e.fileName(), e.contentType(), e.size(), storage.open(e.storageKey()));
    }

    /**
     * Removes the entry from the library (audited). The stored file is deleted only when no application refers to
     * it: a filed application keeps its materials whatever the library does.
     */
    public void delete(SignedIn who, UUID entry) {
        UUID owner = owner(who);
        transactions.executeWithoutResult(status -> {
            Entry e = library.lock(owner, entry)
                    .orElseThrow(() -> new NotFoundException("cases.library.not-found", entry));
            library.delete(owner, entry);
            if (!store.referenced(e.storageKey())) {
                storage.deleteAfterCommit(e.storageKey());
            }
            audit.record(new AuditTrail.Event("cases", "LIBRARY_DELETED", who.accountId(), who.name(),
                    "material-library", e.id().toString(), e.materialName() + " " + e.sha256()));
        });
    }

    /**
     * Sets (or, with {@code null}, clears) the last day the file is valid (an ID card's or a licence's expiry): an
     * expired entry is no longer offered for reuse.
     */
    public LibraryEntry setValidUntil(SignedIn who, UUID entry, LocalDate validUntil) {
        UUID owner = owner(who);
        if (!library.setValidUntil(owner, entry, validUntil)) {
            throw new NotFoundException("cases.library.not-found", entry);
        }
        return entry(who, entry);
    }

    /**
     * What each material slot of the application can reuse, by slot index: entries kept for a material of the same
     * name (the same requirement in another item's guide) first, then the other valid entries of the same subject.
     * Empty when the application is not the caller's, not editable, or made for another subject than the one the
     * caller acts for now.
     */
    public Map<Integer, SlotOffer> offers(SignedIn who, ApplicationView application) {
        Map<Integer, SlotOffer> offers = new LinkedHashMap<>();
        if (who == null || who.staff() || !application.status().editable()
                || !application.applicantAccount().equals(who.accountId())) {
            return offers;
        }
        Row row = applications.own(who, application.id());
        UUID owner = ownerOrNull(who);
        if (owner == null || !owner.equals(Applications.subject(row))) {
            return offers;
        }
        LocalDate today = today();
        List<LibraryEntry> usable = library.of(owner).stream().map(e -> view(e, today)).filter(e -> !e.expired())
                .toList();
        if (usable.isEmpty()) {
            return offers;
        }
        for (ApplicationView.MaterialSlot slot : application.slots()) {
            String name = normalized(slot.requirement().name());
            List<LibraryEntry> matching = new ArrayList<>();
            List<LibraryEntry> others = new ArrayList<>();
            for (LibraryEntry e : usable) {
                (normalized(e.materialName()).equals(name) ? matching : others).add(e);
            }
            offers.put(slot.index(), new SlotOffer(matching, others));
        }
        return offers;
    }

    /**
     * Attaches the entry's file to material slot {@code index} of the caller's editable application, replacing what
     * the slot held, without uploading or copying it. Any entry of the subject's library may be picked, also one kept
     * for another material (the applicant knows what the file shows); an expired one may not.
     *
     * @throws NotFoundException {@code cases.library.not-found} for an entry outside the application's subject's
     *         library, {@code cases.application.not-found}, {@code cases.material.slot-unknown}
     * @throws CaseRefusedException {@code cases.library.expired} (422), {@code cases.application.not-editable} (409)
     */
    public ApplicationView.MaterialFile attach(SignedIn who, UUID application, int index, UUID entry) {
        UUID owner = owner(who);
        return transactions.execute(status -> {
            Row row = applications.editable(who, application, true);
            if (!owner.equals(Applications.subject(row))) {
                // A person's entry never goes into a company's application, nor the other way round.
                throw new NotFoundException("cases.library.not-found", entry);
            }
            Guide.Material requirement = applications.requirement(row, index);
            Entry e = library.lock(owner, entry)
                    .orElseThrow(() -> new NotFoundException("cases.library.not-found", entry));
            if (e.validUntil() != null && e.validUntil().isBefore(today())) {
                throw CaseRefusedException.rule("cases.library.expired", e.validUntil().toString());
            }
            Instant now = clock.instant();
            MaterialRow material = new MaterialRow(UUID.randomUUID(), index, requirement.name(), e.fileName(),
                    e.contentType(), e.size(), e.sha256(), e.storageKey(), now);
            applications.fileInto(application, material, false).forEach(storage::deleteAfterCommit);
            sharedMaterials.forget(application, index);
            store.touch(application, now);
            store.addStep(application, now, "MATERIAL_REUSED", who.accountId(), who.name(), requirement.name());
            return Applications.file(material);
        });
    }

    private Entry find(SignedIn who, UUID entry) {
        return library.find(owner(who), entry)
                .orElseThrow(() -> new NotFoundException("cases.library.not-found", entry));
    }

    /**
     * Whose library the caller sees: the company while acting for it with an authorization that covers applying and
     * has not expired, else the person's own.
     *
     * @throws CaseRefusedException {@code cases.apply.staff} for staff, {@code cases.library.company-not-authorized}
     *         when acting for a company without that authorization
     */
    private UUID owner(SignedIn who) {
        if (who == null || who.staff()) {
            throw CaseRefusedException.forbidden("cases.apply.staff");
        }
        UUID owner = ownerOrNull(who);
        if (owner == null) {
            throw CaseRefusedException.forbidden("cases.library.company-not-authorized", who.actingFor().companyName());
        }
        return owner;
    }

    private UUID ownerOrNull(SignedIn who) {
        if (who.actingFor() == null) {
            return who.accountId();
        }
        ActingFor company = applications.activeCompany(who);
        return company == null ? null : company.company();
    }

    private static LibraryEntry view(Entry e, LocalDate today) {
        return new LibraryEntry(e.id(), e.materialName(), e.fileName(), e.contentType(), e.size(), e.sha256(),
                e.uploadedAt(), e.addedAt(), e.validUntil(), e.sourceCase(),
                e.validUntil() != null && e.validUntil().isBefore(today));
    }

    private static String normalized(String name) {
        return name == null ? "" : name.replaceAll("\\s+", "");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Applications.ZONE));
    }
}

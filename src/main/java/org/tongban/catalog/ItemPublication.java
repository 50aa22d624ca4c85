package org.tongban.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.catalog.internal.BasicItem;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.catalog.internal.ImplementationItem;
import org.tongban.catalog.internal.ImplementationItems;
import org.tongban.catalog.internal.ItemStatus;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The publication workflow of implementation items: draft → submitted → approved and published with an effective
 * date, the previous version superseded but kept citable. A version that deviates from its basic item's standard
 * ("同一标准", DOMAIN §3) is only published with a written justification; otherwise it is refused with the list.
 */
@Service
public class ItemPublication {

    private static final Logger audit = LoggerFactory.getLogger("tongban.audit.catalog");

    /** Publication refused: the deviations that must be fixed or justified first. */
    public static class DeviationsFound extends RuntimeException {
        private final transient List<Deviations.Deviation> deviations;

        public DeviationsFound(List<Deviations.Deviation> deviations) {
            super("catalog.publication.deviations");
            this.deviations = List.copyOf(deviations);
        }

        public List<Deviations.Deviation> deviations() {
            return deviations;
        }
    }

    /** A version waiting in the workflow, with what stands between it and publication. */
    public record Pending(UUID id, String code, int version, String name, String bodyName, String divisionName,
            String status, List<Deviations.Deviation> deviations) {
    }

    private final ImplementationItems items;
    private final BasicItems basicItems;
    private final Clock clock = Clock.systemUTC();

    ItemPublication(ImplementationItems items, BasicItems basicItems) {
        this.items = items;
        this.basicItems = basicItems;
    }

    /** Drafts and submitted versions within a division (its subtree), submitted first. */
    @Transactional(readOnly = true)
    public Page<Pending> pending(DivisionCode scope, int page, int size) {
        return items.findPending(scope.value(), PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, 100)))
                .map(this::pending);
    }

    /** A version is not in the state the action needs (submitting a published version, resuming a repealed one). */
    public static class WrongStatus extends RuntimeException {
        private final String code;
        private final String status;

        public WrongStatus(String code, String status) {
            super(code + " [" + status + "]");
            this.code = code;
            this.status = status;
        }

        /** The message key, {@code catalog.publication.*}. */
        public String code() {
            return code;
        }

        /** The status the version is in. */
        public String status() {
            return status;
        }
    }

    /** One version of an item in its history, newest first. */
    public record VersionEntry(UUID id, int version, String status, LocalDate effectiveFrom, Instant submittedAt,
            Instant approvedAt, Instant publishedAt, String statusReason, String deviationJustification) {
    }

    /** An item's history: the basic facts and every version. */
    public record History(String code, String name, String bodyName, String divisionName, List<VersionEntry> versions) {
    }

    @Transactional
    public Pending submit(UUID itemId, UUID by, DivisionCode scope) {
        ImplementationItem item = find(itemId, scope);
        if (item.status() != ItemStatus.DRAFT) {
            throw new WrongStatus("catalog.publication.not-draft", item.status().name());
        }
        item.submit(by, clock.instant());
        audit.info("submitted {} v{} by {}", item.code(), item.version(), by);
        return pending(item);
    }

    /**
     * Approves a submitted version. When {@code effectiveFrom} is today or earlier (or not given) it is published at
     * once and the version in force is superseded; when it is later, the version waits as {@code APPROVED} and
     * {@link #publishDue()} puts it in force on that day.
     *
     * @throws DeviationsFound when the version deviates and no justification is given (the web layer answers 409)
     */
    @Transactional
    public ItemSummary approve(UUID itemId, UUID by, DivisionCode scope, LocalDate effectiveFrom,
            String justification) {
        ImplementationItem item = find(itemId, scope);
        if (item.status() != ItemStatus.SUBMITTED) {
            throw new WrongStatus("catalog.publication.not-submitted", item.status().name());
        }
        List<Deviations.Deviation> deviations = deviations(item);
        String reason = justification == null ? "" : justification.strip();
        if (!deviations.isEmpty() && reason.isEmpty()) {
            throw new DeviationsFound(deviations);
        }
        LocalDate today = today();
        LocalDate effective = effectiveFrom == null ? today : effectiveFrom;
        if (!effective.isAfter(today)) {
            supersedeCurrent(item.code().value());
        }
        item.approve(by, effective, reason.isEmpty() ? null : reason, clock.instant(), today);
        audit.info("approved {} v{} by {} effective {} (deviations: {}, justification: {})", item.code(),
                item.version(), by, effective, deviations.size(), reason.isEmpty() ? "-" : reason);
        return Catalog.summary(item);
    }

    /**
     * Puts approved versions whose effective date has come in force, superseding the versions they replace. Safe
     * with several nodes: each version is locked with {@code FOR UPDATE SKIP LOCKED}, so a version is published by
     * one node only, and a node never waits for another.
     *
     * @return how many versions were published
     */
    @Transactional
    public int publishDue() {
        LocalDate today = today();
        int published = 0;
        for (UUID id : items.lockDueApprovals(today, 500)) {
            ImplementationItem item = items.findById(id).orElseThrow();
            supersedeCurrent(item.code().value());
            item.takeEffect(clock.instant());
            audit.info("took effect {} v{} on {}", item.code(), item.version(), item.effectiveFrom());
            published++;
        }
        return published;
    }

    /** 暂停: the version in force is not handled until resumed; the reason is shown on its guide. */
    @Transactional
    public void suspend(ImplementationCode code, String reason, UUID by, DivisionCode scope) {
        ImplementationItem item = current(code, scope);
        if (item.status() != ItemStatus.PUBLISHED) {
            throw new WrongStatus("catalog.publication.not-published", item.status().name());
        }
        item.suspend(requireReason(reason), by, clock.instant());
        audit.info("suspended {} v{} by {}: {}", item.code(), item.version(), by, reason);
    }

    @Transactional
    public void resume(ImplementationCode code, UUID by, DivisionCode scope) {
        ImplementationItem item = current(code, scope);
        if (item.status() != ItemStatus.SUSPENDED) {
            throw new WrongStatus("catalog.publication.not-suspended", item.status().name());
        }
        item.resume(by, clock.instant());
        audit.info("resumed {} v{} by {}", item.code(), item.version(), by);
    }

    /** 取消: the item is no longer handled, for good. */
    @Transactional
    public void repeal(ImplementationCode code, String reason, UUID by, DivisionCode scope) {
        ImplementationItem item = current(code, scope);
        if (item.status() == ItemStatus.REPEALED) {
            throw new WrongStatus("catalog.publication.already-repealed", item.status().name());
        }
        item.repeal(requireReason(reason), by, clock.instant());
        audit.info("repealed {} v{} by {}: {}", item.code(), item.version(), by, reason);
    }

    /** Every version of an item, newest first, drafts included (administrators only). */
    @Transactional(readOnly = true)
    public History history(ImplementationCode code, DivisionCode scope) {
        List<ImplementationItem> versions = items.findByCodeOrderByVersionDesc(code.value());
        if (versions.isEmpty() || !inScope(versions.getFirst(), scope)) {
            throw new NotFoundException("catalog.item.not-found", code.value());
        }
        ImplementationItem latest = versions.getFirst();
        return new History(code.value(), latest.name(), latest.bodyName(), latest.divisionName(),
                versions.stream().map(v -> new VersionEntry(v.id(), v.version(), v.status().name(), v.effectiveFrom(),
                        v.submittedAt(), v.approvedAt(), v.publishedAt(), v.statusReason(),
                        v.deviationJustification())).toList());
    }

    /** What changed, element by element, from one version to another (any two versions, drafts included). */
    @Transactional(readOnly = true)
    public List<GuideDiff.Change> diff(ImplementationCode code, int from, int to, DivisionCode scope,
            java.util.function.Function<Enum<?>, String> label) {
        ImplementationItem before = version(code, from, scope);
        ImplementationItem after = version(code, to, scope);
        return GuideDiff.of(before.guide(), before.venue(), after.guide(), after.venue(), label);
    }

    /** The guide and venue of any version (drafts included), for the administrators' forms. */
    @Transactional(readOnly = true)
    public ItemDetail draftOrVersion(ImplementationCode code, int version, DivisionCode scope) {
        ImplementationItem item = version(code, version, scope);
        BasicItem basic = basicItems.findByCodeAndVersion(item.basicCode(), item.basicVersion()).orElseThrow();
        return new ItemDetail(Catalog.summary(item), item.status().name(), item.aliases(), item.themes(),
                basic.legalBases(), item.guide(), item.venue(), item.effectiveFrom(), item.publishedAt(),
                items.versionsOf(item.code().value()), item.statusReason());
    }

    /** The deviations of a version from its basic item's standard. */
    @Transactional(readOnly = true)
    public List<Deviations.Deviation> deviations(UUID itemId, DivisionCode scope) {
        return deviations(find(itemId, scope));
    }

    /** The id of a version, for the API's paths by code and version. */
    @Transactional(readOnly = true)
    public UUID idOf(ImplementationCode code, int version, DivisionCode scope) {
        return version(code, version, scope).id();
    }

    private ImplementationItem version(ImplementationCode code, int version, DivisionCode scope) {
        return items.findByCodeAndVersion(code.value(), version).filter(i -> inScope(i, scope))
                .orElseThrow(() -> new NotFoundException("catalog.item.version-not-found", code.value(), version));
    }

    private ImplementationItem current(ImplementationCode code, DivisionCode scope) {
        return items.findCurrent(code.value()).filter(i -> inScope(i, scope))
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", code.value()));
    }

    private void supersedeCurrent(String code) {
        items.findCurrent(code).ifPresent(ImplementationItem::supersede);
        items.flush();
    }

    /** Effective dates are days in China, whatever the server's zone. */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new org.tongban.platform.web.InvalidFieldException("reason",
                    new InvalidValueException("catalog.publication.reason-required", reason));
        }
        if (reason.strip().length() > 1000) {
            throw new org.tongban.platform.web.InvalidFieldException("reason",
                    new InvalidValueException("catalog.publication.reason-too-long", reason, 1000));
        }
        return reason.strip();
    }

    private ImplementationItem find(UUID id, DivisionCode scope) {
        ImplementationItem item = items.findById(id)
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", id));
        if (!inScope(item, scope)) {
            throw new NotFoundException("catalog.item.not-found", id);
        }
        return item;
    }

    /** Staff only act on items of their own division and below (data scope). */
    private static boolean inScope(ImplementationItem item, DivisionCode scope) {
        return DivisionCode.of(item.divisionCode()).value().startsWith(scope.prefix());
    }

    private List<Deviations.Deviation> deviations(ImplementationItem item) {
        BasicItem basic = basicItems.findByCodeAndVersion(item.basicCode(), item.basicVersion()).orElseThrow();
        return Deviations.of(item.guide(), basic.standard());
    }

    private Pending pending(ImplementationItem item) {
        return new Pending(item.id(), item.code().value(), item.version(), item.name(), item.bodyName(),
                item.divisionName(), item.status().name(), deviations(item));
    }
}

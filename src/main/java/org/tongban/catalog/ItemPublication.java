package org.tongban.catalog;

import java.time.Clock;
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

    @Transactional
    public Pending submit(UUID itemId, UUID by, DivisionCode scope) {
        ImplementationItem item = find(itemId, scope);
        if (item.status() != ItemStatus.DRAFT) {
            throw new InvalidValueException("catalog.publication.not-draft", item.status().name(), item.status().name());
        }
        item.submit(by, clock.instant());
        audit.info("submitted {} v{} by {}", item.code(), item.version(), by);
        return pending(item);
    }

    /**
     * @throws DeviationsFound when the version deviates and no justification is given (the web layer answers 409)
     */
    @Transactional
    public ItemSummary approve(UUID itemId, UUID by, DivisionCode scope, LocalDate effectiveFrom,
            String justification) {
        ImplementationItem item = find(itemId, scope);
        if (item.status() != ItemStatus.SUBMITTED) {
            throw new InvalidValueException("catalog.publication.not-submitted", item.status().name(),
                    item.status().name());
        }
        List<Deviations.Deviation> deviations = deviations(item);
        String reason = justification == null ? "" : justification.strip();
        if (!deviations.isEmpty() && reason.isEmpty()) {
            throw new DeviationsFound(deviations);
        }
        items.findPublished(item.code().value()).ifPresent(ImplementationItem::supersede);
        items.flush();
        item.approve(by, effectiveFrom == null ? LocalDate.now(clock) : effectiveFrom, reason.isEmpty() ? null : reason,
                clock.instant());
        audit.info("approved {} v{} by {} (deviations: {}, justification: {})", item.code(), item.version(), by,
                deviations.size(), reason.isEmpty() ? "-" : reason);
        return Catalog.summary(item);
    }

    private ImplementationItem find(UUID id, DivisionCode scope) {
        ImplementationItem item = items.findById(id)
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", id));
        // Staff only act on items of their own division and below (data scope).
        if (!DivisionCode.of(item.divisionCode()).value().startsWith(scope.prefix())) {
            throw new NotFoundException("catalog.item.not-found", id);
        }
        return item;
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

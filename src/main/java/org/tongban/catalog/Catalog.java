package org.tongban.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.catalog.internal.BasicItem;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.catalog.internal.CatalogSearch;
import org.tongban.catalog.internal.ImplementationItem;
import org.tongban.catalog.internal.ImplementationItems;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * What the catalogue offers the rest of the platform and its pages: published items, their guides and versions,
 * and search. Only published versions are visible here; a case keeps the version it was filed under and reads it
 * with {@link #item(ImplementationCode, int)}.
 */
@Service
@Transactional(readOnly = true)
public class Catalog {

    private final ImplementationItems items;
    private final BasicItems basicItems;
    private final CatalogSearch search;
    private final Organization organization;

    Catalog(ImplementationItems items, BasicItems basicItems, CatalogSearch search, Organization organization) {
        this.items = items;
        this.basicItems = basicItems;
        this.search = search;
        this.organization = organization;
    }

    /** A basic item as published: the province-wide standard. */
    public record BasicItemView(String code, int version, String name, ItemType type, ServiceTarget target,
            List<String> levels, List<Theme> themes, List<String> aliases, List<LegalBasis> legalBases,
            Guide standard) {
    }

    /**
     * The version in force, or the last one when the item is suspended or repealed (the status says which): never a
     * draft, nor an approved version whose effective date has not come.
     *
     * @throws NotFoundException {@code catalog.item.not-found} unless a version of the item is published
     */
    public ItemDetail item(ImplementationCode code) {
        return detail(items.findCurrent(code.value())
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", code.value())));
    }

    /** A given version, published now or before (cases cite the version they were filed under). */
    public ItemDetail item(ImplementationCode code, int version) {
        ImplementationItem item = items.findByCodeAndVersion(code.value(), version)
                .filter(i -> i.publishedAt() != null)
                .orElseThrow(() -> new NotFoundException("catalog.item.version-not-found", code.value(), version));
        return detail(item);
    }

    /**
     * Where the published version of an implementation item is looser than its basic item's standard, or
     * inconsistent (DOMAIN §3, "同一标准").
     */
    public List<Deviations.Deviation> deviations(ImplementationCode code) {
        ImplementationItem item = items.findPublished(code.value())
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", code.value()));
        BasicItem basic = basicItems.findByCodeAndVersion(item.basicCode(), item.basicVersion()).orElseThrow();
        return Deviations.of(item.guide(), basic.standard());
    }

    /** @throws NotFoundException {@code catalog.basic-item.not-found} */
    public BasicItemView basicItem(BasicCode code) {
        BasicItem basic = basicItems.findPublished(code.value())
                .orElseThrow(() -> new NotFoundException("catalog.basic-item.not-found", code.value()));
        return view(basic);
    }

    /** A basic item as a picker offers it. */
    public record BasicItemChoice(String code, String name) {
    }

    /** Published basic items whose code starts with or whose name contains {@code text}, at most {@code limit}. */
    public List<BasicItemChoice> findBasicItems(String text, int limit) {
        String needle = text == null ? "" : text.strip();
        if (needle.isEmpty()) {
            return List.of();
        }
        return basicItems.findPublishedNames(needle, Math.clamp(limit, 1, 50)).stream()
                .map(row -> new BasicItemChoice((String) row[0], (String) row[1])).toList();
    }

    public List<BasicItemView> basicItems() {
        return basicItems.findAllPublished().stream().map(Catalog::view).toList();
    }

    public CatalogSearchResult search(CatalogSearchRequest request) {
        List<String> lineage = request.division() == null ? List.of() : organization.lineageCodes(request.division());
        CatalogSearch.Page page = search.search(request, lineage, true);
        List<ItemSummary> nearest = List.of();
        if (page.total() == 0 && !request.text().isEmpty()) {
            nearest = search.nearest(request.text(), lineage, 5);
        }
        return new CatalogSearchResult(
                page.hits().stream().map(f -> new CatalogSearchResult.Hit(f.item(), f.highlightedName()))
                        .toList(),
                page.total(), request.page(), request.size(), nearest, page.themeCounts());
    }

    /** Item names for what has been typed so far. */
    public List<String> suggest(String text, Optional<DivisionCode> division, int limit) {
        List<String> lineage = division.map(organization::lineageCodes).orElse(List.of());
        return search.suggest(text, lineage, Math.clamp(limit, 1, 20));
    }

    /** How many published items apply in a division, per theme (for the portal's theme entries). */
    public Map<Theme, Long> themeCounts(DivisionCode division) {
        return search(new CatalogSearchRequest("", division, null, null, null, null, null, 0, 1)).themeCounts();
    }

    /** The body's published items. */
    public CatalogSearchResult itemsOf(UUID body, int page, int size) {
        return search(new CatalogSearchRequest("", null, null, null, null, null, body, page, size));
    }

    private ItemDetail detail(ImplementationItem item) {
        BasicItem basic = basicItems.findByCodeAndVersion(item.basicCode(), item.basicVersion()).orElseThrow();
        return new ItemDetail(summary(item), item.status().name(), item.aliases(), item.themes(), basic.legalBases(),
                item.guide(), item.venue(), item.effectiveFrom(), item.publishedAt(), items.versionsOf(item.code().value()),
                item.statusReason());
    }

    static ItemSummary summary(ImplementationItem item) {
        return item.summary();
    }

    private static BasicItemView view(BasicItem basic) {
        return new BasicItemView(basic.code().value(), basic.version(), basic.name(), basic.itemType(), basic.target(),
                basic.levels().stream().map(Enum::name).toList(), basic.themes(), basic.aliases(), basic.legalBases(),
                basic.standard());
    }
}

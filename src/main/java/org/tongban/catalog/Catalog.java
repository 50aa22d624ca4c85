package org.tongban.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    /**
     * Published versions as last read, by code and version. A published version's guide, venue, body, legal bases
     * and dates never change (a change is a new version); what can change — its status and reason, and the name,
     * aliases, service target and themes it takes over from a new version of its basic item — is read again on every
     * call ({@link VersionState}) and a version whose state differs is loaded again. So every node answers what the
     * database holds now, and the case paths (start, save, upload, submit: each asks for its item) no longer load two
     * entities, a version list and the guide's JSON per request.
     */
    private final Map<VersionKey, Cached> published = new ConcurrentHashMap<>();
    private static final int CACHED_VERSIONS = 5_000;

    Catalog(ImplementationItems items, BasicItems basicItems, CatalogSearch search, Organization organization,
            JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.items = items;
        this.basicItems = basicItems;
        this.search = search;
        this.organization = organization;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
    }

    private record VersionKey(String code, int version) {
    }

    /** What may change in a published version (columns as stored). */
    private record VersionState(int version, String status, String statusReason, String name, String aliases,
            String target, String themes) {
    }

    private record Cached(ItemDetail detail, VersionState state, List<Integer> versions) {
    }

    /** The published versions of an item, oldest first, with what may still change in each. */
    private List<VersionState> publishedStates(String code) {
        return jdbc.sql("""
                select version, status, status_reason, name, aliases, target, themes from catalog_implementation_item
                where code = ? and published_at is not null order by version""")
                .param(code)
                .query((rs, n) -> new VersionState(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** The version's detail: as cached while its state and the item's versions are unchanged, else loaded anew. */
    private ItemDetail published(String code, VersionState state, List<VersionState> states) {
        List<Integer> versions = states.stream().map(VersionState::version).toList();
        VersionKey key = new VersionKey(code, state.version());
        Cached cached = published.get(key);
        if (cached != null && cached.state().equals(state) && cached.versions().equals(versions)) {
            return cached.detail();
        }
        ItemDetail detail = transactions.execute(status -> items.findByCodeAndVersion(code, state.version())
                .filter(i -> i.publishedAt() != null).map(this::detail).orElse(null));
        if (detail == null) {
            throw new NotFoundException("catalog.item.version-not-found", code, state.version());
        }
        if (published.size() >= CACHED_VERSIONS) {
            published.clear();
        }
        // Loaded after the state was read: should it have changed in between, the next call sees a differing state
        // and loads it again.
        published.put(key, new Cached(detail, state, versions));
        return detail;
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
    @Transactional(propagation = Propagation.SUPPORTS)
    public ItemDetail item(ImplementationCode code) {
        List<VersionState> states = publishedStates(code.value());
        // As ImplementationItems.findCurrent: the newest version in force, suspended or repealed.
        VersionState current = states.reversed().stream()
                .filter(s -> List.of("PUBLISHED", "SUSPENDED", "REPEALED").contains(s.status())).findFirst()
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", code.value()));
        return published(code.value(), current, states);
    }

    /** A given version, published now or before (cases cite the version they were filed under). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public ItemDetail item(ImplementationCode code, int version) {
        List<VersionState> states = publishedStates(code.value());
        VersionState state = states.stream().filter(s -> s.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("catalog.item.version-not-found", code.value(), version));
        return published(code.value(), state, states);
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

    /**
     * Joins the caller's transaction but starts none: the hits, total and theme counts come from the index alone (the
     * division's lineage is remembered by the organization module), so a search needs no database connection, and
     * taking one from the pool for each search cost a transaction's begin and end, and at times a validation round
     * trip.
     */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
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

    /** Item names for what has been typed so far (from the index alone, like {@link #search}). */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
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

package org.tongban.catalog.internal;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.scope.SearchScope;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.springframework.stereotype.Component;
import org.tongban.catalog.CatalogSearchRequest;
import org.tongban.catalog.ItemSummary;
import org.tongban.catalog.Theme;

/**
 * Full-text search over published implementation items (Hibernate Search, Lucene, smartcn): names weigh most, then
 * aliases (what people call an item: 开饭店), then materials and conditions. Every word must match somewhere; the
 * administrators' synonym groups widen a query to the words people use interchangeably.
 */
@Component
public class CatalogSearch {

    private static final AggregationKey<Map<String, Long>> THEMES = AggregationKey.of("themes");

    private final EntityManager entityManager;
    private final Synonyms synonyms;

    CatalogSearch(EntityManager entityManager, Synonyms synonyms) {
        this.entityManager = entityManager;
        this.synonyms = synonyms;
    }

    /** A hit: the item as lists show it and its name with the matching words marked. */
    public record Found(ItemSummary item, String highlightedName) {
    }

    public record Page(List<Found> hits, long total, Map<Theme, Long> themeCounts) {
    }

    /**
     * @param lineage the division filtered on and its ancestors (province first); empty for no division filter
     * @param allWords whether every word must match (false: any word, for "nearest" suggestions)
     */
    public Page search(CatalogSearchRequest request, List<String> lineage, boolean allWords) {
        SearchSession session = Search.session(entityManager);
        SearchScope<ImplementationItem> scope = session.scope(ImplementationItem.class);
        Set<String> variants = variants(request.text());
        SearchPredicate predicate = predicate(scope, request, variants, lineage, allWords);
        // Projected from the index, not loaded: a page of hits costs no database round trip.
        SearchResult<String> result = session.search(scope)
                .select(f -> f.field(ImplementationItem.SUMMARY, String.class))
                .where(predicate)
                .sort(f -> f.score().then().field("name_sort").then().field("divisionCode"))
                .aggregation(THEMES, f -> f.terms().field("theme", String.class).maxTermCount(50))
                .fetch(request.page() * request.size(), request.size());
        Map<Theme, Long> themes = new EnumMap<>(Theme.class);
        result.aggregation(THEMES).forEach((theme, count) -> themes.put(Theme.valueOf(theme), count));
        NameHighlighter names = new NameHighlighter(ChineseAnalysis.CHINESE, variants);
        List<Found> hits = result.hits().stream().map(ImplementationItem::summary)
                .map(item -> new Found(item, names.highlight(item.name()))).toList();
        return new Page(hits, result.total().hitCount(), themes);
    }

    /**
     * The best few items matching any of the words, for "nearest" suggestions when nothing matches all of them: only
     * the hits — no theme counts, no highlighting, and no exact total, so Lucene may skip documents that cannot enter
     * the top {@code limit} instead of scoring every item that shares a common word.
     */
    public List<ItemSummary> nearest(String text, List<String> lineage, int limit) {
        CatalogSearchRequest request = new CatalogSearchRequest(text, null, null, null, null, null, null, 0, limit);
        SearchSession session = Search.session(entityManager);
        SearchScope<ImplementationItem> scope = session.scope(ImplementationItem.class);
        return session.search(scope)
                .select(f -> f.field(ImplementationItem.SUMMARY, String.class))
                .where(predicate(scope, request, variants(text), lineage, false))
                .sort(f -> f.score().then().field("name_sort").then().field("divisionCode"))
                .totalHitCountThreshold(limit)
                .fetchHits(limit)
                .stream().map(ImplementationItem::summary).toList();
    }

    /** Names of published items that match what has been typed so far, for suggestions. */
    public List<String> suggest(String text, List<String> lineage, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        CatalogSearchRequest request = new CatalogSearchRequest(text, null, null, null, null, null, null, 0, limit * 4);
        SearchSession session = Search.session(entityManager);
        SearchScope<ImplementationItem> scope = session.scope(ImplementationItem.class);
        List<String> names = session.search(scope)
                .select(f -> f.field("name", String.class))
                .where(predicate(scope, request, variants(request.text()), lineage, true))
                .fetchHits(limit * 4);
        return names.stream().distinct().limit(limit).toList();
    }

    private SearchPredicate predicate(SearchScope<ImplementationItem> scope, CatalogSearchRequest request,
            Set<String> variants, List<String> lineage, boolean allWords) {
        var f = scope.predicate();
        return f.bool().with(b -> {
            b.filter(f.match().field("status").matching(ItemStatus.PUBLISHED));
            if (!lineage.isEmpty()) {
                String division = lineage.getLast();
                b.filter(f.or(f.terms().field("divisionCode").matchingAny(lineage),
                        f.match().field("divisionLineage").matching(division)));
                // Among equally good matches, the body that serves the chosen division itself comes first.
                b.should(f.match().field("divisionCode").matching(division).boost(3f));
            }
            if (request.type() != null) {
                b.filter(f.match().field("itemType").matching(request.type().code()));
            }
            if (request.target() != null) {
                b.filter(f.terms().field("target").matchingAny(
                        List.of(request.target(), org.tongban.catalog.ServiceTarget.BOTH)));
            }
            if (request.depth() != null) {
                b.filter(f.match().field("onlineDepth").matching(request.depth().name()));
            }
            if (request.theme() != null) {
                b.filter(f.match().field("theme").matching(request.theme().name()));
            }
            if (request.body() != null) {
                b.filter(f.match().field("bodyId").matching(request.body()));
            }
            if (!request.text().isEmpty()) {
                var text = f.bool();
                for (String variant : variants) {
                    text.should(f.simpleQueryString()
                            .field("name").boost(4f).field("aliases").boost(2f)
                            .fields("materialsText", "conditionsText")
                            .matching(variant)
                            .flags(SimpleQueryFlag.WHITESPACE)
                            .defaultOperator(allWords ? BooleanOperator.AND : BooleanOperator.OR));
                }
                b.must(text);
            }
        }).toPredicate();
    }

    /** The query as typed, and with each synonym group member it contains replaced by the others. */
    private Set<String> variants(String text) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(text);
        for (Set<String> group : synonyms.groups()) {
            for (String term : group) {
                if (text.contains(term)) {
                    for (String other : group) {
                        if (!other.equals(term)) {
                            variants.add(text.replace(term, other));
                        }
                    }
                }
            }
        }
        return variants;
    }
}

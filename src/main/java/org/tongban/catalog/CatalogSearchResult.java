package org.tongban.catalog;

import java.util.List;
import java.util.Map;

/**
 * A page of search hits, best first.
 *
 * @param nearest when nothing matched: the items nearest to what was asked (any of its words), to offer instead
 * @param themeCounts how many matching items each theme has
 */
public record CatalogSearchResult(List<Hit> hits, long total, int page, int size, List<ItemSummary> nearest,
        Map<Theme, Long> themeCounts) {

    /** @param highlightedName the name as HTML, words that matched wrapped in {@code <mark>}, everything else escaped */
    public record Hit(ItemSummary item, String highlightedName) {
    }
}

package org.tongban.catalog.internal;

import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps this node's Lucene index in step with PostgreSQL, the source of truth: on start, when the index does not
 * hold every published item (a new node, a restored database, a crash between commit and index flush), it is
 * rebuilt with the mass indexer.
 */
@Component
@Order(100)
public class CatalogIndex implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogIndex.class);

    private final EntityManager entityManager;
    private final ImplementationItems items;

    CatalogIndex(EntityManager entityManager, ImplementationItems items) {
        this.entityManager = entityManager;
        this.items = items;
    }

    @Override
    @Transactional(readOnly = true)
    public void run(ApplicationArguments args) throws InterruptedException {
        long stored = items.countPublished();
        long indexed = Search.session(entityManager).search(ImplementationItem.class)
                .where(f -> f.match().field("status").matching(ItemStatus.PUBLISHED))
                .fetchTotalHitCount();
        if (stored != indexed) {
            log.info("Search index holds {} of {} published items; rebuilding", indexed, stored);
            rebuild();
        } else if (indexed > 0 && !holdsSummaries()) {
            log.info("Search index was written before hits were stored in it; rebuilding");
            rebuild();
        }
    }

    /** Whether the index has the stored summary a search hit is read from (an index of an older release has not). */
    private boolean holdsSummaries() {
        return Search.session(entityManager).search(ImplementationItem.class)
                .select(f -> f.field(ImplementationItem.SUMMARY, String.class))
                .where(f -> f.match().field("status").matching(ItemStatus.PUBLISHED))
                .fetchHits(1).stream().allMatch(java.util.Objects::nonNull);
    }

    /**
     * Rebuilds the whole index from the database, and merges it into one segment at the end: the mass indexer leaves
     * about a dozen, and every search looks each of its terms up in every segment and sets up a scorer per segment
     * (a quarter of a search's time in Lucene went there). Later edits add small segments that Lucene's merge policy
     * folds in as usual.
     */
    public void rebuild() throws InterruptedException {
        long started = System.nanoTime();
        Search.session(entityManager).massIndexer(ImplementationItem.class)
                .threadsToLoadObjects(2)
                .batchSizeToLoadObjects(500)
                .mergeSegmentsOnFinish(true)
                .startAndWait();
        log.info("Search index rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}

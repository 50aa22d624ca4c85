package org.tongban.cases.internal;

import org.springframework.stereotype.Component;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;

/**
 * The guide (办事指南) of a published version of an implementation item, as the engine needs it to start and decide a
 * case (time limits, handling, result). A version's guide never changes once published (a change is a new version),
 * so it is read from the catalogue once per version and node, not on every acceptance and decision.
 */
@Component
public class PublishedGuides {

    /** At most this many versions are kept. */
    static final int CACHED_VERSIONS = 2_000;

    private final Catalog catalog;
    private final CommittedVersions<Guide> guides = new CommittedVersions<>(CACHED_VERSIONS);

    PublishedGuides(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws org.tongban.shared.NotFoundException {@code catalog.item.version-not-found} unless the version was
     *         published
     */
    public Guide of(String itemCode, int version) {
        Guide guide = guides.get(itemCode, version);
        if (guide == null) {
            guide = catalog.item(ImplementationCode.of(itemCode), version).guide();
            guides.remember(itemCode, version, guide);
        }
        return guide;
    }
}

package org.tongban.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of an implementation item with its whole guide, as the guide page and the API show it.
 *
 * @param status {@code PUBLISHED} for the version in force ({@code SUSPENDED} or {@code REPEALED} when the item
 *        is not handled now); older versions stay citable as {@code SUPERSEDED}
 * @param versions every version number of this item, oldest first
 * @param statusReason why the item was suspended (暂停) or repealed (取消), when it was
 */
public record ItemDetail(ItemSummary summary, String status, List<String> aliases, List<Theme> themes,
        List<LegalBasis> legalBases, Guide guide, Venue venue, LocalDate effectiveFrom, Instant publishedAt,
        List<Integer> versions, String statusReason) {
}

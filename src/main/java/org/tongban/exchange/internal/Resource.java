package org.tongban.exchange.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.tongban.exchange.SharingType;

/**
 * A catalogued information resource (信息资源, DOMAIN §9) with its metadata and the data items it offers, in order;
 * {@code endpointUrl} when a department system serves it (its items are those of the source it stands for).
 */
public record Resource(UUID id, String code, String classCode, String name, Source source, UUID providerBodyId,
        String providerBodyName, String providerCode, String summary, String format, SharingType sharingType,
        String sharingCondition, String legalBasis, String sharingMethod, String openness, String updateCycle,
        LocalDate publishedOn, String relatedCodes, List<String> items, long version, String endpointUrl) {

    /** Whether a department system's HTTP endpoint serves the resource rather than an in-platform base table. */
    public boolean external() {
        return endpointUrl != null;
    }

    /** The item's definition (type) in the source. */
    public Source.Item item(String name) {
        return source.item(name).orElseThrow();
    }
}

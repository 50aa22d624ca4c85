package org.tongban.catalog;

import java.util.UUID;

import org.tongban.shared.DivisionCode;

/**
 * A catalogue search: optional text and filters. With a division, the result holds the items handled there and
 * the items of the city and province above it that apply there, and those of the townships below.
 */
public record CatalogSearchRequest(String text, DivisionCode division, ItemType type, ServiceTarget target,
        Guide.OnlineDepth depth, Theme theme, UUID body, int page, int size) {

    public CatalogSearchRequest {
        text = text == null ? "" : text.strip();
        page = Math.max(page, 0);
        size = Math.clamp(size, 1, 100);
    }
}

package org.tongban.catalog.web;

import java.util.Locale;
import java.util.UUID;

import org.tongban.catalog.CatalogSearchRequest;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;

/** Reads search filters from request parameters, naming the parameter that is wrong. */
final class CatalogFilters {

    static final int MAX_QUERY = 100;

    private CatalogFilters() {
    }

    static CatalogSearchRequest request(String q, String division, String type, String target, String depth,
            String theme, String body, int page, int size) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_QUERY) {
            throw new InvalidFieldException("q", new InvalidValueException("catalog.search.too-long", text, MAX_QUERY));
        }
        return new CatalogSearchRequest(text,
                blank(division) ? null : InvalidFieldException.parse("division", () -> DivisionCode.of(division)),
                blank(type) ? null : InvalidFieldException.parse("type", () -> itemType(type)),
                blank(target) ? null : InvalidFieldException.parse("target", () -> constant(ServiceTarget.class, target)),
                blank(depth) ? null : InvalidFieldException.parse("depth", () -> constant(Guide.OnlineDepth.class, depth)),
                blank(theme) ? null : InvalidFieldException.parse("theme", () -> constant(Theme.class, theme)),
                blank(body) ? null : InvalidFieldException.parse("body", () -> uuid(body)),
                page, size);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An item type by its code ({@code 01}) or name ({@code LICENSING}). */
    static ItemType itemType(String value) {
        String v = value.strip();
        return v.matches("[0-9]{2}") ? ItemType.ofCode(v) : constant(ItemType.class, v);
    }

    static <E extends Enum<E>> E constant(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("catalog.filter.invalid", value, value);
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("catalog.filter.invalid", value, value);
        }
    }
}

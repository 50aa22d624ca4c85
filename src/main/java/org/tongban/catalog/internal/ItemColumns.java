package org.tongban.catalog.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.tongban.catalog.Guide;
import org.tongban.catalog.Venue;
import org.tongban.shared.DivisionCode;

/**
 * How list and JSON values are written into the catalogue's columns, in one place: the entities and the bulk
 * import (which writes with JDBC for speed) must store them exactly alike.
 */
public final class ItemColumns {

    /** Aliases, levels and a basic item's themes are comma separated. */
    static final String COMMA = ",";
    /** An implementation item's themes and division lineage are space separated: the index tokenizes on spaces. */
    static final String SPACE = " ";

    private ItemColumns() {
    }

    public static String aliases(List<String> aliases) {
        return String.join(COMMA, aliases);
    }

    /** An implementation item's themes column. */
    public static String themes(List<? extends Enum<?>> themes) {
        return String.join(SPACE, themes.stream().map(Enum::name).toList());
    }

    /** The division and its ancestors, province first, space separated. */
    public static String lineage(DivisionCode division) {
        return String.join(SPACE, division.lineage().stream().map(DivisionCode::value).toList());
    }

    public static String guide(Guide guide) {
        return CatalogJson.write(guide);
    }

    public static String venue(Venue venue) {
        return CatalogJson.write(venue);
    }

    static <T> List<T> split(String column, String separator, Function<String, T> parse) {
        return Arrays.stream(column.split(separator)).filter(s -> !s.isBlank()).map(parse).toList();
    }
}

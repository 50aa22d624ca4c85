package org.tongban.catalog.internal.transfer;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.tongban.catalog.internal.transfer.ImplementationListFile.Entry;
import org.tongban.catalog.internal.transfer.ImplementationListFile.JsonOrigin;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;

/**
 * Implementation lists as JSON, for programs (a department's own system, another platform): the fields of
 * {@link ListLayout} (row 2 of the spreadsheet), an item's lists nested in it, choices as enum names. Reading accepts
 * what the spreadsheet accepts (Chinese labels too), and reports unknown properties, since a misspelt one would
 * otherwise lose what it holds.
 */
public final class ImplementationListJson {

    public static final String MEDIA_TYPE = "application/json";
    public static final String FORMAT = "tongban.implementation-list";
    public static final int VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final List<Sheet> LISTS = List.of(Sheet.MATERIALS, Sheet.PROCESS, Sheet.FEES, Sheet.FAQ);
    private static final String VENUE = "venue.";

    private ImplementationListJson() {
    }

    // --- Writing

    /** Writes {@code rows} to {@code out}, which stays open. */
    public static void write(List<ImplementationListRow> rows, OutputStream out) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode items = root.putArray(Sheet.ITEMS.field());
        for (ImplementationListRow row : rows) {
            ObjectNode item = items.addObject();
            for (Column<?, ?> column : Sheet.ITEMS.columns()) {
                String field = column.field();
                ObjectNode target = item;
                if (field.startsWith(VENUE)) {
                    target = item.has("venue") ? (ObjectNode) item.get("venue") : item.putObject("venue");
                    field = field.substring(VENUE.length());
                }
                put(target, field, column, row);
            }
            list(item, Sheet.MATERIALS, row.materials());
            list(item, Sheet.PROCESS, row.process());
            list(item, Sheet.FEES, row.fees());
            list(item, Sheet.FAQ, row.faq());
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    private static void list(ObjectNode item, Sheet list, List<?> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode array = item.putArray(list.field());
        Column<?, ?> key = list.key().orElseThrow();
        for (Object entry : entries) {
            ObjectNode object = array.addObject();
            for (Column<?, ?> column : list.columns()) {
                if (column != key) {
                    put(object, column.field(), column, entry);
                }
            }
        }
    }

    private static <R, V> void put(ObjectNode target, String field, Column<R, V> column, Object source) {
        @SuppressWarnings("unchecked")
        V value = column.valueOf((R) source);
        Object json = value == null ? null : column.format().json(value);
        switch (json) {
            case null -> { }
            case Integer number -> target.put(field, number);
            case Boolean flag -> target.put(field, flag);
            case List<?> lines -> {
                ArrayNode array = target.putArray(field);
                lines.forEach(line -> array.add(String.valueOf(line)));
            }
            default -> target.put(field, json.toString());
        }
    }

    // --- Reading

    /** Reads a JSON file; never throws for bad content, which is reported in the file's problems. */
    public static ImplementationListFile read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            return ImplementationListFile.unreadable("catalog.transfer.unreadable-json",
                    e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject() || !root.path(Sheet.ITEMS.field()).isArray()
                || (root.has("format") && !FORMAT.equals(root.get("format").asString()))) {
            return ImplementationListFile.unreadable("catalog.transfer.not-a-list", FORMAT);
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get(Sheet.ITEMS.field()).values()) {
            JsonOrigin origin = new JsonOrigin(index++);
            if (!node.isObject()) {
                problems.add(ImportProblem.of(new Location("$.items", origin.index() + 1, ""),
                        "catalog.transfer.json-type", node.toString()));
                continue;
            }
            entries.add(new Entry(item(node, origin, problems), origin));
        }
        return new ImplementationListFile(entries, List.of(), problems);
    }

    private static ImplementationListRow item(JsonNode node, JsonOrigin origin, List<ImportProblem> problems) {
        Set<String> known = new LinkedHashSet<>();
        Sheet.ITEMS.columns().forEach(c -> known.add(c.field().startsWith(VENUE) ? "venue" : c.field()));
        LISTS.forEach(list -> known.add(list.field()));
        unknown(node, known, origin.list(Sheet.ITEMS), problems);
        JsonNode venue = node.path("venue");
        if (venue.isObject()) {
            unknown(venue, Sheet.ITEMS.columns().stream().map(Column::field).filter(f -> f.startsWith(VENUE))
                    .map(f -> f.substring(VENUE.length())).collect(Collectors.toSet()),
                    origin.list(Sheet.ITEMS), problems);
        }
        Cells cells = new Cells(problems) {
            @Override
            <V> V value(Column<?, V> column) {
                String field = column.field();
                JsonNode value = field.startsWith(VENUE) ? venue.path(field.substring(VENUE.length()))
                        : node.path(field);
                return value.isMissingNode() || value.isNull() ? null : column.format().parseJson(value);
            }

            @Override
            Location locate(Column<?, ?> column) {
                return new Location(origin.list(Sheet.ITEMS).sheet(), origin.index() + 1, column.field());
            }
        };
        return cells.item(list(node, Sheet.MATERIALS, origin, problems, Cells::material),
                list(node, Sheet.PROCESS, origin, problems, Cells::step),
                list(node, Sheet.FEES, origin, problems, Cells::fee),
                list(node, Sheet.FAQ, origin, problems, Cells::question));
    }

    private static <E> List<E> list(JsonNode item, Sheet list, JsonOrigin origin, List<ImportProblem> problems,
            Function<Cells, E> read) {
        JsonNode array = item.path(list.field());
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            problems.add(ImportProblem.of(origin.list(list), "catalog.transfer.json-type", array.toString()));
            return List.of();
        }
        Column<?, ?> key = list.key().orElseThrow();
        Set<String> known = list.columns().stream().filter(c -> c != key).map(Column::field)
                .collect(Collectors.toSet());
        List<E> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : array.values()) {
            int entry = index++;
            Location where = origin.of(key, entry);
            if (!node.isObject()) {
                problems.add(ImportProblem.of(new Location(where.sheet(), where.row(), ""), "catalog.transfer.json-type",
                        node.toString()));
                continue;
            }
            unknown(node, known, new Location(where.sheet(), where.row(), ""), problems);
            entries.add(read.apply(new Cells(problems) {
                @Override
                <V> V value(Column<?, V> column) {
                    JsonNode value = node.path(column.field());
                    return value.isMissingNode() || value.isNull() ? null : column.format().parseJson(value);
                }

                @Override
                Location locate(Column<?, ?> column) {
                    return origin.of(column, entry);
                }
            }));
        }
        return entries;
    }

    private static void unknown(JsonNode object, Set<String> known, Location where, List<ImportProblem> problems) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(ImportProblem.of(new Location(where.sheet(), where.row(), name),
                        "catalog.transfer.unknown-property", name));
            }
        }
    }
}

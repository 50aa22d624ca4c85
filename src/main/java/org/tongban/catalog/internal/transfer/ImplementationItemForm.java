package org.tongban.catalog.internal.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tongban.catalog.internal.transfer.ImplementationListFile.Entry;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Origin;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;

/**
 * The administrators' form for one implementation item, read through the same columns as a spreadsheet, so that a
 * form is checked exactly as an imported row is (every code, every required element, the guide's own rules).
 *
 * <p>Field names are the columns' field names ({@code basicCode}, {@code venue.hall}, {@code legalDays}); entries of
 * the lists are {@code materials[2].necessity}, {@code process[0].name}, {@code fees[1].standard},
 * {@code faq[0].answer}. Choices take the labels a spreadsheet takes (必要, 工作日, IV ...). A problem's location has the
 * field name as its {@code sheet} and the column's header as its {@code column}, so messages read like those of an
 * import ("“材料名称”必须填写") and the page can show each next to its field.
 */
public final class ImplementationItemForm {

    private static final List<Sheet> LISTS = List.of(Sheet.MATERIALS, Sheet.PROCESS, Sheet.FEES, Sheet.FAQ);

    private ImplementationItemForm() {
    }

    /** The field a form shows, in order: its name, label (the column's header), kind and choices. */
    public record Field(String name, String key, String header, String kind, List<String> choices,
            boolean required, String hint) {

        /** Whether the field holds a file that may be uploaded (blank form, sample, result sample). */
        public boolean upload() {
            return key.equals("materials.blankForm") || key.equals("materials.sample")
                    || key.equals("items.resultSample");
        }

        /** The HTML id of the field's control. */
        public String id() {
            return "f-" + name.replace('[', '-').replace("]", "").replace('.', '-');
        }
    }

    /** The fields of the item itself, in the spreadsheet's order. */
    public static List<Field> itemFields() {
        return fields(Sheet.ITEMS, "");
    }

    /** The fields of one entry of a list ({@code materials}, {@code process}, {@code fees}, {@code faq}). */
    public static List<Field> entryFields(String list, int index) {
        Sheet sheet = sheet(list);
        return fields(sheet, sheet.field() + "[" + index + "].");
    }

    private static List<Field> fields(Sheet sheet, String prefix) {
        Column<?, ?> key = sheet.key().orElse(null);
        List<Field> fields = new ArrayList<>();
        for (Column<?, ?> column : sheet.columns()) {
            if (column == key || column == ListLayout.NAME) {
                continue;
            }
            ValueFormat<?> format = column.format();
            String kind = format == ValueFormat.LINES ? "lines" : format == ValueFormat.COUNT ? "count"
                    : format == ValueFormat.YES_NO ? "yes-no" : format.choices().isEmpty() ? "text" : "choice";
            fields.add(new Field(prefix + column.field(), sheet.field() + "." + column.field(), column.header(), kind, format.choices(), column.required(),
                    column.hint()));
        }
        return fields;
    }

    /**
     * The field, if it holds a file (a material's blank form or sample, the result's sample) and so takes an upload.
     */
    public static java.util.Optional<Field> attachmentField(String name) {
        Matcher entry = Pattern.compile("^materials\\[(\\d{1,3})]\\.(blankForm|sample)$").matcher(name);
        if (entry.matches()) {
            return entryFields("materials", Integer.parseInt(entry.group(1))).stream()
                    .filter(f -> f.name().equals(name)).findFirst();
        }
        return itemFields().stream().filter(f -> f.name().equals(name) && f.upload()).findFirst();
    }

    private static Sheet sheet(String list) {
        return LISTS.stream().filter(s -> s.field().equals(list)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No list " + list));
    }

    /**
     * The indices of the entries of each list the form holds, in order (index 0 alone when a list has none, so that
     * there is a row to fill in).
     */
    public static Map<String, List<Integer>> entryIndices(Map<String, String> values) {
        Map<String, List<Integer>> indices = new LinkedHashMap<>();
        for (Sheet list : LISTS) {
            TreeSet<Integer> found = indices(values, list);
            indices.put(list.field(), found.isEmpty() ? List.of(0) : List.copyOf(found));
        }
        return indices;
    }

    /** The values a form shows for a row (an item's version, or what was typed). */
    public static Map<String, String> values(ImplementationListRow row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Column<?, ?> column : Sheet.ITEMS.columns()) {
            put(values, column.field(), column, row);
        }
        entries(values, Sheet.MATERIALS, row.materials());
        entries(values, Sheet.PROCESS, row.process());
        entries(values, Sheet.FEES, row.fees());
        entries(values, Sheet.FAQ, row.faq());
        return values;
    }

    private static void entries(Map<String, String> values, Sheet list, List<?> entries) {
        Column<?, ?> key = list.key().orElseThrow();
        for (int i = 0; i < entries.size(); i++) {
            for (Column<?, ?> column : list.columns()) {
                if (column != key) {
                    put(values, list.field() + "[" + i + "]." + column.field(), column, entries.get(i));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <R, V> void put(Map<String, String> values, String name, Column<R, V> column, Object source) {
        V value = column.valueOf((R) source);
        String text = value == null ? null : column.format().format(value);
        if (text != null) {
            values.put(name, text);
        }
    }

    /**
     * Reads a form as a one-item file; entries whose fields are all blank (a row added and left empty) are dropped.
     */
    public static ImplementationListFile read(Map<String, String> values) {
        List<ImportProblem> problems = new ArrayList<>();
        FormCells item = new FormCells(values, "", problems);
        List<org.tongban.catalog.Guide.Material> materials = new ArrayList<>();
        List<org.tongban.catalog.Guide.ProcessStep> process = new ArrayList<>();
        List<org.tongban.catalog.Guide.Fee> fees = new ArrayList<>();
        List<org.tongban.catalog.Guide.Faq> faq = new ArrayList<>();
        Map<Sheet, List<Integer>> kept = new LinkedHashMap<>();
        read(values, Sheet.MATERIALS, problems, kept, materials, FormCells::material);
        read(values, Sheet.PROCESS, problems, kept, process, FormCells::step);
        read(values, Sheet.FEES, problems, kept, fees, FormCells::fee);
        read(values, Sheet.FAQ, problems, kept, faq, FormCells::question);
        ImplementationListRow row = item.item(materials, process, fees, faq);
        return new ImplementationListFile(List.of(new Entry(row, new FormOrigin(kept))), List.of(), problems);
    }

    private static <E> void read(Map<String, String> values, Sheet list, List<ImportProblem> problems,
            Map<Sheet, List<Integer>> kept, List<E> entries, Function<FormCells, E> entry) {
        List<Integer> indices = new ArrayList<>();
        for (int index : indices(values, list)) {
            String prefix = list.field() + "[" + index + "].";
            boolean blank = values.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .allMatch(e -> ValueFormat.blank(e.getValue()));
            if (!blank) {
                entries.add(entry.apply(new FormCells(values, prefix, problems)));
                indices.add(index);
            }
        }
        kept.put(list, indices);
    }

    private static TreeSet<Integer> indices(Map<String, String> values, Sheet list) {
        Pattern pattern = Pattern.compile("^" + Pattern.quote(list.field()) + "\\[(\\d{1,3})]\\.");
        TreeSet<Integer> indices = new TreeSet<>();
        for (String name : values.keySet()) {
            Matcher matcher = pattern.matcher(name);
            if (matcher.find()) {
                indices.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return indices;
    }

    /** One form's fields, read through the columns (an item's, or one entry's under its prefix). */
    private static final class FormCells extends Cells {

        private final Map<String, String> values;
        private final String prefix;

        FormCells(Map<String, String> values, String prefix, List<ImportProblem> problems) {
            super(problems);
            this.values = values;
            this.prefix = prefix;
        }

        @Override
        <V> V value(Column<?, V> column) {
            String text = values.get(prefix + column.field());
            return ValueFormat.blank(text) ? null : column.format().parse(text.strip());
        }

        @Override
        Location locate(Column<?, ?> column) {
            return new Location(prefix + column.field(), 1, column.header());
        }
    }

    /** Where an element is on the form: its field name (the index is the entry's as the form numbered it). */
    record FormOrigin(Map<Sheet, List<Integer>> indices) implements Origin {

        @Override
        public Location of(Column<ImplementationListRow, ?> column) {
            return new Location(column.field(), 1, column.header());
        }

        @Override
        public Location of(Column<?, ?> column, int index) {
            Sheet list = column.sheet();
            int onForm = indices.getOrDefault(list, List.of()).size() > index ? indices.get(list).get(index) : index;
            return new Location(list.field() + "[" + onForm + "]." + column.field(), 1, column.header());
        }

        @Override
        public Location list(Sheet sheet) {
            return new Location(sheet.field(), 1, sheet.title());
        }
    }
}

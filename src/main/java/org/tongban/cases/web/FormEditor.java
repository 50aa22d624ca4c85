package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.tongban.cases.FieldType;
import org.tongban.cases.FormField;

/**
 * The form-based editor of an application form: one row of plain inputs per field, bound by Spring
 * ({@code fields[3].label}), with the lists typed as lines — choices as {@code VALUE|中文|English}, table columns as
 * {@code key|TYPE|中文|English|required} (a choice column adds {@code |V1=中文=English;V2=…}). What cannot be read is
 * reported under the field and never silently dropped.
 */
public class FormEditor {

    private List<Row> fields = new ArrayList<>();

    public List<Row> getFields() {
        return fields;
    }

    public void setFields(List<Row> fields) {
        this.fields = fields;
    }

    /** One field as typed in the editor. */
    public static class Row {

        private String key;
        private FieldType type;
        private String label;
        private String labelEn;
        private boolean required;
        private String help;
        private String helpEn;
        private String choices;
        private String prefill;
        private Integer maxLength;
        private String conditionField;
        private FormField.Operator conditionOperator;
        private String conditionValues;
        private String columns;
        private Integer maxRows;
        private Integer position;
        private boolean remove;

        boolean blank() {
            return isBlank(key) && isBlank(label) && isBlank(labelEn) && isBlank(choices) && isBlank(columns);
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public FieldType getType() {
            return type;
        }

        public void setType(FieldType type) {
            this.type = type;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }

        public String getLabelEn() {
            return labelEn;
        }

        public void setLabelEn(String labelEn) {
            this.labelEn = labelEn;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
        }

        public String getHelp() {
            return help;
        }

        public void setHelp(String help) {
            this.help = help;
        }

        public String getHelpEn() {
            return helpEn;
        }

        public void setHelpEn(String helpEn) {
            this.helpEn = helpEn;
        }

        public String getChoices() {
            return choices;
        }

        public void setChoices(String choices) {
            this.choices = choices;
        }

        public String getPrefill() {
            return prefill;
        }

        public void setPrefill(String prefill) {
            this.prefill = prefill;
        }

        public Integer getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(Integer maxLength) {
            this.maxLength = maxLength;
        }

        public String getConditionField() {
            return conditionField;
        }

        public void setConditionField(String conditionField) {
            this.conditionField = conditionField;
        }

        public FormField.Operator getConditionOperator() {
            return conditionOperator;
        }

        public void setConditionOperator(FormField.Operator conditionOperator) {
            this.conditionOperator = conditionOperator;
        }

        public String getConditionValues() {
            return conditionValues;
        }

        public void setConditionValues(String conditionValues) {
            this.conditionValues = conditionValues;
        }

        public String getColumns() {
            return columns;
        }

        public void setColumns(String columns) {
            this.columns = columns;
        }

        public Integer getMaxRows() {
            return maxRows;
        }

        public void setMaxRows(Integer maxRows) {
            this.maxRows = maxRows;
        }

        public Integer getPosition() {
            return position;
        }

        public void setPosition(Integer position) {
            this.position = position;
        }

        public boolean isRemove() {
            return remove;
        }

        public void setRemove(boolean remove) {
            this.remove = remove;
        }
    }

    /** A line of a list that could not be read: which field, which line. */
    public record LineProblem(String field, int line, String text) {
    }

    /** The editor showing a published form, plus one empty row to add a field. */
    static FormEditor of(List<FormField> fields) {
        FormEditor editor = new FormEditor();
        int position = 10;
        for (FormField field : fields) {
            Row row = new Row();
            row.key = field.key();
            row.type = field.type();
            row.label = field.label();
            row.labelEn = field.labelEn();
            row.required = field.required();
            row.help = field.help();
            row.helpEn = field.helpEn();
            row.choices = choiceLines(field.choices(), "|", "\n");
            row.prefill = field.prefill();
            row.maxLength = field.maxLength() > 0 ? field.maxLength() : null;
            if (field.shownWhen() != null) {
                row.conditionField = field.shownWhen().field();
                row.conditionOperator = field.shownWhen().operator();
                row.conditionValues = String.join("|", field.shownWhen().values());
            }
            row.columns = field.columns().stream().map(FormEditor::columnLine).collect(Collectors.joining("\n"));
            row.maxRows = field.maxRows() > 0 ? field.maxRows() : null;
            row.position = position;
            position += 10;
            editor.fields.add(row);
        }
        editor.withEmptyRow();
        return editor;
    }

    FormEditor withEmptyRow() {
        Row empty = new Row();
        empty.type = FieldType.TEXT;
        empty.position = fields.stream().map(Row::getPosition).filter(p -> p != null).max(Integer::compare)
                .orElse(0) + 10;
        fields.add(empty);
        return this;
    }

    /**
     * The fields as typed, in the order of their positions, without removed and empty rows; lines that could not be
     * read go to {@code problems}.
     */
    List<FormField> toFields(List<LineProblem> problems) {
        List<FormField> result = new ArrayList<>();
        List<Row> ordered = fields.stream().filter(r -> r != null && !r.remove && !r.blank())
                .sorted(Comparator.comparing(r -> r.position == null ? Integer.MAX_VALUE : r.position)).toList();
        for (Row row : ordered) {
            String name = isBlank(row.key) ? "?" : row.key.strip();
            List<FormField.Choice> choices = choices(row.choices, "\\|", "\\R", name, problems);
            List<FormField> columns = new ArrayList<>();
            List<String> columnLines = lines(row.columns, "\\R");
            for (int i = 0; i < columnLines.size(); i++) {
                FormField column = column(columnLines.get(i), name, i + 1, problems);
                if (column != null) {
                    columns.add(column);
                }
            }
            FormField.Condition condition = isBlank(row.conditionField) ? null
                    : new FormField.Condition(row.conditionField.strip(), row.conditionOperator,
                            lines(row.conditionValues, "\\|"));
            result.add(new FormField(name, row.type, trim(row.label), trim(row.labelEn), row.required,
                    trim(row.help), trim(row.helpEn), choices, trim(row.prefill),
                    row.maxLength == null ? 0 : row.maxLength, condition, columns,
                    row.maxRows == null ? 0 : row.maxRows));
        }
        return result;
    }

    private static FormField column(String line, String field, int number, List<LineProblem> problems) {
        String[] parts = line.split("\\|", -1);
        FieldType type = null;
        if (parts.length >= 3) {
            try {
                type = FieldType.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                type = null;
            }
        }
        if (type == null || parts.length > 6) {
            problems.add(new LineProblem(field, number, line));
            return null;
        }
        boolean required = parts.length > 4 && Arrays.asList("required", "*", "必填", "true", "是")
                .contains(parts[4].strip().toLowerCase(Locale.ROOT));
        List<FormField.Choice> choices = parts.length > 5
                ? choices(parts[5], "=", ";", field, problems) : List.of();
        return new FormField(parts[0].strip(), type, parts[2].strip(), parts.length > 3 ? trim(parts[3]) : null,
                required, null, null, choices, null, 0);
    }

    private static List<FormField.Choice> choices(String text, String partSeparator, String lineSeparator,
            String field, List<LineProblem> problems) {
        List<FormField.Choice> choices = new ArrayList<>();
        List<String> lines = lines(text, lineSeparator);
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(partSeparator, -1);
            if (parts.length < 2 || parts.length > 3) {
                problems.add(new LineProblem(field, i + 1, lines.get(i)));
                continue;
            }
            choices.add(new FormField.Choice(parts[0].strip(), parts[1].strip(),
                    parts.length > 2 ? trim(parts[2]) : null));
        }
        return choices;
    }

    private static String columnLine(FormField column) {
        String line = String.join("|", column.key(), column.type().name(), column.label(),
                column.labelEn() == null ? "" : column.labelEn(), column.required() ? "required" : "");
        return column.choices().isEmpty() ? line : line + "|" + choiceLines(column.choices(), "=", ";");
    }

    private static String choiceLines(List<FormField.Choice> choices, String partSeparator, String lineSeparator) {
        return choices.stream().map(c -> c.value() + partSeparator + c.label()
                + (c.labelEn() == null ? "" : partSeparator + c.labelEn())).collect(Collectors.joining(lineSeparator));
    }

    private static List<String> lines(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

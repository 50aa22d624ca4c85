package org.tongban.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application form of one version of an implementation item (versioned with the item, stored as data). An
 * administrator may correct the form of a published version: each correction is a new {@code revision}, and an
 * application keeps the revision it was submitted with.
 */
public record FormDefinition(String itemCode, int itemVersion, int revision, List<FormField> fields) {

    /** Keys are dotted names of letters and digits: {@code business.operatorId}. */
    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}(\\.[a-zA-Z][a-zA-Z0-9]{0,39}){0,3}");

    /** Column keys are single names: the cell key is {@code table.<row>.<column>}. */
    private static final Pattern COLUMN_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

    public static final int MAX_FIELDS = 100;

    public FormDefinition {
        fields = List.copyOf(fields);
    }

    public Optional<FormField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Every reason this form cannot be published, as {@link FieldProblem}s naming the field: keys well-formed and
     * unique, labels present, choices and columns complete, conditions referring to an earlier field with values it
     * can take. Empty when the form is fit to publish.
     */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (fields.isEmpty()) {
            problems.add(new FieldProblem("fields", "cases.form-definition.empty"));
        }
        if (fields.size() > MAX_FIELDS) {
            problems.add(new FieldProblem("fields", "cases.form-definition.too-many", MAX_FIELDS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FormField field = fields.get(i);
            String name = field.key() == null || field.key().isBlank() ? "#" + (i + 1) : field.key();
            if (field.key() == null || !KEY.matcher(field.key()).matches()) {
                problems.add(new FieldProblem(name, "cases.form-definition.key-invalid", name));
            } else if (!seen.add(field.key()) || clashes(field.key(), seen)) {
                problems.add(new FieldProblem(name, "cases.form-definition.key-duplicate", name));
            }
            if (field.type() == null) {
                problems.add(new FieldProblem(name, "cases.form-definition.type-missing", name));
                continue;
            }
            checkCommon(field, name, problems);
            if (field.type() == FieldType.TABLE) {
                checkColumns(field, name, problems);
            }
            if (field.shownWhen() != null) {
                checkCondition(field, name, fields.subList(0, i), problems);
            }
        }
        return problems;
    }

    /** Whether a key is the prefix of another (a value stored under {@code a.b} and a field {@code a.b.c}). */
    private static boolean clashes(String key, Set<String> seen) {
        return seen.stream().anyMatch(other -> !other.equals(key)
                && (other.startsWith(key + ".") || key.startsWith(other + ".")));
    }

    private static void checkCommon(FormField field, String name, List<FieldProblem> problems) {
        if (field.label() == null || field.label().isBlank()) {
            problems.add(new FieldProblem(name, "cases.form-definition.label-missing", name));
        }
        if (field.maxLength() < 0 || field.maxLength() > 4000) {
            problems.add(new FieldProblem(name, "cases.form-definition.max-length-range", name, 4000));
        }
        if (field.prefill() != null && !field.prefill().isBlank() && !FormField.PREFILLS.contains(field.prefill())) {
            problems.add(new FieldProblem(name, "cases.form-definition.prefill-unknown", name, field.prefill()));
        }
        if (field.type() == FieldType.CHOICE) {
            Set<String> values = new HashSet<>();
            if (field.choices().isEmpty()) {
                problems.add(new FieldProblem(name, "cases.form-definition.choices-missing", name));
            }
            for (FormField.Choice choice : field.choices()) {
                if (choice.value() == null || choice.value().isBlank() || choice.label() == null
                        || choice.label().isBlank()) {
                    problems.add(new FieldProblem(name, "cases.form-definition.choice-incomplete", name));
                } else if (!values.add(choice.value())) {
                    problems.add(new FieldProblem(name, "cases.form-definition.choice-duplicate", name,
                            choice.value()));
                }
            }
        } else if (!field.choices().isEmpty()) {
            problems.add(new FieldProblem(name, "cases.form-definition.choices-unexpected", name));
        }
        if (field.type() != FieldType.TABLE && !field.columns().isEmpty()) {
            problems.add(new FieldProblem(name, "cases.form-definition.columns-unexpected", name));
        }
    }

    private static void checkColumns(FormField table, String name, List<FieldProblem> problems) {
        if (table.columns().isEmpty()) {
            problems.add(new FieldProblem(name, "cases.form-definition.columns-missing", name));
        }
        if (table.maxRows() < 0 || table.maxRows() > 200) {
            problems.add(new FieldProblem(name, "cases.form-definition.max-rows-range", name, 200));
        }
        Set<String> keys = new HashSet<>();
        for (FormField column : table.columns()) {
            String columnName = name + "." + column.key();
            if (column.key() == null || !COLUMN_KEY.matcher(column.key()).matches()) {
                problems.add(new FieldProblem(name, "cases.form-definition.key-invalid", columnName));
            } else if (!keys.add(column.key())) {
                problems.add(new FieldProblem(name, "cases.form-definition.key-duplicate", columnName));
            }
            if (column.type() == null || !column.type().cell()) {
                problems.add(new FieldProblem(name, "cases.form-definition.column-type", columnName));
                continue;
            }
            if (column.shownWhen() != null || column.prefill() != null && !column.prefill().isBlank()) {
                problems.add(new FieldProblem(name, "cases.form-definition.column-rule", columnName));
            }
            checkCommon(column, columnName, problems);
        }
    }

    private static void checkCondition(FormField field, String name, List<FormField> earlier,
            List<FieldProblem> problems) {
        FormField.Condition condition = field.shownWhen();
        Optional<FormField> other = earlier.stream().filter(f -> f.key().equals(condition.field())).findFirst();
        if (other.isEmpty() || other.get().type() == FieldType.TABLE || other.get().type() == FieldType.ADDRESS) {
            problems.add(new FieldProblem(name, "cases.form-definition.condition-field", name, condition.field()));
            return;
        }
        if (condition.operator() == null) {
            problems.add(new FieldProblem(name, "cases.form-definition.condition-operator", name));
            return;
        }
        FormField on = other.get();
        switch (condition.operator()) {
            case EQUALS, NOT_EQUALS -> {
                if (condition.values().isEmpty()) {
                    problems.add(new FieldProblem(name, "cases.form-definition.condition-values", name));
                }
                if (on.type() == FieldType.CHOICE) {
                    condition.values().stream()
                            .filter(v -> on.choices().stream().noneMatch(c -> c.value().equals(v)))
                            .forEach(v -> problems.add(new FieldProblem(name,
                                    "cases.form-definition.condition-choice", name, v, on.key())));
                }
            }
            case GREATER_THAN -> {
                boolean numeric = on.type() == FieldType.NUMBER || on.type() == FieldType.MONEY;
                if (!numeric || condition.values().size() != 1 || !number(condition.values().getFirst())) {
                    problems.add(new FieldProblem(name, "cases.form-definition.condition-number", name));
                }
            }
            case FILLED -> {
            }
        }
    }

    private static boolean number(String value) {
        try {
            new BigDecimal(value.strip());
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}

package org.tongban.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.tongban.identity.PhoneNumber;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * The one set of rules for form values, used by the page (on each change and on submission), the API and the
 * submission itself. Values are normalized (trimmed, codes upper-cased) so what is stored is what was checked.
 */
public final class FormValidation {

    private FormValidation() {
    }

    /**
     * The keys a field's values are stored under: one, two for an address, and for a table one per cell of every
     * row present in {@code values}.
     */
    public static List<String> keys(FormField field, Map<String, String> values) {
        return switch (field.type()) {
            case ADDRESS -> List.of(field.key() + ".division", field.key() + ".detail");
            case TABLE -> {
                List<String> keys = new ArrayList<>();
                for (int row = 0; row < rows(field, values); row++) {
                    for (FormField column : field.columns()) {
                        keys.add(field.cellKey(row, column));
                    }
                }
                yield keys;
            }
            default -> List.of(field.key());
        };
    }

    /**
     * How many rows of a table {@code values} hold: one more than the highest row index any cell is stored under
     * (rows in between may be empty), never more than the table's maximum.
     */
    public static int rows(FormField table, Map<String, String> values) {
        String prefix = table.key() + ".";
        int rows = 0;
        for (String key : values.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            int dot = key.indexOf('.', prefix.length());
            if (dot < 0) {
                continue;
            }
            try {
                int row = Integer.parseInt(key.substring(prefix.length(), dot));
                if (row >= 0 && row < table.maxRowsOrDefault()) {
                    rows = Math.max(rows, row + 1);
                }
            } catch (NumberFormatException e) {
                // not a cell of this table
            }
        }
        return rows;
    }

    /** Whether a row of a table has any cell filled in. */
    public static boolean filled(FormField table, int row, Map<String, String> values) {
        return table.columns().stream().anyMatch(c -> blankToNull(values.get(table.cellKey(row, c))) != null);
    }

    /** Whether the field applies to these values: no condition, or its condition holds on the other field. */
    public static boolean applies(FormField field, Map<String, String> values) {
        return field.shownWhen() == null || field.shownWhen().holds(values.get(field.shownWhen().field()));
    }

    /**
     * Keeps only keys the form knows, trimmed; nothing typed is otherwise changed (drafts keep invalid values, and
     * values of fields that do not apply now, in case the applicant changes the answer they depend on back).
     */
    public static Map<String, String> clean(FormDefinition form, Map<String, String> values) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            for (String key : keys(field, values)) {
                String value = values.get(key);
                if (value != null) {
                    kept.put(key, value.strip());
                }
            }
        }
        return kept;
    }

    /** {@code values} with every cell of one row of a table emptied (the applicant removed the row). */
    public static Map<String, String> withoutRow(FormDefinition form, Map<String, String> values, String table,
            int row) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        form.field(table).filter(f -> f.type() == FieldType.TABLE)
                .ifPresent(f -> f.columns().forEach(c -> changed.put(f.cellKey(row, c), "")));
        return changed;
    }

    /** Every problem with {@code values} against the form; empty when all is well. */
    public static List<FieldProblem> validate(FormDefinition form, Map<String, String> values,
            Predicate<DivisionCode> divisionExists) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FormField field : form.fields()) {
            problems.addAll(problems(field, values, divisionExists));
        }
        return problems;
    }

    /**
     * Every problem with one field's values: none when the field does not apply; for a table, one per wrong cell
     * (under the cell's key) and one under the table's key when a required table has no row.
     */
    public static List<FieldProblem> problems(FormField field, Map<String, String> values,
            Predicate<DivisionCode> divisionExists) {
        if (!applies(field, values)) {
            return List.of();
        }
        if (field.type() != FieldType.TABLE) {
            FieldProblem problem = validate(field, values, divisionExists);
            return problem == null ? List.of() : List.of(problem);
        }
        List<FieldProblem> problems = new ArrayList<>();
        int filledRows = 0;
        for (int row = 0; row < rows(field, values); row++) {
            if (!filled(field, row, values)) {
                continue;
            }
            filledRows++;
            for (FormField column : field.columns()) {
                FormField cell = new FormField(field.cellKey(row, column), column.type(), column.label(),
                        column.labelEn(), column.required(), null, null, column.choices(), null, column.maxLength());
                FieldProblem problem = validate(cell, values, divisionExists);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        if (filledRows == 0 && field.required()) {
            problems.add(new FieldProblem(field.key(), "cases.field.rows-required", field.label()));
        }
        return problems;
    }

    /** The problem with the value of one field that is not a table (nor ignores its condition), or {@code null}. */
    private static FieldProblem validate(FormField field, Map<String, String> values,
            Predicate<DivisionCode> divisionExists) {
        if (field.type() == FieldType.ADDRESS) {
            String division = blankToNull(values.get(field.key() + ".division"));
            String detail = blankToNull(values.get(field.key() + ".detail"));
            if (division == null && detail == null) {
                return field.required() ? new FieldProblem(field.key(), "cases.field.required", field.label()) : null;
            }
            if (division == null) {
                return new FieldProblem(field.key() + ".division", "cases.field.division-missing");
            }
            try {
                DivisionCode code = DivisionCode.of(division);
                if (!divisionExists.test(code)) {
                    return new FieldProblem(field.key() + ".division", "cases.field.division-unknown", division);
                }
            } catch (InvalidValueException e) {
                return new FieldProblem(field.key() + ".division", e.code(), e.arguments());
            }
            if (detail == null) {
                return new FieldProblem(field.key() + ".detail", "cases.field.address-detail-missing");
            }
            if (detail.length() > field.maxLengthOrDefault()) {
                return new FieldProblem(field.key() + ".detail", "cases.field.too-long", field.maxLengthOrDefault());
            }
            return null;
        }
        String value = blankToNull(values.get(field.key()));
        if (value == null) {
            return field.required() ? new FieldProblem(field.key(), "cases.field.required", field.label()) : null;
        }
        try {
            switch (field.type()) {
                case TEXT -> {
                    if (value.length() > field.maxLengthOrDefault()) {
                        return new FieldProblem(field.key(), "cases.field.too-long", field.maxLengthOrDefault());
                    }
                }
                case NUMBER -> {
                    try {
                        new BigDecimal(value);
                    } catch (NumberFormatException e) {
                        return new FieldProblem(field.key(), "cases.field.number", value);
                    }
                }
                case MONEY -> {
                    try {
                        BigDecimal amount = new BigDecimal(value);
                        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2
                                || amount.compareTo(new BigDecimal("1000000000000")) >= 0) {
                            return new FieldProblem(field.key(), "cases.field.money", value);
                        }
                    } catch (NumberFormatException e) {
                        return new FieldProblem(field.key(), "cases.field.money", value);
                    }
                }
                case DATE -> {
                    try {
                        LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        return new FieldProblem(field.key(), "cases.field.date", value);
                    }
                }
                case CHOICE -> {
                    if (field.choices().stream().noneMatch(c -> c.value().equals(value))) {
                        return new FieldProblem(field.key(), "cases.field.choice", value);
                    }
                }
                case ID_NUMBER -> CitizenIdNumber.of(value);
                case CREDIT_CODE -> UnifiedSocialCreditCode.of(value);
                case PHONE -> new PhoneNumber(value);
                case ADDRESS, TABLE -> throw new IllegalStateException(field.type().name());
            }
        } catch (InvalidValueException e) {
            return new FieldProblem(field.key(), e.code(), e.arguments());
        }
        return null;
    }

    /**
     * The values as stored after a successful check: only fields that apply, codes in upper case, phone digits only,
     * and a table's filled rows numbered from 0 without gaps.
     */
    public static Map<String, String> normalize(FormDefinition form, Map<String, String> values) {
        Map<String, String> cleaned = clean(form, values);
        Map<String, String> normalized = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            if (!applies(field, cleaned)) {
                continue;
            }
            if (field.type() == FieldType.TABLE) {
                int target = 0;
                for (int row = 0; row < rows(field, cleaned); row++) {
                    if (!filled(field, row, cleaned)) {
                        continue;
                    }
                    for (FormField column : field.columns()) {
                        String value = blankToNull(cleaned.get(field.cellKey(row, column)));
                        if (value != null) {
                            normalized.put(field.cellKey(target, column), normalized(column.type(), value));
                        }
                    }
                    target++;
                }
                continue;
            }
            for (String key : keys(field, cleaned)) {
                String value = cleaned.get(key);
                if (value != null) {
                    normalized.put(key, field.type() == FieldType.ADDRESS ? value : normalized(field.type(), value));
                }
            }
        }
        return normalized;
    }

    private static String normalized(FieldType type, String value) {
        if (value.isBlank()) {
            return value;
        }
        return switch (type) {
            case ID_NUMBER, CREDIT_CODE -> value.toUpperCase(Locale.ROOT);
            case PHONE -> new PhoneNumber(value).value();
            default -> value;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

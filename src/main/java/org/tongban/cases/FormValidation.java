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

    /** The keys a field's values are stored under: one, or two for an address. */
    public static List<String> keys(FormField field) {
        return field.type() == FieldType.ADDRESS ? List.of(field.key() + ".division", field.key() + ".detail")
                : List.of(field.key());
    }

    /** Keeps only keys the form knows, trimmed; nothing typed is otherwise changed (drafts keep invalid values). */
    public static Map<String, String> clean(FormDefinition form, Map<String, String> values) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            for (String key : keys(field)) {
                String value = values.get(key);
                if (value != null) {
                    kept.put(key, value.strip());
                }
            }
        }
        return kept;
    }

    /** Every problem with {@code values} against the form; empty when all is well. */
    public static List<FieldProblem> validate(FormDefinition form, Map<String, String> values,
            Predicate<DivisionCode> divisionExists) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FormField field : form.fields()) {
            FieldProblem problem = validate(field, values, divisionExists);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** The problem with one field's value, or {@code null}. */
    public static FieldProblem validate(FormField field, Map<String, String> values,
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
                case ADDRESS -> throw new IllegalStateException();
            }
        } catch (InvalidValueException e) {
            return new FieldProblem(field.key(), e.code(), e.arguments());
        }
        return null;
    }

    /** The value as stored after a successful check: codes in upper case, phone digits only. */
    public static Map<String, String> normalize(FormDefinition form, Map<String, String> values) {
        Map<String, String> normalized = clean(form, values);
        for (FormField field : form.fields()) {
            String value = blankToNull(normalized.get(field.key()));
            if (value == null) {
                continue;
            }
            switch (field.type()) {
                case ID_NUMBER, CREDIT_CODE -> normalized.put(field.key(), value.toUpperCase(Locale.ROOT));
                case PHONE -> normalized.put(field.key(), new PhoneNumber(value).value());
                default -> {
                }
            }
        }
        return normalized;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

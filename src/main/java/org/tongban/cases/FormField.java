package org.tongban.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One field of an application form (申请表), stored as data with the item version. Labels and help come in Chinese
 * and English because they are data an administrator writes, not message-bundle text.
 *
 * @param key the stable name of the value ({@code applicant.phone})
 * @param prefill where the value comes from when a draft starts, one of {@link #PREFILLS}, or {@code null}
 * @param maxLength the longest text accepted ({@code 0}: the default of 200)
 * @param shownWhen the condition under which the field applies at all ({@code null}: always); a field that does not
 *        apply is neither required nor checked, and its values are not part of the submitted application
 * @param columns the columns of a {@link FieldType#TABLE} (each a field of a cell type; empty otherwise)
 * @param maxRows the most rows a {@link FieldType#TABLE} takes ({@code 0}: the default of 20)
 */
public record FormField(String key, FieldType type, String label, String labelEn, Boolean required, String help,
        String helpEn, List<Choice> choices, String prefill, Integer maxLength, Condition shownWhen,
        List<FormField> columns, Integer maxRows) {

    public static final int DEFAULT_MAX_LENGTH = 200;

    public static final int DEFAULT_MAX_ROWS = 20;

    /**
     * The sources a field may be prefilled from when a draft starts: the account, the company the person acts for,
     * and through the data-sharing exchange the population data about the applicant and the legal-person data about
     * the company (an address field takes the address and its division).
     */
    public static final List<String> PREFILLS = List.of("account.name", "company.name", "company.creditCode",
            "population.name", "population.sex", "population.birthDate", "population.ethnicity",
            "population.address", "population.maritalStatus", "legalPerson.name", "legalPerson.kind",
            "legalPerson.legalRepresentative", "legalPerson.registeredCapital", "legalPerson.establishedOn",
            "legalPerson.address");

    /**
     * Optional parts default when absent (the API and older stored forms may omit them; Jackson 3 would otherwise
     * refuse a missing primitive), so no component is ever {@code null} but the texts and the condition.
     */
    public FormField {
        required = required != null && required;
        maxLength = maxLength == null ? 0 : maxLength;
        maxRows = maxRows == null ? 0 : maxRows;
        choices = choices == null ? List.of() : List.copyOf(choices);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** A field without condition or columns (the common case). */
    public FormField(String key, FieldType type, String label, String labelEn, boolean required, String help,
            String helpEn, List<Choice> choices, String prefill, int maxLength) {
        this(key, type, label, labelEn, required, help, helpEn, choices, prefill, maxLength, null, List.of(), 0);
    }

    /** One allowed value of a {@link FieldType#CHOICE} field. */
    public record Choice(String value, String label, String labelEn) {

        public String label(Locale locale) {
            return english(locale) && labelEn != null ? labelEn : label;
        }
    }

    /** How a condition compares the other field's value. */
    public enum Operator {
        /** The value is one of {@code values}. */
        EQUALS,
        /** The value is filled and none of {@code values}. */
        NOT_EQUALS,
        /** The value is a number greater than {@code values[0]} (e.g. an amount that needs more review). */
        GREATER_THAN,
        /** The value is filled in. */
        FILLED
    }

    /** "Applies when the field {@code field} …": a rule on an earlier field's value. */
    public record Condition(String field, Operator operator, List<String> values) {

        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
        }

        /** Whether the condition holds for the other field's (trimmed) value, {@code null} when empty. */
        public boolean holds(String value) {
            if (value == null || value.isBlank()) {
                return false;
            }
            String v = value.strip();
            return switch (operator) {
                case EQUALS -> values.contains(v);
                case NOT_EQUALS -> !values.contains(v);
                case FILLED -> true;
                case GREATER_THAN -> {
                    try {
                        yield !values.isEmpty() && new BigDecimal(v).compareTo(new BigDecimal(values.getFirst())) > 0;
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                }
            };
        }
    }

    public String label(Locale locale) {
        return english(locale) && labelEn != null ? labelEn : label;
    }

    public String help(Locale locale) {
        return english(locale) && helpEn != null ? helpEn : help;
    }

    public int maxLengthOrDefault() {
        return maxLength > 0 ? maxLength : DEFAULT_MAX_LENGTH;
    }

    public int maxRowsOrDefault() {
        return maxRows > 0 ? maxRows : DEFAULT_MAX_ROWS;
    }

    /** The key of one cell of a {@link FieldType#TABLE}: {@code key.<row>.<column>}. */
    public String cellKey(int row, FormField column) {
        return key + "." + row + "." + column.key();
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}

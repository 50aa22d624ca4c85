package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.tongban.cases.FieldType;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.FormField;
import org.tongban.cases.FormValidation;

/**
 * What the form fragment ({@code cases/fragments :: field}) needs besides the fields: the values and errors, the
 * division picker, which rows of each table to show, and the sentence that explains each field's condition. Used by
 * the applicant's form and by the administrator's preview of a form definition.
 */
@Component
class FormRendering {

    private final DivisionChoices divisions;
    private final MessageSource messages;

    FormRendering(DivisionChoices divisions, MessageSource messages) {
        this.divisions = divisions;
        this.messages = messages;
    }

    /**
     * @param addedRowTo the key of a table the person asked for one more empty row in, or {@code null}
     */
    void addTo(Model model, FormDefinition form, Map<String, String> values, Map<String, String> errors,
            String addedRowTo, Locale locale) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("cities", divisions.cities());
        model.addAttribute("tableRows", tableRows(form, values, addedRowTo));
        model.addAttribute("conditionHints", conditionHints(form, locale));
    }

    /**
     * The rows to show per table: every row with something typed in, then one empty row to type a new one into (two
     * after "add a row"), within the table's maximum.
     */
    static Map<String, List<Integer>> tableRows(FormDefinition form, Map<String, String> values, String addedRowTo) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            if (field.type() != FieldType.TABLE) {
                continue;
            }
            int present = FormValidation.rows(field, values);
            List<Integer> shown = new ArrayList<>();
            for (int row = 0; row < present; row++) {
                if (FormValidation.filled(field, row, values)) {
                    shown.add(row);
                }
            }
            int empty = field.key().equals(addedRowTo) ? 2 : 1;
            for (int row = present; row < present + empty && row < field.maxRowsOrDefault(); row++) {
                shown.add(row);
            }
            rows.put(field.key(), shown);
        }
        return rows;
    }

    /** "仅当「组成形式」为「家庭经营」时填写", by field key, for fields with a condition. */
    Map<String, String> conditionHints(FormDefinition form, Locale locale) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            FormField.Condition condition = field.shownWhen();
            if (condition == null || condition.operator() == null) {
                continue;
            }
            Optional<FormField> other = form.field(condition.field());
            String label = other.map(f -> f.label(locale)).orElse(condition.field());
            String listed = condition.values().stream()
                    .map(v -> other.flatMap(f -> f.choices().stream().filter(c -> c.value().equals(v)).findFirst())
                            .map(c -> c.label(locale)).orElse(v))
                    .collect(Collectors.joining(messages.getMessage("cases.form.condition.or", null, " / ", locale)));
            hints.put(field.key(), messages.getMessage("cases.form.condition." + condition.operator(),
                    new Object[] { label, listed }, locale));
        }
        return hints;
    }
}

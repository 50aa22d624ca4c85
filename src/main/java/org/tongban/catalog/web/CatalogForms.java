package org.tongban.catalog.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ui.Model;
import org.tongban.catalog.internal.transfer.ImplementationItemForm;

/** What the catalogue's item forms (basic and implementation items) show besides their own fields. */
final class CatalogForms {

    private CatalogForms() {
    }

    /**
     * The repeatable lists (materials, steps, fees, questions) with the next index of each for the "add" button,
     * the values and errors, and the error summary's links to each field (WCAG 3.3.1; ids as
     * {@link ImplementationItemForm.Field#id()} makes them, the form itself for an error of the whole item).
     */
    static void model(Model model, Map<String, String> values, Map<String, String> errors, boolean editing) {
        Map<String, List<List<ImplementationItemForm.Field>>> entries = new LinkedHashMap<>();
        Map<String, Integer> next = new LinkedHashMap<>();
        ImplementationItemForm.entryIndices(values).forEach((list, indices) -> {
            entries.put(list, indices.stream().map(i -> ImplementationItemForm.entryFields(list, i)).toList());
            next.put(list, indices.getLast() + 1);
        });
        model.addAttribute("entries", entries);
        model.addAttribute("next", next);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        Map<String, String> links = new LinkedHashMap<>();
        errors.forEach((field, message) -> links.put(field.isEmpty() ? "form-errors"
                : "f-" + field.replace('[', '-').replace("]", "").replace('.', '-'), message));
        model.addAttribute("errorLinks", links);
        model.addAttribute("editing", editing);
    }
}

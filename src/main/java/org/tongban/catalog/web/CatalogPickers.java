package org.tongban.catalog.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.catalog.Catalog;
import org.tongban.identity.SignedIn;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;

/**
 * Suggestions for the implementation item form's code fields (basic item, division, implementing body), so that an
 * administrator picks by name instead of looking codes up: htmx asks with what has been typed into the field, and the
 * answer replaces the field's {@code <datalist>} (native, so keyboards, screen readers and phones handle it). Only
 * divisions and bodies within the administrator's own division are offered; typing a code by hand still works.
 */
@Controller
class CatalogPickers {

    private static final int LIMIT = 20;

    private final Catalog catalog;
    private final Organization organization;

    CatalogPickers(Catalog catalog, Organization organization) {
        this.catalog = catalog;
        this.organization = organization;
    }

    /** A suggestion: the value the field takes and what the administrator reads. */
    record Choice(String value, String label) {
    }

    @GetMapping("/admin/catalog/items/pick/{field}")
    String pick(@AuthenticationPrincipal SignedIn admin, @PathVariable String field,
            @RequestParam MultiValueMap<String, String> params, Model model) {
        String typed = params.getFirst(field);
        String text = typed == null ? "" : typed.strip();
        DivisionCode scope = DivisionCode.of(admin.staffDivision());
        List<Choice> choices = text.isEmpty() ? List.of() : switch (field) {
            case "basicCode" -> catalog.findBasicItems(text, LIMIT).stream()
                    .map(b -> new Choice(b.code(), b.name())).toList();
            case "divisionCode" -> organization.searchDivisions(text, scope, LIMIT).stream()
                    .map(d -> new Choice(d.code(), d.fullName())).toList();
            case "bodyCreditCode" -> organization.searchBodies(text, scope, LIMIT).stream()
                    .map(b -> new Choice(b.creditCode(), b.name() + " · " + b.divisionName())).toList();
            default -> throw new InvalidFieldException("field",
                    new InvalidValueException("platform.parameter.invalid", field, field));
        };
        model.addAttribute("pickerId", "f-" + field + "-options");
        model.addAttribute("choices", choices);
        return "catalog/item-form :: picker-options";
    }
}

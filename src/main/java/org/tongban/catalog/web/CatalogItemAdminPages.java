package org.tongban.catalog.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemEditing;
import org.tongban.catalog.ItemPublication;
import org.tongban.catalog.internal.transfer.ImplementationItemForm;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.platform.web.Problems;
import org.tongban.shared.DivisionCode;

/**
 * The catalogue administrator's pages for one implementation item: the form that creates or edits it (every guide
 * element, repeatable rows for materials, steps, fees and questions), its history with per-element diffs between
 * versions, and suspension (暂停), resumption and repeal (取消) with a reason. Role CATALOG_ADMIN (security rules for
 * /admin/catalog); every action is limited to the administrator's division and below.
 */
@Controller
@RequestMapping("/admin/catalog/items")
class CatalogItemAdminPages {

    private final ItemEditing editing;
    private final ItemPublication publication;
    private final MessageSource messages;
    private final Problems problems;
    private final CatalogLabels labels;

    CatalogItemAdminPages(ItemEditing editing, ItemPublication publication, MessageSource messages,
            Problems problems, CatalogLabels labels) {
        this.editing = editing;
        this.publication = publication;
        this.messages = messages;
        this.problems = problems;
        this.labels = labels;
    }

    private static DivisionCode scope(SignedIn admin) {
        return DivisionCode.of(admin.staffDivision());
    }

    @GetMapping("/new")
    String create(@RequestParam(required = false) String basicCode, Model model) {
        Map<String, String> values = new HashMap<>();
        if (basicCode != null) {
            values.put("basicCode", basicCode);
        }
        values.put("assuranceLevel", "L2");
        return form(values, Map.of(), false, model);
    }

    @GetMapping("/{code}/edit")
    String edit(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, Model model) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        return form(editing.values(implementation, scope(admin)), Map.of(), true, model);
    }

    @PostMapping
    String save(@AuthenticationPrincipal SignedIn admin, @RequestParam MultiValueMap<String, String> params,
            Model model, HttpServletResponse response, Locale locale) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, list) -> {
            if (!name.equals("_csrf") && !name.equals("editing") && !list.isEmpty()) {
                values.put(name, list.getFirst());
            }
        });
        ItemEditing.Outcome outcome = editing.save(values, scope(admin), admin.accountId());
        if (outcome.accepted()) {
            return "redirect:/admin/catalog/items/" + outcome.saved().code() + "/history?saved="
                    + outcome.saved().version();
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, String> errors = new LinkedHashMap<>();
        for (ImportProblem problem : outcome.problems()) {
            String field = problem.row() == 0 ? "" : problem.sheet();
            errors.merge(field, problem.message(messages, locale), (a, b) -> a + " " + b);
        }
        return form(values, errors, "true".equals(params.getFirst("editing")), model);
    }

    /** One more (empty) entry of a list, for htmx; the "add" button comes back with the next index. */
    @GetMapping("/form/{list}")
    String entry(@PathVariable String list, @RequestParam int index, Model model) {
        if (!List.of("materials", "process", "fees", "faq").contains(list) || index < 0 || index > 500) {
            throw new InvalidFieldException("list", new org.tongban.shared.InvalidValueException(
                    "platform.parameter.invalid", list, list));
        }
        model.addAttribute("list", list);
        model.addAttribute("index", index);
        model.addAttribute("fields", ImplementationItemForm.entryFields(list, index));
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        model.addAttribute("editing", false);
        return "catalog/item-form :: added-entry";
    }

    private String form(Map<String, String> values, Map<String, String> errors, boolean editingExisting,
            Model model) {
        model.addAttribute("fields", ImplementationItemForm.itemFields());
        CatalogForms.model(model, values, errors, editingExisting);
        return "catalog/item-form";
    }

    @GetMapping("/lookup")
    String lookup(@RequestParam String code) {
        ImplementationCode implementation = InvalidFieldException.parse("code",
                () -> ImplementationCode.of(code.strip()));
        return "redirect:/admin/catalog/items/" + implementation.value() + "/history";
    }

    @GetMapping("/{code}/history")
    String history(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, Model model,
            Locale locale) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        ItemPublication.History history = publication.history(implementation, scope(admin));
        model.addAttribute("history", history);
        // What stands between each waiting version and publication (同一标准), in the reader's language.
        Map<Integer, List<String>> deviations = new LinkedHashMap<>();
        history.versions().stream().filter(v -> v.status().equals("DRAFT") || v.status().equals("SUBMITTED"))
                .forEach(v -> deviations.put(v.version(), publication.deviations(v.id(), scope(admin)).stream()
                        .map(d -> messages.getMessage(d.code(), d.arguments().toArray(), d.code(), locale))
                        .toList()));
        model.addAttribute("deviations", deviations);
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return "catalog/item-history";
    }

    @GetMapping("/{code}/diff")
    String diff(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, @RequestParam int from,
            @RequestParam int to, Model model, Locale locale) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        model.addAttribute("history", publication.history(implementation, scope(admin)));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("changes", publication.diff(implementation, from, to, scope(admin),
                value -> labels.label(value, locale)));
        return "catalog/item-diff";
    }

    @PostMapping("/{code}/suspend")
    String suspend(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestParam(required = false) String reason) {
        publication.suspend(parse(code), reason, admin.accountId(), scope(admin));
        return "redirect:/admin/catalog/items/" + code + "/history?suspended";
    }

    @PostMapping("/{code}/resume")
    String resume(@AuthenticationPrincipal SignedIn admin, @PathVariable String code) {
        publication.resume(parse(code), admin.accountId(), scope(admin));
        return "redirect:/admin/catalog/items/" + code + "/history?resumed";
    }

    @PostMapping("/{code}/repeal")
    String repeal(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestParam(required = false) String reason) {
        publication.repeal(parse(code), reason, admin.accountId(), scope(admin));
        return "redirect:/admin/catalog/items/" + code + "/history?repealed";
    }

    @ExceptionHandler
    ModelAndView wrongStatus(ItemPublication.WrongStatus e, Locale locale) {
        String message = messages.getMessage(e.code(), new Object[] { e.status() }, e.code(), locale);
        return problems.page(HttpStatus.CONFLICT, e.code(), message, List.of());
    }

    private static ImplementationCode parse(String code) {
        return InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
    }
}

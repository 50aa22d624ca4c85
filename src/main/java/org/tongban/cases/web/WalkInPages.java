package org.tongban.cases.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.CasesProperties;
import org.tongban.cases.FieldProblem;
import org.tongban.cases.IncompleteApplicationException;
import org.tongban.cases.WalkInFiling;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;

/**
 * 窗口收件: the window officer's pages to file an application for a person at the counter — identify the person,
 * fill the item's form, scan the materials, submit — then the case opens in the acceptance page.
 */
@Controller
class WalkInPages {

    private static final java.util.regex.Pattern FIELD_KEY = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9.]{0,170}");

    private final WalkInFiling walkIns;
    private final FormRendering rendering;
    private final MessageSource messages;
    private final CasesProperties properties;

    WalkInPages(WalkInFiling walkIns, FormRendering rendering, MessageSource messages, CasesProperties properties) {
        this.walkIns = walkIns;
        this.rendering = rendering;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping("/workbench/walk-ins")
    String start(@AuthenticationPrincipal SignedIn officer, Model model) {
        return startPage(officer, Map.of(), Map.of(), model);
    }

    /** Starts the application; bad input comes back (422) with every error and everything typed. */
    @PostMapping("/workbench/walk-ins")
    String create(@RequestParam Map<String, String> form, @AuthenticationPrincipal SignedIn officer, Locale locale,
            Model model, HttpServletResponse response) {
        String hall = form.getOrDefault("hallId", "");
        try {
            UUID hallId = hall.isBlank() ? null : InvalidFieldException.parse("hallId", () -> UUID.fromString(hall));
            WalkInFiling.Started started = walkIns.start(officer, new WalkInFiling.Start(form.get("itemCode"),
                    form.get("name"), form.get("idNumber"), form.get("phone"), hallId, form.get("window"),
                    form.get("creditCode")),
                    form.get("startKey"));
            return "redirect:/workbench/walk-ins/" + started.id();
        } catch (IncompleteApplicationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.putIfAbsent(p.field(), message(p, locale));
            }
            response.setStatus(422);
            return startPage(officer, form, errors, model);
        }
    }

    private String startPage(SignedIn officer, Map<String, String> typed, Map<String, String> errors, Model model) {
        model.addAttribute("items", walkIns.items(officer));
        model.addAttribute("halls", walkIns.halls(officer));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        // A retried start (double click, resent form) answers the same application.
        model.addAttribute("startKey", typed.getOrDefault("startKey", UUID.randomUUID().toString()));
        return "cases/walk-in-start";
    }

    @GetMapping("/workbench/walk-ins/{id}")
    String edit(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Model model, Locale locale) {
        WalkInFiling.WalkInView view = walkIns.view(officer, id);
        if (!view.application().status().editable()) {
            return "redirect:/workbench/cases/" + id;
        }
        return form(view, Map.of(), model, locale);
    }

    /** Saves what was typed (valid or not), and the table buttons' add and remove a row. */
    @PostMapping("/workbench/walk-ins/{id}")
    String save(@PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(name = "_addRow", required = false) String addRow,
            @RequestParam(name = "_removeRow", required = false) String removeRow,
            @AuthenticationPrincipal SignedIn officer, RedirectAttributes redirect) {
        int colon = removeRow == null ? -1 : removeRow.lastIndexOf(':');
        if (colon > 0 && FIELD_KEY.matcher(removeRow.substring(0, colon)).matches()) {
            String table = removeRow.substring(0, colon);
            int row = InvalidFieldException.parse("_removeRow", () -> Integer.parseInt(removeRow.substring(colon + 1)));
            walkIns.removeRow(officer, id, values, table, row);
            return "redirect:/workbench/walk-ins/" + id + "#f-" + table.replace('.', '-');
        }
        walkIns.save(officer, id, values);
        if (addRow != null && FIELD_KEY.matcher(addRow).matches()) {
            redirect.addFlashAttribute("addedRowTo", addRow);
            return "redirect:/workbench/walk-ins/" + id + "#f-" + addRow.replace('.', '-');
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/workbench/walk-ins/" + id;
    }

    /** Saves and submits through the hall window; on to the acceptance page, where the officer may accept at once. */
    @PostMapping("/workbench/walk-ins/{id}/submit")
    String submit(@PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(required = false) String idempotencyKey, @AuthenticationPrincipal SignedIn officer,
            Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        WalkInFiling.WalkInView saved = walkIns.view(officer, id);
        if (saved.application().status().editable()) {
            saved = walkIns.save(officer, id, values);
        }
        try {
            Applications.Submitted submitted = walkIns.submit(officer, id, idempotencyKey);
            redirect.addFlashAttribute("walkInNumber", submitted.caseNumber());
            return "redirect:/workbench/cases/" + id;
        } catch (IncompleteApplicationException e) {
            Map<String, String> errors = new HashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.put(p.field(), message(p, locale));
            }
            response.setStatus(422);
            return form(saved, errors, model, locale);
        }
    }

    @PostMapping("/workbench/walk-ins/{id}/materials/{index}")
    String upload(@PathVariable UUID id, @PathVariable int index, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean add,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) throws IOException {
        try {
            walkIns.upload(officer, id, index, file.getOriginalFilename(), file.getBytes(), add);
            redirect.addFlashAttribute("uploaded", index);
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("uploadError", index);
            redirect.addFlashAttribute("uploadMessage", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "redirect:/workbench/walk-ins/" + id + "#material-" + index;
    }

    @PostMapping("/workbench/walk-ins/{id}/materials/{index}/delete")
    String removeMaterial(@PathVariable UUID id, @PathVariable int index, @AuthenticationPrincipal SignedIn officer) {
        walkIns.removeMaterial(officer, id, index);
        return "redirect:/workbench/walk-ins/" + id + "#material-" + index;
    }

    @GetMapping("/workbench/walk-ins/{id}/materials/{material}")
    ResponseEntity<InputStreamResource> material(@PathVariable UUID id, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn officer) {
        return ApplicantPages.inline(walkIns.material(officer, id, material));
    }

    private String form(WalkInFiling.WalkInView view, Map<String, String> errors, Model model, Locale locale) {
        model.addAttribute("walkIn", view);
        model.addAttribute("view", view.application());
        rendering.addTo(model, view.application().form(), view.application().values(), errors,
                (String) model.getAttribute("addedRowTo"), locale);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("maxSizeMb", properties.materials().maxSize().toMegabytes());
        return "cases/walk-in-form";
    }

    private String message(FieldProblem p, Locale locale) {
        return messages.getMessage(p.code(), p.arguments(), p.code(), locale);
    }
}

package org.tongban.cases.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.CaseDocumentKind;
import org.tongban.cases.CaseDocuments;
import org.tongban.cases.CasesProperties;
import org.tongban.cases.Channel;
import org.tongban.cases.FieldProblem;
import org.tongban.cases.FormValidation;
import org.tongban.cases.IncompleteApplicationException;
import org.tongban.cases.OnceOnlyMaterials;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.platform.documents.PdfDownload;
import org.tongban.platform.web.InvalidFieldException;

/**
 * The applicant's pages: start an application from a guide, fill in the form (saved explicitly and automatically),
 * upload materials, submit, and follow every case in "my cases" (我的办件).
 */
@Controller
class ApplicantPages {

    /** What a table's key may look like (it goes into the redirect's fragment): anything else is ignored. */
    private static final java.util.regex.Pattern FIELD_KEY = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9.]{0,170}");

    private final Applications applications;
    private final FormRendering rendering;
    private final MessageSource messages;
    private final CasesProperties properties;
    private final org.tongban.cases.CaseProcessing processing;
    private final org.tongban.cases.CaseNotifications notifications;
    private final CaseDocuments documents;
    private final OnceOnlyMaterials onceOnly;
    private final org.tongban.cases.CaseDelivery delivery;
    private final DivisionChoices divisions;
    private final org.tongban.cases.WalkInFiling walkIns;
    private final org.tongban.cases.MaterialLibrary library;

    ApplicantPages(Applications applications, FormRendering rendering, MessageSource messages,
            CasesProperties properties, org.tongban.cases.CaseProcessing processing,
            org.tongban.cases.CaseNotifications notifications, CaseDocuments documents,
            OnceOnlyMaterials onceOnly, org.tongban.cases.CaseDelivery delivery, DivisionChoices divisions,
            org.tongban.cases.WalkInFiling walkIns, org.tongban.cases.MaterialLibrary library) {
        this.library = library;
        this.walkIns = walkIns;
        this.delivery = delivery;
        this.divisions = divisions;
        this.documents = documents;
        this.onceOnly = onceOnly;
        this.notifications = notifications;
        this.processing = processing;
        this.properties = properties;
        this.applications = applications;
        this.rendering = rendering;
        this.messages = messages;
    }

    @GetMapping("/apply/{code}")
    String start(@PathVariable String code, @AuthenticationPrincipal SignedIn who, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        ImplementationCode item = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        if (who == null) {
            // Back here after signing in.
            new HttpSessionRequestCache().saveRequest(request, response);
            return "redirect:/signin";
        }
        Applications.ItemForm form = applications.form(item);
        model.addAttribute("item", form.item());
        model.addAttribute("requiredLevel", form.requiredLevel());
        model.addAttribute("signedIn", who);
        model.addAttribute("drafts", applications.mine(who).stream()
                .filter(a -> a.status().editable() && a.itemCode().equals(form.item().summary().code())).toList());
        model.addAttribute("startKey", UUID.randomUUID().toString());
        model.addAttribute("prefillOffers", applications.sharedPrefillOffer(who, form));
        return "cases/start";
    }

    @PostMapping("/apply/{code}")
    String create(@PathVariable String code, @RequestParam(required = false) String startKey,
            @RequestParam(defaultValue = "false") boolean sharedData, @AuthenticationPrincipal SignedIn who,
            HttpServletRequest request, HttpServletResponse response) {
        ImplementationCode item = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        if (who == null) {
            return "redirect:/signin";
        }
        UUID id = applications.start(who, item, startKey, sharedData);
        return "redirect:/account/cases/" + id + "/edit";
    }

    @GetMapping("/account/cases")
    String mine(@AuthenticationPrincipal SignedIn who, Model model) {
        walkIns.claimForAccount(who);
        model.addAttribute("cases", applications.mine(who));
        model.addAttribute("unread", notifications.unread(who));
        return "cases/mine";
    }

    /** 我的消息: every change of the applicant's cases, newest first; opening the page marks them read. */
    @GetMapping("/account/messages")
    String messages(@AuthenticationPrincipal SignedIn who, Model model) {
        model.addAttribute("notifications", notifications.mine(who, 100));
        notifications.markAllRead(who);
        return "cases/messages";
    }

    @GetMapping("/account/cases/{id}")
    String detail(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, Model model) {
        ApplicationView view = applications.view(who, id);
        model.addAttribute("view", view);
        model.addAttribute("progress", processing.progress(who, id));
        // A draft has no documents yet (and is not a case the documents service knows).
        model.addAttribute("documents", view.status() == org.tongban.cases.ApplicationStatus.DRAFT ? List.of()
                : documents.available(who, id));
        model.addAttribute("delivery", delivery.forApplicant(who, id));
        model.addAttribute("cities", divisions.cities());
        return "cases/detail";
    }

    /** 文书下载: a notice or decision of the applicant's case as PDF. */
    @GetMapping("/account/cases/{id}/documents/{kind}")
    ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable String kind,
            @AuthenticationPrincipal SignedIn who) {
        return pdf(documents, who, id, kind);
    }

    /** The document as a PDF download; an unknown kind is not found. The QR code links to the applicant's page. */
    static ResponseEntity<byte[]> pdf(CaseDocuments documents, SignedIn who, UUID id, String kind) {
        CaseDocumentKind documentKind = CaseDocumentKind.ofSlug(kind)
                .orElseThrow(() -> new org.tongban.shared.NotFoundException("cases.document.not-found", kind));
        String link = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/account/cases/{id}").buildAndExpand(id).toUriString();
        CaseDocuments.Download download = documents.download(who, id, documentKind, link);
        return PdfDownload.of(download.fileName(), download.pdf());
    }

    @GetMapping("/account/cases/{id}/edit")
    String edit(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, Model model,
            Locale locale) {
        ApplicationView application = applications.view(who, id);
        if (!application.status().editable()) {
            return "redirect:/account/cases/" + id;
        }
        return form(application, application.values(), Map.of(), model, locale, who);
    }

    /**
     * Explicit save: everything typed is kept, valid or not; errors are shown, not enforced. The table buttons of the
     * form save too: "add a row" ({@code _addRow=<table>}) and "remove row n" ({@code _removeRow=<table>:<n>}).
     */
    @PostMapping("/account/cases/{id}")
    String save(@PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(name = "_addRow", required = false) String addRow,
            @RequestParam(name = "_removeRow", required = false) String removeRow,
            @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        int colon = removeRow == null ? -1 : removeRow.lastIndexOf(':');
        if (colon > 0 && FIELD_KEY.matcher(removeRow.substring(0, colon)).matches()) {
            String table = removeRow.substring(0, colon);
            int row = InvalidFieldException.parse("_removeRow", () -> Integer.parseInt(removeRow.substring(colon + 1)));
            applications.removeRow(who, id, values, table, row);
            return "redirect:/account/cases/" + id + "/edit#f-" + table.replace('.', '-');
        }
        applications.save(who, id, values);
        if (addRow != null && FIELD_KEY.matcher(addRow).matches()) {
            // Flash attributes live in the shared (JDBC) session: a plain string.
            redirect.addFlashAttribute("addedRowTo", addRow);
            return "redirect:/account/cases/" + id + "/edit#f-" + addRow.replace('.', '-');
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account/cases/" + id + "/edit";
    }

    /** htmx autosave: saves and answers the status line plus each field's (and table cell's) error, out of band. */
    @PostMapping(value = "/account/cases/{id}/autosave", headers = "HX-Request")
    String autosave(@PathVariable UUID id, @RequestParam Map<String, String> values,
            @AuthenticationPrincipal SignedIn who, Locale locale, Model model) {
        ApplicationView application = applications.save(who, id, values);
        Map<String, String> errors = new LinkedHashMap<>();
        application.form().fields().forEach(field -> {
            errors.put(field.key(), "");
            if (field.type() != org.tongban.cases.FieldType.ADDRESS) {
                FormValidation.keys(field, application.values()).forEach(k -> errors.put(k, ""));
            }
        });
        for (FieldProblem problem : applications.typedProblems(application)) {
            String key = problem.field();
            // An address reports its part (key.division); the page shows it under the address's one error line.
            errors.put(errors.containsKey(key) ? key : key.substring(0, key.lastIndexOf('.')), message(problem, locale));
        }
        model.addAttribute("errors", errors);
        model.addAttribute("savedAt", application.updatedAt());
        return "cases/fragments :: autosaved";
    }

    @PostMapping("/account/cases/{id}/submit")
    String submit(@PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(required = false) String idempotencyKey, @AuthenticationPrincipal SignedIn who,
            Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ApplicationView saved = applications.view(who, id);
        if (saved.status().editable()) {
            saved = applications.save(who, id, values);
        }
        try {
            Applications.Submitted submitted = applications.submit(who, id, idempotencyKey, Channel.WEB);
            // Flash attributes live in the shared (JDBC) session: plain strings only.
            redirect.addFlashAttribute("submittedNumber", submitted.caseNumber());
            redirect.addFlashAttribute("submittedDue", submitted.decisionDue().toString());
            return "redirect:/account/cases/" + id;
        } catch (IncompleteApplicationException e) {
            Map<String, String> errors = new HashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.put(p.field(), message(p, locale));
            }
            response.setStatus(422);
            return form(saved, saved.values(), errors, model, locale, who);
        }
    }

    @PostMapping("/account/cases/{id}/materials/{index}")
    String upload(@PathVariable UUID id, @PathVariable int index, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean add,
            @AuthenticationPrincipal SignedIn who, Locale locale, RedirectAttributes redirect) throws IOException {
        try {
            applications.upload(who, id, index, file.getOriginalFilename(), file.getBytes(), add);
            redirect.addFlashAttribute("uploaded", index);
        } catch (CaseRefusedException e) {
            redirect.addFlashAttribute("uploadError", index);
            redirect.addFlashAttribute("uploadMessage", messages.getMessage(e.code(), e.arguments(), locale));
        }
        ApplicationView application = applications.view(who, id);
        return "redirect:/account/cases/" + id + (application.status().editable() ? "/edit" : "") + "#material-" + index;
    }

    /**
     * 免提交: fetch a material from government sources for preview, consent to the fetched copy, or decline it (and
     * upload). A failure (source down, nothing held, certificate not valid) is shown at the material, which the
     * applicant then uploads; nothing is attached without the consent.
     */
    @PostMapping("/account/cases/{id}/materials/{index}/shared/{action}")
    String shared(@PathVariable UUID id, @PathVariable int index, @PathVariable String action,
            @AuthenticationPrincipal SignedIn who, Locale locale, RedirectAttributes redirect) {
        try {
            switch (action) {
                case "fetch" -> onceOnly.fetch(who, id, index);
                case "consent" -> onceOnly.consent(who, id, index);
                case "decline" -> onceOnly.decline(who, id, index);
                default -> throw new org.tongban.shared.NotFoundException("cases.shared.action-unknown", action);
            }
        } catch (org.tongban.platform.web.RefusedException e) {
            redirect.addFlashAttribute("uploadError", index);
            redirect.addFlashAttribute("uploadMessage", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        } catch (org.tongban.shared.NotFoundException e) {
            if (!e.code().startsWith("cases.shared.")) {
                throw e;
            }
            redirect.addFlashAttribute("uploadError", index);
            redirect.addFlashAttribute("uploadMessage", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        }
        return "redirect:/account/cases/" + id + "/edit#material-" + index;
    }

    @PostMapping("/account/cases/{id}/materials/{index}/delete")
    String removeMaterial(@PathVariable UUID id, @PathVariable int index, @AuthenticationPrincipal SignedIn who) {
        applications.removeMaterial(who, id, index);
        return "redirect:/account/cases/" + id + "/edit#material-" + index;
    }

    /** Removes one image (page) of a slot that holds several. */
    @PostMapping("/account/cases/{id}/materials/{index}/files/{material}/delete")
    String removeFile(@PathVariable UUID id, @PathVariable int index, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn who) {
        applications.removeFile(who, id, index, material);
        return "redirect:/account/cases/" + id + "/edit#material-" + index;
    }

    /**
     * Moves an image of the slot one place up or down ({@code direction}): plain form buttons, so it works without
     * JavaScript and from the keyboard; the page comes back at the moved file.
     */
    @PostMapping("/account/cases/{id}/materials/{index}/files/{material}/move")
    String moveFile(@PathVariable UUID id, @PathVariable int index, @PathVariable UUID material,
            @RequestParam String direction, @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        // Someone else's application is not found before anything about the request is judged.
        applications.view(who, id);
        if (!direction.equals("up") && !direction.equals("down")) {
            throw new InvalidFieldException("direction",
                    new org.tongban.shared.InvalidValueException("cases.material.direction", direction));
        }
        applications.move(who, id, index, material, direction.equals("up"));
        redirect.addFlashAttribute("moved", material.toString());
        return "redirect:/account/cases/" + id + "/edit#file-" + material;
    }

    /** The images of a material slot combined into one PDF, in the applicant's order. */
    @GetMapping("/account/cases/{id}/slots/{index}/combined")
    ResponseEntity<InputStreamResource> combined(@PathVariable UUID id, @PathVariable int index,
            @AuthenticationPrincipal SignedIn who) {
        return inline(applications.combined(who, id, index));
    }

    @GetMapping("/account/cases/{id}/materials/{material}")
    ResponseEntity<InputStreamResource> material(@PathVariable UUID id, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn who) {
        return inline(applications.material(who, id, material));
    }

    @PostMapping("/account/cases/{id}/withdraw")
    String withdraw(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        applications.withdraw(who, id);
        redirect.addFlashAttribute("withdrawn", true);
        return "redirect:/account/cases/" + id;
    }

    @PostMapping("/account/cases/{id}/delete")
    String delete(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        applications.deleteDraft(who, id);
        redirect.addFlashAttribute("deleted", true);
        return "redirect:/account/cases";
    }

    /** A material shown in the browser: its detected type, never sniffed again by the browser. */
    static ResponseEntity<InputStreamResource> inline(Applications.MaterialDownload download) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.contentType()))
                .contentLength(download.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(download.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(download.content()));
    }

    private String form(ApplicationView application, Map<String, String> values, Map<String, String> errors,
            Model model, Locale locale, SignedIn who) {
        model.addAttribute("view", application);
        rendering.addTo(model, application.form(), values, errors, (String) model.getAttribute("addedRowTo"), locale);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("maxSizeMb", properties.materials().maxSize().toMegabytes());
        model.addAttribute("offers", onceOnly.offers(application));
        model.addAttribute("shared", onceOnly.forApplicant(application));
        model.addAttribute("libraryOffers", library.offers(who, application));
        model.addAttribute("delivery", delivery.forApplicant(who, application.id()));
        return "cases/form";
    }

    private String message(FieldProblem p, Locale locale) {
        return messages.getMessage(p.code(), p.arguments(), p.code(), locale);
    }
}

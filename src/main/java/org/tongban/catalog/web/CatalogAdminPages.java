package org.tongban.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.tongban.catalog.ItemPublication;
import org.tongban.catalog.ItemSummary;
import org.tongban.catalog.internal.transfer.ImplementationListExport;
import org.tongban.catalog.internal.transfer.ImplementationListImport;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.identity.SignedIn;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;

/**
 * The catalogue administrator's console (role CATALOG_ADMIN, enforced by the security rules for /admin/catalog):
 * import implementation lists, export them, and take versions through submission and approval. Every action is
 * limited to the administrator's own division and below.
 */
@Controller
@RequestMapping("/admin/catalog")
class CatalogAdminPages {

    private final ItemPublication publication;
    private final ImplementationListImport importer;
    private final ImplementationListExport exporter;
    private final MessageSource messages;

    private final org.tongban.catalog.internal.transfer.ImportJobs jobs;
    private final org.tongban.catalog.CatalogProperties properties;

    CatalogAdminPages(ItemPublication publication, ImplementationListImport importer,
            ImplementationListExport exporter, MessageSource messages,
            org.tongban.catalog.internal.transfer.ImportJobs jobs, org.tongban.catalog.CatalogProperties properties) {
        this.publication = publication;
        this.importer = importer;
        this.exporter = exporter;
        this.messages = messages;
        this.jobs = jobs;
        this.properties = properties;
    }

    private static DivisionCode scope(SignedIn admin) {
        return DivisionCode.of(admin.staffDivision());
    }

    @GetMapping
    String console(@AuthenticationPrincipal SignedIn admin, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("pending", publication.pending(scope(admin), page, 50));
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return "catalog/admin";
    }

    @PostMapping("/import")
    String importFile(@AuthenticationPrincipal SignedIn admin, @RequestParam("file") MultipartFile file, Model model,
            HttpServletResponse response, Locale locale) throws IOException {
        TransferFormat format = TransferFormat.ofFileName(file.getOriginalFilename() == null ? ""
                : file.getOriginalFilename()).orElse(null);
        if (file.isEmpty() || format == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importError", messages.getMessage("catalog.admin.import.format", null, locale));
            return console(admin, 0, model);
        }
        if (file.getSize() >= properties.backgroundImportFrom().toBytes()) {
            // Large files: checked and written in the background while the page shows how far it has got.
            UUID job = jobs.start(file.getBytes(), file.getOriginalFilename(), format, admin.accountId(),
                    admin.staffDivision());
            return "redirect:/admin/catalog/imports/" + job;
        }
        ImplementationListImport.Outcome outcome;
        try (InputStream in = file.getInputStream()) {
            outcome = importer.importFile(in, format, org.tongban.catalog.internal.transfer.ImportProgress.NONE);
        }
        if (!outcome.accepted()) {
            response.setStatus(422);
            model.addAttribute("problems", outcome.problems().stream()
                    .map(p -> p.describe(messages, locale)).toList());
        } else {
            model.addAttribute("imported", outcome.imported().size());
        }
        return console(admin, 0, model);
    }

    @GetMapping("/imports/{id}")
    String importJob(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id, Model model, Locale locale) {
        job(admin, id, model, locale);
        return "catalog/import-job";
    }

    /** The progress and, once done, the outcome (htmx polls this while the import runs). */
    @GetMapping("/imports/{id}/progress")
    String importProgress(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id, Model model,
            Locale locale) {
        job(admin, id, model, locale);
        return "catalog/import-job :: progress";
    }

    private void job(SignedIn admin, UUID id, Model model, Locale locale) {
        org.tongban.catalog.internal.transfer.ImportJobs.Job job = jobs.find(id, admin.accountId())
                .orElseThrow(() -> new org.tongban.shared.NotFoundException("catalog.import.not-found", id));
        model.addAttribute("job", job);
        model.addAttribute("problems", job.problems().stream().map(p -> p.describe(messages, locale)).toList());
    }

    @GetMapping("/export")
    void export(@AuthenticationPrincipal SignedIn admin, @RequestParam(defaultValue = "xlsx") String format,
            HttpServletResponse response) throws IOException {
        TransferFormat chosen = TransferFormat.ofFileName("export." + format)
                .orElseThrow(() -> new InvalidValueException("catalog.admin.import.format", format));
        response.setContentType(chosen.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"implementation-list-"
                + admin.staffDivision() + "." + chosen.extension() + "\"");
        exporter.exportDivision(scope(admin), chosen, response.getOutputStream());
    }

    @PostMapping("/items/{id}/submit")
    String submit(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id,
            @RequestParam(required = false) String returnTo) {
        ItemPublication.Pending pending = publication.submit(id, admin.accountId(), scope(admin));
        return "history".equals(returnTo) ? "redirect:/admin/catalog/items/" + pending.code() + "/history?submitted"
                : "redirect:/admin/catalog";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler
    org.springframework.web.servlet.ModelAndView wrongStatus(ItemPublication.WrongStatus e, Locale locale) {
        String message = messages.getMessage(e.code(), new Object[] { e.status() }, e.code(), locale);
        org.springframework.web.servlet.ModelAndView view = new org.springframework.web.servlet.ModelAndView(
                "error/page", java.util.Map.of("status", 409, "code", e.code(), "message", message,
                        "errors", java.util.List.of()));
        view.setStatus(org.springframework.http.HttpStatus.CONFLICT);
        return view;
    }

    @PostMapping("/items/{id}/approve")
    String approve(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id,
            @RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String justification,
            @RequestParam(required = false) String returnTo, Model model, HttpServletResponse response,
            Locale locale) {
        LocalDate effective;
        try {
            effective = effectiveFrom == null || effectiveFrom.isBlank() ? null : LocalDate.parse(effectiveFrom);
        } catch (DateTimeParseException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importError", messages.getMessage("platform.calendar.date-format",
                    new Object[] { effectiveFrom }, locale));
            return console(admin, 0, model);
        }
        try {
            ItemSummary approved = publication.approve(id, admin.accountId(), scope(admin), effective,
                    justification);
            if ("history".equals(returnTo)) {
                return "redirect:/admin/catalog/items/" + approved.code() + "/history?approved";
            }
            return effective != null && effective.isAfter(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))
                    ? "redirect:/admin/catalog?scheduled" : "redirect:/admin/catalog?approved";
        } catch (ItemPublication.DeviationsFound e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("blockedItem", id);
            model.addAttribute("blockedDeviations", e.deviations().stream()
                    .map(d -> messages.getMessage(d.code(), d.arguments().toArray(), d.code(), locale)).toList());
            return console(admin, 0, model);
        }
    }
}

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

    CatalogAdminPages(ItemPublication publication, ImplementationListImport importer,
            ImplementationListExport exporter, MessageSource messages) {
        this.publication = publication;
        this.importer = importer;
        this.exporter = exporter;
        this.messages = messages;
    }

    private static DivisionCode scope(SignedIn admin) {
        return DivisionCode.of(admin.staffDivision());
    }

    @GetMapping
    String console(@AuthenticationPrincipal SignedIn admin, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("pending", publication.pending(scope(admin), page, 50));
        model.addAttribute("today", LocalDate.now());
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
    String submit(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        publication.submit(id, admin.accountId(), scope(admin));
        return "redirect:/admin/catalog";
    }

    @PostMapping("/items/{id}/approve")
    String approve(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id,
            @RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String justification,
            Model model, HttpServletResponse response, Locale locale) {
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
            publication.approve(id, admin.accountId(), scope(admin), effective, justification);
            return "redirect:/admin/catalog?approved";
        } catch (ItemPublication.DeviationsFound e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("blockedItem", id);
            model.addAttribute("blockedDeviations", e.deviations().stream()
                    .map(d -> messages.getMessage(d.code(), d.arguments().toArray(), d.code(), locale)).toList());
            return console(admin, 0, model);
        }
    }
}

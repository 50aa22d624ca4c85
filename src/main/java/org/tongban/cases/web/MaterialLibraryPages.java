package org.tongban.cases.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.MaterialLibrary;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;

/**
 * 我的材料: the applicant's kept files (or the company's, while acting for it), to download, date and delete, and
 * the button on a material slot that attaches one of them instead of an upload.
 */
@Controller
class MaterialLibraryPages {

    private final MaterialLibrary library;
    private final MessageSource messages;

    MaterialLibraryPages(MaterialLibrary library, MessageSource messages) {
        this.library = library;
        this.messages = messages;
    }

    @GetMapping("/account/materials")
    String page(@AuthenticationPrincipal SignedIn who, Model model) {
        model.addAttribute("entries", library.entries(who));
        model.addAttribute("actingFor", who.actingFor());
        return "cases/library";
    }

    /** The file as a download (attachment), audited. */
    @GetMapping("/account/materials/{entry}")
    ResponseEntity<InputStreamResource> download(@PathVariable UUID entry, @AuthenticationPrincipal SignedIn who) {
        return attachment(library.download(who, entry));
    }

    @PostMapping("/account/materials/{entry}/delete")
    String delete(@PathVariable UUID entry, @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        library.delete(who, entry);
        redirect.addFlashAttribute("libraryDeleted", true);
        return "redirect:/account/materials";
    }

    /** Sets or clears ({@code validUntil} empty) the entry's validity date. */
    @PostMapping("/account/materials/{entry}/validity")
    String validity(@PathVariable UUID entry, @RequestParam(required = false) String validUntil,
            @AuthenticationPrincipal SignedIn who, RedirectAttributes redirect) {
        library.setValidUntil(who, entry, date(validUntil));
        redirect.addFlashAttribute("libraryDated", entry.toString());
        return "redirect:/account/materials#entry-" + entry;
    }

    /** Attaches a kept file to the application's material slot; a refusal is shown at the slot. */
    @PostMapping("/account/cases/{id}/materials/{index}/library")
    String attach(@PathVariable UUID id, @PathVariable int index, @RequestParam UUID entry,
            @AuthenticationPrincipal SignedIn who, Locale locale, RedirectAttributes redirect) {
        try {
            library.attach(who, id, index, entry);
            redirect.addFlashAttribute("uploaded", index);
        } catch (CaseRefusedException e) {
            redirect.addFlashAttribute("uploadError", index);
            redirect.addFlashAttribute("uploadMessage", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "redirect:/account/cases/" + id + "/edit#material-" + index;
    }

    /** A date typed as yyyy-MM-dd (the date input's format); empty clears it. */
    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("validUntil",
                    new InvalidValueException("cases.library.valid-until.format", text));
        }
    }

    static ResponseEntity<InputStreamResource> attachment(Applications.MaterialDownload download) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.contentType()))
                .contentLength(download.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(download.content()));
    }
}

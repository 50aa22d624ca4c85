package org.tongban.catalog.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.tongban.catalog.internal.Attachments;
import org.tongban.catalog.internal.transfer.ImplementationItemForm;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Blank forms and samples: public downloads for the guide, and uploads by catalogue administrators (from the item
 * form with htmx, and by API).
 */
@Controller
class CatalogAttachmentPages {

    private final Attachments attachments;
    private final MessageSource messages;

    CatalogAttachmentPages(Attachments attachments, MessageSource messages) {
        this.attachments = attachments;
        this.messages = messages;
    }

    /** The file, as the type its content showed on upload, saved under its name (RFC 6266 {@code filename*}). */
    @GetMapping(Attachments.PATH_PREFIX + "{id}/{name}")
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String name) {
        UUID uuid = InvalidFieldException.parse("id", () -> {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("platform.parameter.invalid", id, "id");
            }
        });
        Attachments.Content content = attachments.find(uuid)
                .orElseThrow(() -> new NotFoundException("catalog.attachment.not-found", id));
        Attachments.Attachment file = content.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.size())
                // RFC 6266: filename* (RFC 8187, UTF-8) and an ASCII filename for clients that ignore filename*.
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .eTag('"' + file.sha256() + '"')
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .body(content.bytes());
    }

    /** Upload from the item form (htmx): the field comes back holding the file's path, or with the error. */
    @PostMapping("/admin/catalog/attachments")
    String upload(@AuthenticationPrincipal SignedIn admin, @RequestParam String field,
            @RequestParam(value = "file", required = false) MultipartFile file, Model model,
            HttpServletResponse response, Locale locale) throws IOException {
        ImplementationItemForm.Field target = ImplementationItemForm.attachmentField(field)
                .orElseThrow(() -> new InvalidFieldException("field",
                        new InvalidValueException("platform.parameter.invalid", field, "field")));
        model.addAttribute("f", target);
        model.addAttribute("editing", false);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidValueException("catalog.attachment.empty", "");
            }
            Attachments.Attachment stored = attachments.store(file.getOriginalFilename(), file.getBytes(),
                    admin.accountId());
            model.addAttribute("values", Map.of(field, stored.path()));
            model.addAttribute("errors", Map.of());
        } catch (InvalidValueException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("values", Map.of());
            model.addAttribute("errors", Map.of(field, messages.getMessage(e.code(), e.arguments(), e.code(),
                    locale)));
        }
        return "catalog/item-form :: field(f=${f})";
    }

    /** An uploaded file. */
    record AttachmentView(UUID id, String fileName, String contentType, long size, String sha256, String path) {
    }

    @PostMapping(value = "/api/v1/catalog/admin/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    @Operation(tags = "Catalogue administration",
            summary = "Uploads a blank form or sample (PDF, OFD, DOCX, XLSX, JPEG, PNG, recognised by content)",
            description = "Answers the path to put in a material's blankForm or sample, or an item's resultSample. "
                    + "400 (field `file`) when the content is of another kind, empty or larger than "
                    + "`tongban.catalog.attachments.max-size`.")
    ResponseEntity<AttachmentView> uploadApi(@AuthenticationPrincipal SignedIn admin,
            @RequestParam("file") MultipartFile file) throws IOException {
        Attachments.Attachment stored = InvalidFieldException.parse("file",
                () -> attachments.store(file.getOriginalFilename(), bytes(file), admin.accountId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new AttachmentView(stored.id(), stored.fileName(),
                stored.contentType(), stored.size(), stored.sha256(), stored.path()));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

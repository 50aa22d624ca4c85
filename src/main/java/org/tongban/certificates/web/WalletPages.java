package org.tongban.certificates.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

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
import org.tongban.certificates.CaseResultOpening;
import org.tongban.certificates.CertificateRefusedException;
import org.tongban.certificates.CertificateUse;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.QrCodes;

/** 我的证照: the holder's wallet, one certificate rendered from its template, authorizations and the use log. */
@Controller
class WalletPages {

    private final Certificates certificates;
    private final CertificateUse use;
    private final CertificatesErrorHandling errors;
    private final CaseResultOpening opening;

    WalletPages(Certificates certificates, CertificateUse use, CertificatesErrorHandling errors,
            CaseResultOpening opening) {
        this.opening = opening;
        this.certificates = certificates;
        this.use = use;
        this.errors = errors;
    }

    @GetMapping("/account/certificates")
    String wallet(@AuthenticationPrincipal SignedIn person, Model model) {
        model.addAttribute("wallet", certificates.wallet(person));
        model.addAttribute("today", LocalDate.now(Certificates.ZONE));
        return "certificates/wallet";
    }

    @GetMapping("/account/certificates/{id}")
    String certificate(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person, Locale locale, Model model) {
        CertificateView view = certificates.forHolder(person, id);
        // The holder opening a certificate issued for a case delivers that case's result when chosen online.
        opening.opened(person, id);
        model.addAttribute("c", view);
        model.addAttribute("qr", qr(view, locale));
        model.addAttribute("ledger", use.ledger(person, id));
        model.addAttribute("now", java.time.Instant.now());
        model.addAttribute("today", LocalDate.now(Certificates.ZONE));
        if (!model.containsAttribute("until")) {
            model.addAttribute("until", LocalDate.now(Certificates.ZONE).plusDays(30));
        }
        return "certificates/certificate";
    }

    static String qr(CertificateView view, Locale locale) {
        return QrCodes.svg(VerificationPages.link(view.identifier(), view.verificationCode()),
                "en".equals(locale.getLanguage()) ? "QR code to verify" : "扫码核验");
    }

    @GetMapping("/account/certificates/{id}/signed")
    ResponseEntity<byte[]> signed(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        Certificates.SignedDocument document = certificates.signedDocument(person, id);
        opening.opened(person, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_JSON).body(document.json().getBytes(StandardCharsets.UTF_8));
    }

    /** The certificate as a printable PDF with the verification QR code (电子证照打印件). */
    @GetMapping("/account/certificates/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        ResponseEntity<byte[]> copy = pdfCopy(certificates, person, id);
        opening.opened(person, id);
        return copy;
    }

    static ResponseEntity<byte[]> pdfCopy(Certificates certificates, SignedIn person, UUID id) {
        CertificateView view = certificates.forHolder(person, id);
        Certificates.PdfCopy copy = certificates.pdfCopy(person, id,
                VerificationPages.link(view.identifier(), view.verificationCode()));
        return org.tongban.platform.documents.PdfDownload.of(copy.fileName(), copy.pdf());
    }

    /** The certificate as an OFD document (版式文件, GB/T 33190), signed by the issuing body. */
    @GetMapping("/account/certificates/{id}/ofd")
    ResponseEntity<byte[]> ofd(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        return ofdCopy(certificates, person, id);
    }

    static ResponseEntity<byte[]> ofdCopy(Certificates certificates, SignedIn person, UUID id) {
        CertificateView view = certificates.forHolder(person, id);
        Certificates.OfdCopy copy = certificates.ofdCopy(person, id,
                VerificationPages.link(view.identifier(), view.verificationCode()));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/ofd"))
                .contentLength(copy.ofd().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(copy.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(copy.ofd());
    }

    @PostMapping("/account/certificates/{id}/authorizations")
    String authorize(@PathVariable UUID id, @RequestParam(defaultValue = "") String grantee,
            @RequestParam(defaultValue = "") String purpose, @RequestParam(required = false) String until,
            @AuthenticationPrincipal SignedIn person, Locale locale, RedirectAttributes redirect) {
        LocalDate day = null;
        try {
            day = until == null || until.isBlank() ? null : LocalDate.parse(until);
        } catch (java.time.format.DateTimeParseException e) {
            // reported as a field error below
        }
        try {
            use.authorizeBody(person, id, grantee, purpose, day);
            redirect.addFlashAttribute("granted", true);
        } catch (CertificateRefusedException e) {
            if (e.reason() != CertificateRefusedException.Reason.RULE
                    && e.reason() != CertificateRefusedException.Reason.CONFLICT) {
                throw e;
            }
            // Flash attributes live in the shared session: plain serializable maps and strings only.
            java.util.LinkedHashMap<String, String> fieldErrors = new java.util.LinkedHashMap<>();
            errors.fieldErrors(e, locale).forEach(f -> fieldErrors.merge(f.field(), f.message(), (a, b) -> a + " " + b));
            redirect.addFlashAttribute("authorizationErrors", fieldErrors);
            if (fieldErrors.isEmpty()) {
                redirect.addFlashAttribute("authorizationError", errors.message(e, locale));
            }
            redirect.addFlashAttribute("grantee", grantee);
            redirect.addFlashAttribute("purpose", purpose);
            redirect.addFlashAttribute("until", until);
        }
        return "redirect:/account/certificates/" + id + "#authorize";
    }

    @PostMapping("/account/certificates/{id}/authorizations/{authorization}/revoke")
    String revoke(@PathVariable UUID id, @PathVariable UUID authorization, @AuthenticationPrincipal SignedIn person,
            RedirectAttributes redirect) {
        use.revokeAuthorization(person, id, authorization);
        redirect.addFlashAttribute("revoked", true);
        return "redirect:/account/certificates/" + id + "#authorizations";
    }
}

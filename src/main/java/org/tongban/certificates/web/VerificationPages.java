package org.tongban.certificates.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tongban.certificates.CertificateRefusedException;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.internal.OfdVerification;
import org.tongban.platform.web.Problems;

/**
 * The public verification page (证照核验): by identifier and verification code (what the QR code opens), or by the
 * signed data, pasted or uploaded, or by the sealed OFD copy, uploaded. No sign-in.
 */
@Controller
class VerificationPages {

    /** Largest signed document accepted (a certificate's JSON is a few kilobytes). */
    static final int MAX_DOCUMENT = 256 * 1024;

    private final CertificateVerification verification;
    private final Problems problems;

    VerificationPages(CertificateVerification verification, Problems problems) {
        this.verification = verification;
        this.problems = problems;
    }

    /** The absolute link a QR code carries. */
    static String link(String identifier, String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/certificates/verify")
                .queryParam("identifier", identifier).queryParam("code", code).build().encode().toUriString();
    }

    @GetMapping("/certificates/verify")
    String verify(@RequestParam(required = false) String identifier, @RequestParam(required = false) String code,
            Locale locale, Model model, HttpServletResponse response) {
        model.addAttribute("identifier", identifier);
        model.addAttribute("code", code);
        if (identifier != null && !identifier.isBlank()) {
            try {
                model.addAttribute("result", verification.byIdentifier(identifier, code));
            } catch (CertificateRefusedException e) {
                response.setStatus(CertificatesErrorHandling.status(e).value());
                model.addAttribute("identifierError", problems.message(e.code(), e.arguments(), locale));
            }
        }
        return "certificates/verify";
    }

    @PostMapping("/certificates/verify")
    String verifyDocument(@RequestParam(defaultValue = "") String document,
            @RequestParam(required = false) MultipartFile file, Locale locale, Model model,
            HttpServletResponse response) throws IOException {
        String text = document;
        if (file != null && !file.isEmpty() && file.getSize() <= OfdVerification.MAX_BYTES) {
            byte[] bytes = file.getBytes();
            if (OfdVerification.isZip(bytes)) {
                // The sealed OFD copy (GB/T 33190 + GB/T 38540 seal).
                model.addAttribute("document", document.length() > MAX_DOCUMENT ? "" : document);
                try {
                    model.addAttribute("result", verification.byOfd(bytes));
                } catch (CertificateRefusedException e) {
                    response.setStatus(CertificatesErrorHandling.status(e).value());
                    model.addAttribute("documentError", problems.message(e.code(), e.arguments(), locale));
                }
                return "certificates/verify";
            }
        }
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_DOCUMENT) {
                text = "";
            } else {
                text = new String(file.getBytes(), StandardCharsets.UTF_8);
            }
        }
        model.addAttribute("document", document.length() > MAX_DOCUMENT ? "" : document);
        try {
            if (text.isBlank() || text.length() > MAX_DOCUMENT) {
                throw CertificateRefusedException.badRequest("certificates.document.malformed");
            }
            model.addAttribute("result", verification.byDocument(text));
        } catch (CertificateRefusedException e) {
            response.setStatus(CertificatesErrorHandling.status(e).value());
            model.addAttribute("documentError", problems.message(e.code(), e.arguments(), locale));
        }
        return "certificates/verify";
    }
}

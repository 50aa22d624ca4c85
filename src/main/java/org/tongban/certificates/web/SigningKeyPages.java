package org.tongban.certificates.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.certificates.CertificateRefusedException;
import org.tongban.certificates.CertificateSigningKeys;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.Problems;

/**
 * The admin console's page of the issuing bodies' signing keys (签章密钥管理): each key with its certificate, state and
 * the certificates it signed; rotate or revoke with a stated reason and an explicit confirmation. Works without
 * scripts; a refused form comes back with what was typed and the error next to its field.
 */
@Controller
class SigningKeyPages {

    private final CertificateSigningKeys keys;
    private final CertificatesErrorHandling errors;
    private final Problems problems;

    SigningKeyPages(CertificateSigningKeys keys, CertificatesErrorHandling errors, Problems problems) {
        this.keys = keys;
        this.errors = errors;
        this.problems = problems;
    }

    @GetMapping("/admin/certificates/keys")
    String list(@AuthenticationPrincipal SignedIn admin, Model model) {
        model.addAttribute("keys", keys.list(admin));
        model.addAttribute("today", LocalDate.now(org.tongban.certificates.Certificates.ZONE));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "certificates/keys";
    }

    @PostMapping("/admin/certificates/keys/{id}/{action:rotate|revoke}")
    String change(@PathVariable UUID id, @PathVariable String action, @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) String since, @RequestParam(defaultValue = "false") boolean confirm,
            @AuthenticationPrincipal SignedIn admin, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        LocalDate day = null;
        if (since != null && !since.isBlank()) {
            try {
                day = LocalDate.parse(since);
            } catch (java.time.format.DateTimeParseException e) {
                fieldErrors.put("since", problems.message("certificates.key.since-format", new Object[0], locale));
            }
        }
        if (!confirm) {
            fieldErrors.put("confirm", problems.message("certificates.key.confirm-required", new Object[0], locale));
        }
        try {
            if (fieldErrors.isEmpty()) {
                if ("rotate".equals(action)) {
                    keys.rotate(admin, id, reason);
                } else {
                    keys.revoke(admin, id, reason, day);
                }
                redirect.addFlashAttribute("done", action);
                return "redirect:/admin/certificates/keys";
            }
            if (reason.isBlank()) {
                fieldErrors.put("reason", problems.message("certificates.key.reason-required", new Object[0], locale));
            }
        } catch (CertificateRefusedException e) {
            if (e.reason() != CertificateRefusedException.Reason.RULE
                    && e.reason() != CertificateRefusedException.Reason.CONFLICT) {
                throw e;
            }
            errors.fieldErrors(e, locale).forEach(f -> fieldErrors.putIfAbsent(f.field(), f.message()));
            if (fieldErrors.isEmpty()) {
                fieldErrors.put("form", errors.message(e, locale));
            }
            response.setStatus(CertificatesErrorHandling.status(e).value());
        }
        if (response.getStatus() < 400) {
            response.setStatus(422);
        }
        model.addAttribute("errors", fieldErrors);
        model.addAttribute("errorKey", id);
        model.addAttribute("errorAction", action);
        model.addAttribute("reason", reason);
        model.addAttribute("since", since);
        return list(admin, model);
    }
}

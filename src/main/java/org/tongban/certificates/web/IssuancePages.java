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
import org.tongban.certificates.CertificateType;
import org.tongban.certificates.CertificateTypes;
import org.tongban.certificates.CertificateUse;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.HolderKind;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.Problems;

/**
 * The issuing body's workbench (制证): certificates it issued, issuing one (e.g. entering a legacy paper
 * certificate), suspending, reinstating, revoking and renewing; and using a certificate a holder authorized.
 */
@Controller
class IssuancePages {

    private final Certificates certificates;
    private final CertificateTypes types;
    private final CertificateUse use;
    private final CertificatesErrorHandling errors;
    private final Problems problems;

    IssuancePages(Certificates certificates, CertificateTypes types, CertificateUse use,
            CertificatesErrorHandling errors, Problems problems) {
        this.certificates = certificates;
        this.types = types;
        this.use = use;
        this.errors = errors;
        this.problems = problems;
    }

    @GetMapping("/workbench/certificates")
    String issued(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("types", certificates.typesFor(officer));
        model.addAttribute("issued", certificates.issuedByMyBody(officer));
        return "certificates/issued";
    }

    @GetMapping("/workbench/certificates/new")
    String form(@RequestParam String type, @AuthenticationPrincipal SignedIn officer, Model model) {
        CertificateType chosen = issuable(officer, type);
        model.addAttribute("type", chosen);
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return "certificates/issue";
    }

    @PostMapping("/workbench/certificates")
    String issue(@RequestParam String type, @RequestParam(defaultValue = "") String holderName,
            @RequestParam(defaultValue = "") String holderCode, @RequestParam(required = false) String validFrom,
            @RequestParam(defaultValue = "false") boolean legacy, @RequestParam Map<String, String> form,
            @AuthenticationPrincipal SignedIn officer, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        CertificateType chosen = issuable(officer, type);
        Map<String, String> data = new LinkedHashMap<>();
        chosen.fields().forEach(f -> data.put(f.key(), form.getOrDefault("data." + f.key(), "")));
        Holder holder = chosen.holderKind() == HolderKind.PERSON ? Holder.person(holderName, holderCode)
                : Holder.company(holderName, holderCode);
        LocalDate from = null;
        try {
            from = validFrom == null || validFrom.isBlank() ? null : LocalDate.parse(validFrom);
        } catch (java.time.format.DateTimeParseException e) {
            // the day of issue
        }
        try {
            CertificateView issued = certificates.issueAsOfficer(officer, type, holder, data, from, legacy);
            redirect.addFlashAttribute("issuedNow", true);
            return "redirect:/workbench/certificates/" + issued.id();
        } catch (CertificateRefusedException e) {
            if (e.reason() != CertificateRefusedException.Reason.RULE) {
                throw e;
            }
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            errors.fieldErrors(e, locale).forEach(f -> fieldErrors.putIfAbsent(f.field(), f.message()));
            Map<String, String> values = new LinkedHashMap<>(form);
            model.addAttribute("type", chosen);
            model.addAttribute("values", values);
            model.addAttribute("errors", fieldErrors);
            model.addAttribute("formError", problems.message(e.code(), e.arguments(), locale));
            response.setStatus(422);
            return "certificates/issue";
        }
    }

    private CertificateType issuable(SignedIn officer, String type) {
        CertificateType known = types.get(type);
        return certificates.typesFor(officer).stream().filter(t -> t.code().equals(type)).findFirst()
                .orElseThrow(() -> CertificateRefusedException.forbidden("certificates.issue.not-issuer", "",
                        known.name()));
    }

    @GetMapping("/workbench/certificates/{id}")
    String manage(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale, Model model) {
        CertificateView view = certificates.forIssuer(officer, id);
        model.addAttribute("c", view);
        model.addAttribute("qr", WalletPages.qr(view, locale));
        return "certificates/manage";
    }

    @PostMapping("/workbench/certificates/{id}/{action:revoke|suspend|reinstate|renew}")
    String change(@PathVariable UUID id, @PathVariable String action, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) {
        try {
            CertificateView result = switch (action) {
                case "revoke" -> certificates.revoke(officer, id, reason);
                case "suspend" -> certificates.suspend(officer, id, reason);
                case "reinstate" -> certificates.reinstate(officer, id, reason);
                default -> certificates.renew(officer, id, Map.of());
            };
            redirect.addFlashAttribute("changed", action);
            return "redirect:/workbench/certificates/" + result.id();
        } catch (CertificateRefusedException e) {
            if (e.reason() != CertificateRefusedException.Reason.RULE
                    && e.reason() != CertificateRefusedException.Reason.CONFLICT) {
                throw e;
            }
            redirect.addFlashAttribute("changeError", problems.message(e.fields().isEmpty() ? e.code()
                    : e.fields().getFirst().code(), e.arguments(), locale));
            return "redirect:/workbench/certificates/" + id;
        }
    }

    @GetMapping("/workbench/certificates/use")
    String useForm(@AuthenticationPrincipal SignedIn staff, Model model) {
        return "certificates/use";
    }

    @PostMapping("/workbench/certificates/use")
    String use(@RequestParam(defaultValue = "") String identifier, @RequestParam(defaultValue = "") String purpose,
            @AuthenticationPrincipal SignedIn staff, Locale locale, Model model, HttpServletResponse response) {
        model.addAttribute("identifier", identifier);
        model.addAttribute("purpose", purpose);
        try {
            model.addAttribute("c", use.useAsStaff(staff, identifier, purpose));
        } catch (CertificateRefusedException e) {
            response.setStatus(CertificatesErrorHandling.status(e).value());
            model.addAttribute("useError", problems.message(e.fields().isEmpty() ? e.code()
                    : e.fields().getFirst().code(), e.arguments(), locale));
        }
        return "certificates/use";
    }
}

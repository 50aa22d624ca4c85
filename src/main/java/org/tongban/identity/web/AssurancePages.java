package org.tongban.identity.web;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.AccountView;
import org.tongban.identity.Accounts;
import org.tongban.identity.AssuranceLevels;
import org.tongban.identity.CertificateProperties;
import org.tongban.identity.CertificateStepUp;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.PhoneVerification;
import org.tongban.identity.RealNameVerification;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsCodes;
import org.tongban.identity.SmsUnavailableException;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.shared.InvalidValueException;

/**
 * The step-up page ({@code /account/assurance?needed=N&continue=/path}): which level a service needs, the ways from
 * the person's level to it (L2 online with phone and ID, L3 at a hall window, L4 with a certificate), and back to
 * {@code continue} once reached — a path on this site only, never another site (no open redirect).
 */
@Controller
class AssurancePages {

    private final AssuranceLevels levels;
    private final Accounts accounts;
    private final PhoneVerification phones;
    private final RealNameVerification realName;
    private final CertificateStepUp certificates;
    private final CertificateProperties certificateProperties;
    private final SmsCodes codes;
    private final MessageSource messages;

    AssurancePages(AssuranceLevels levels, Accounts accounts, PhoneVerification phones, RealNameVerification realName,
            CertificateStepUp certificates, CertificateProperties certificateProperties, SmsCodes codes,
            MessageSource messages) {
        this.levels = levels;
        this.accounts = accounts;
        this.phones = phones;
        this.realName = realName;
        this.certificates = certificates;
        this.certificateProperties = certificateProperties;
        this.codes = codes;
        this.messages = messages;
    }

    @GetMapping("/account/assurance")
    String page(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        int level = refresh(signedIn, request, response);
        Optional<String> back = AssuranceLevels.safeContinue(continueTo);
        if (needed != null && level >= needed && back.isPresent()) {
            return "redirect:" + back.get();
        }
        return render(signedIn, needed, continueTo, model);
    }

    @PostMapping("/account/assurance/phone/code")
    String sendPhoneCode(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        try {
            phones.sendCode(signedIn.accountId(), request.getRemoteAddr(), locale);
            model.addAttribute("phoneCodeSent", true);
        } catch (TooManyRequestsException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
            model.addAttribute("phoneError", message(e, locale));
        } catch (SmsUnavailableException e) {
            response.setStatus(503);
            model.addAttribute("phoneError", messages.getMessage(e.code(), null, locale));
        }
        return render(signedIn, needed, continueTo, model);
    }

    @PostMapping("/account/assurance/phone")
    String confirmPhone(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo,
            @RequestParam(defaultValue = "") String code, Model model, HttpServletResponse response, Locale locale) {
        try {
            phones.confirm(signedIn.accountId(), code);
            model.addAttribute("phoneConfirmed", true);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            model.addAttribute("phoneCodeSent", true);
            model.addAttribute("phoneCodeError", message(e, locale));
        }
        return render(signedIn, needed, continueTo, model);
    }

    @PostMapping("/account/assurance/online")
    String online(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo,
            @RequestParam(defaultValue = "") String socialSecurityCard, Model model, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        try {
            int level = realName.verify(signedIn.accountId(), socialSecurityCard);
            SignedIn now = stepped(signedIn, level, request, response);
            return reached(now, level, needed, continueTo, model);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            model.addAttribute("onlineError", message(e, locale));
            model.addAttribute("socialSecurityCard", socialSecurityCard);
            return render(signedIn, needed, continueTo, model);
        }
    }

    @PostMapping("/account/assurance/certificate/challenge")
    String challenge(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo, Model model) {
        model.addAttribute("challenge", certificates.challenge(signedIn.accountId()));
        return render(signedIn, needed, continueTo, model);
    }

    @PostMapping("/account/assurance/certificate")
    String certificate(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed,
            @RequestParam(name = "continue", required = false) String continueTo,
            @RequestParam(required = false) UUID challengeId, @RequestParam(defaultValue = "") String certificate,
            @RequestParam(defaultValue = "") String signature, Model model, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        try {
            if (challengeId == null) {
                throw new InvalidValueException("identity.certificate.challenge", null);
            }
            int level = certificates.verify(signedIn.accountId(), challengeId, certificate, signature);
            SignedIn now = stepped(signedIn, level, request, response);
            return reached(now, level, needed, continueTo, model);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            model.addAttribute("certificateError", message(e, locale));
            // Each challenge serves one submission: a fresh one, with the certificate kept as typed.
            model.addAttribute("challenge", certificates.challenge(signedIn.accountId()));
            model.addAttribute("certificateText", certificate);
            model.addAttribute("signatureText", signature);
            return render(signedIn, needed, continueTo, model);
        }
    }

    /** The level as stored; the session's principal is brought up to date when an officer changed it meanwhile. */
    private int refresh(SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        int level = levels.current(signedIn.accountId());
        if (level != signedIn.assuranceLevel()) {
            SessionPrincipal.replace(signedIn.withAssuranceLevel(level), request, response);
        }
        return level;
    }

    private static SignedIn stepped(SignedIn signedIn, int level, HttpServletRequest request,
            HttpServletResponse response) {
        SignedIn now = signedIn.withAssuranceLevel(level);
        SessionPrincipal.replace(now, request, response);
        return now;
    }

    private String reached(SignedIn signedIn, int level, Integer needed, String continueTo, Model model) {
        Optional<String> back = AssuranceLevels.safeContinue(continueTo);
        if (level >= (needed == null ? level : needed) && back.isPresent()) {
            return "redirect:" + back.get();
        }
        model.addAttribute("stepped", level);
        return render(signedIn, needed, continueTo, model);
    }

    private String render(SignedIn signedIn, Integer needed, String continueTo, Model model) {
        AccountView account = accounts.view(signedIn.accountId());
        int level = account.assuranceLevel();
        int target = AssuranceLevels.clamp(needed == null ? Math.min(level + 1, AssuranceLevels.MAX) : needed);
        model.addAttribute("account", account);
        model.addAttribute("level", level);
        model.addAttribute("needed", needed == null ? null : target);
        model.addAttribute("target", target);
        model.addAttribute("reached", level >= target);
        model.addAttribute("ways", AssuranceLevels.waysUp(level, target));
        model.addAttribute("continueTo", AssuranceLevels.safeContinue(continueTo).orElse(null));
        model.addAttribute("phoneVerified", phones.verified(signedIn.accountId()));
        model.addAttribute("smsAvailable", codes.available());
        model.addAttribute("residentId", account.idType() == IdDocumentType.RESIDENT_ID);
        model.addAttribute("signerId", certificateProperties.signerId());
        model.addAttribute("history", levels.history(signedIn.accountId(), 10));
        return "identity/assurance";
    }

    private String message(InvalidValueException e, Locale locale) {
        return messages.getMessage(e.code(), e.arguments(), e.code(), locale);
    }
}

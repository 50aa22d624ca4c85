package org.tongban.identity.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.InPersonVerification;
import org.tongban.identity.SignedIn;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The window officer's in-person check (实人核验, L3) in the workbench: find the person by the document in hand,
 * record the check with the hall. Only window officers reach it (security rules and the service both check).
 */
@Controller
class InPersonVerificationPages {

    private final InPersonVerification verification;
    private final MessageSource messages;

    InPersonVerificationPages(InPersonVerification verification, MessageSource messages) {
        this.verification = verification;
        this.messages = messages;
    }

    @GetMapping("/workbench/identity/verify")
    String form(@AuthenticationPrincipal SignedIn officer, Model model) {
        return page(officer, model, IdDocumentType.RESIDENT_ID, "");
    }

    @PostMapping("/workbench/identity/verify/lookup")
    String lookup(@AuthenticationPrincipal SignedIn officer,
            @RequestParam(defaultValue = "RESIDENT_ID") IdDocumentType idType,
            @RequestParam(defaultValue = "") String idNumber, Model model, HttpServletResponse response,
            Locale locale) {
        try {
            var person = verification.find(officer, idType, idNumber);
            if (person.isEmpty()) {
                response.setStatus(404);
                model.addAttribute("error", messages.getMessage("identity.in-person.not-found", null, locale));
            } else {
                model.addAttribute("person", person.get());
            }
        } catch (InvalidValueException e) {
            response.setStatus(400);
            model.addAttribute("error", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        }
        return page(officer, model, idType, idNumber);
    }

    @PostMapping("/workbench/identity/verify")
    String grant(@AuthenticationPrincipal SignedIn officer,
            @RequestParam(defaultValue = "RESIDENT_ID") IdDocumentType idType,
            @RequestParam(defaultValue = "") String idNumber, @RequestParam(required = false) UUID hall,
            Model model, HttpServletResponse response, Locale locale) {
        try {
            int level = verification.grant(officer, idType, idNumber, hall);
            model.addAttribute("granted", level);
            verification.find(officer, idType, idNumber).ifPresent(p -> model.addAttribute("person", p));
            return page(officer, model, idType, "");
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("error", messages.getMessage(e.code(), null, e.code(), locale));
        } catch (InvalidValueException e) {
            response.setStatus(400);
            model.addAttribute("error", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
            try {
                verification.find(officer, idType, idNumber).ifPresent(p -> model.addAttribute("person", p));
            } catch (InvalidValueException badNumber) {
                // the number itself is wrong: the message above says so
            }
        }
        return page(officer, model, idType, idNumber);
    }

    private String page(SignedIn officer, Model model, IdDocumentType idType, String idNumber) {
        model.addAttribute("idTypes", IdDocumentType.values());
        model.addAttribute("idType", idType);
        model.addAttribute("idNumber", idNumber == null ? "" : idNumber.strip());
        model.addAttribute("halls", verification.halls(officer));
        return "identity/workbench-verify";
    }
}

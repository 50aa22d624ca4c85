package org.tongban.supervision.web;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.Complaints;
import org.tongban.supervision.SupervisionRefusedException;

/** The applicant's complaint page of a case (投诉) and the supervisors' answers in the workbench. */
@Controller
class ComplaintPages {

    private final Complaints complaints;
    private final MessageSource messages;

    ComplaintPages(Complaints complaints, MessageSource messages) {
        this.complaints = complaints;
        this.messages = messages;
    }

    @GetMapping("/account/cases/{id}/complaints")
    String page(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, Model model) {
        return form(id, who, "", null, model);
    }

    @PostMapping("/account/cases/{id}/complaints")
    String submit(@PathVariable UUID id, @RequestParam(defaultValue = "") String text,
            @AuthenticationPrincipal SignedIn who, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            complaints.submit(who, id, text);
            redirect.addFlashAttribute("submitted", true);
            return "redirect:/account/cases/" + id + "/complaints";
        } catch (SupervisionRefusedException e) {
            if (e.reason() != SupervisionRefusedException.Reason.RULE) {
                throw e;
            }
            response.setStatus(e.status().value());
            return form(id, who, text, messages.getMessage(e.code(), e.arguments(), locale), model);
        }
    }

    private String form(UUID id, SignedIn who, String text, String error, Model model) {
        model.addAttribute("complaints", complaints.ofCase(who, id));
        model.addAttribute("applicationId", id);
        model.addAttribute("text", text);
        model.addAttribute("error", error);
        return "supervision/complaints";
    }

    @PostMapping("/workbench/supervision/complaints/{id}/response")
    String respond(@PathVariable UUID id, @RequestParam(defaultValue = "") String response,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            complaints.respond(supervisor, id, response);
            redirect.addFlashAttribute("answeredComplaint", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("responseError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("responseErrorFor", id);
            redirect.addFlashAttribute("typedResponse", response);
        }
        return "redirect:/workbench/supervision#c-" + id;
    }
}

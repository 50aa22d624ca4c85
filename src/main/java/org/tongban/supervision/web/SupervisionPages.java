package org.tongban.supervision.web;

import java.util.Locale;
import java.util.UUID;

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
import org.tongban.supervision.Supervision;
import org.tongban.supervision.SupervisionRefusedException;

/** The supervisor's workbench page (电子监察): lights by body, open warnings, each case's record. */
@Controller
class SupervisionPages {

    private final Supervision supervision;
    private final Complaints complaints;
    private final MessageSource messages;

    private final org.tongban.supervision.ExposureColumn exposure;
    private final org.tongban.supervision.Findings findings;

    SupervisionPages(Supervision supervision, Complaints complaints, org.tongban.supervision.ExposureColumn exposure,
            org.tongban.supervision.Findings findings, MessageSource messages) {
        this.findings = findings;
        this.exposure = exposure;
        this.supervision = supervision;
        this.complaints = complaints;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision")
    String overview(@RequestParam(required = false) UUID body, @RequestParam(defaultValue = "false") boolean handled,
            @AuthenticationPrincipal SignedIn supervisor, Model model) {
        model.addAttribute("lights", supervision.lights(supervisor));
        model.addAttribute("warnings", supervision.warnings(supervisor, body, handled));
        model.addAttribute("body", body);
        model.addAttribute("handled", handled);
        model.addAttribute("complaints", complaints.forSupervisor(supervisor));
        model.addAttribute("findings", findings.list(supervisor, null, "OPEN", body).stream().limit(20).toList());
        model.addAttribute("exposed", exposure.publishedComplaints(supervisor));
        model.addAttribute("exposure", exposure.ofDivision(supervisor));
        return "supervision/overview";
    }

    @GetMapping("/workbench/supervision/cases/{id}")
    String caseRecord(@PathVariable UUID id, @AuthenticationPrincipal SignedIn supervisor, Model model) {
        model.addAttribute("record", supervision.caseRecord(supervisor, id));
        return "supervision/case";
    }

    @PostMapping("/workbench/supervision/warnings/{id}/handled")
    String handle(@PathVariable UUID id, @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) UUID application, @AuthenticationPrincipal SignedIn supervisor,
            Locale locale, RedirectAttributes redirect) {
        try {
            supervision.handle(supervisor, id, note);
            redirect.addFlashAttribute("handledWarning", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("noteError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("noteErrorFor", id);
            redirect.addFlashAttribute("typedNote", note);
        }
        return application != null ? "redirect:/workbench/supervision/cases/" + application + "#w-" + id
                : "redirect:/workbench/supervision#w-" + id;
    }
}

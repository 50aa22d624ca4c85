package org.tongban.supervision.web;

import java.util.List;
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
import org.tongban.supervision.AnomalyRule;
import org.tongban.supervision.Findings;
import org.tongban.supervision.SupervisionRefusedException;

/** The supervisor's page of anomaly findings (电子监察异常): filter, read the evidence, confirm or dismiss. */
@Controller
class FindingPages {

    private final Findings findings;
    private final MessageSource messages;

    FindingPages(Findings findings, MessageSource messages) {
        this.findings = findings;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision/findings")
    String list(@RequestParam(required = false) AnomalyRule rule, @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID body, @AuthenticationPrincipal SignedIn supervisor, Model model) {
        model.addAttribute("findings", findings.list(supervisor, rule, status, body));
        model.addAttribute("bodies", findings.bodies(supervisor));
        model.addAttribute("rules", AnomalyRule.values());
        model.addAttribute("statuses", List.of("OPEN", "CONFIRMED", "DISMISSED"));
        model.addAttribute("rule", rule);
        model.addAttribute("status", status);
        model.addAttribute("body", body);
        return "supervision/findings";
    }

    @PostMapping("/workbench/supervision/findings/{id}/review")
    String review(@PathVariable UUID id, @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String reason, @RequestParam(required = false) UUID application,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            findings.review(supervisor, id, decision, reason);
            redirect.addFlashAttribute("reviewedFinding", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("reviewError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("reviewErrorFor", id);
            redirect.addFlashAttribute("typedReason", reason);
            redirect.addFlashAttribute("typedDecision", decision);
        }
        return application != null ? "redirect:/workbench/supervision/cases/" + application + "#f-" + id
                : "redirect:/workbench/supervision/findings#f-" + id;
    }
}

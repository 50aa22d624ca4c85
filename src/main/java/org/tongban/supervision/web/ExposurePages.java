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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.supervision.ExposureColumn;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The exposure and correction column (曝光纠错): the public page and API, and the supervisor's publish and withdraw
 * actions from the complaints of the supervision page.
 */
@Controller
class ExposurePages {

    private final ExposureColumn column;
    private final MessageSource messages;

    ExposurePages(ExposureColumn column, MessageSource messages) {
        this.column = column;
        this.messages = messages;
    }

    @GetMapping("/exposure")
    String page(@RequestParam(required = false) String division, Model model) {
        model.addAttribute("entries", column.published(prefix(division), 100));
        return "supervision/exposure";
    }

    @GetMapping("/api/v1/exposure")
    @ResponseBody
    List<ExposureColumn.Entry> api(@RequestParam(required = false) String division) {
        return column.published(prefix(division), 100);
    }

    @PostMapping("/workbench/supervision/complaints/{id}/exposure")
    String publish(@PathVariable UUID id, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String problem, @RequestParam(defaultValue = "") String resolution,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            column.publish(supervisor, id, title, problem, resolution);
            redirect.addFlashAttribute("exposed", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("exposureError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("exposureErrorFor", id);
            redirect.addFlashAttribute("typedTitle", title);
            redirect.addFlashAttribute("typedProblem", problem);
            redirect.addFlashAttribute("typedResolution", resolution);
        }
        return "redirect:/workbench/supervision#c-" + id;
    }

    @PostMapping("/workbench/supervision/exposure/{id}/withdrawal")
    String withdraw(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            column.withdraw(supervisor, id, reason);
            redirect.addFlashAttribute("withdrawn", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("withdrawalError", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "redirect:/workbench/supervision#exposure";
    }

    private static String prefix(String division) {
        return division == null || division.isBlank() ? ""
                : InvalidFieldException.parse("division", () -> DivisionCode.of(division.strip())).prefix();
    }
}

package org.tongban.evaluation.web;

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
import org.tongban.evaluation.RatingAppeals;
import org.tongban.evaluation.RatingRefusedException;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Appeals against bad ratings on the workbench: the rated body files one from its rectifications page; supervisors
 * decide the appeals of their division here, and every body sees how its appeals went.
 */
@Controller
class AppealPages {

    private final RatingAppeals appeals;
    private final MessageSource messages;

    AppealPages(RatingAppeals appeals, MessageSource messages) {
        this.appeals = appeals;
        this.messages = messages;
    }

    @GetMapping("/workbench/rating-appeals")
    String page(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("own", appeals.ofBody(officer));
        if (officer.has(StaffRole.SUPERVISOR)) {
            model.addAttribute("pending", appeals.pending(officer));
        }
        return "evaluation/appeals";
    }

    @PostMapping("/workbench/ratings/{id}/appeal")
    String file(@PathVariable("id") UUID ratingId, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) {
        try {
            appeals.file(officer, ratingId, reason);
            redirect.addFlashAttribute("appealed", true);
            return "redirect:/workbench/rating-appeals";
        } catch (RatingRefusedException e) {
            rethrowAccess(e);
            redirect.addFlashAttribute("appealError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("appealErrorFor", ratingId);
            redirect.addFlashAttribute("typedAppeal", reason);
            return "redirect:/workbench/rectifications";
        }
    }

    @PostMapping("/workbench/rating-appeals/{id}")
    String decide(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean uphold,
            @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "-1") long version,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("decided", appeals.decide(supervisor, id, uphold, reason, version).status());
        } catch (RatingRefusedException e) {
            rethrowAccess(e);
            redirect.addFlashAttribute("decisionError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("decisionErrorFor", id);
            redirect.addFlashAttribute("typedDecision", reason);
        }
        return "redirect:/workbench/rating-appeals#a-" + id;
    }

    private static void rethrowAccess(RatingRefusedException e) {
        if (e.reason() == RatingRefusedException.Reason.FORBIDDEN
                || e.reason() == RatingRefusedException.Reason.SIGN_IN) {
            throw e;
        }
    }
}

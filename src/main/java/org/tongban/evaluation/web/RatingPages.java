package org.tongban.evaluation.web;

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
import org.tongban.evaluation.RatingAppeals;
import org.tongban.evaluation.RatingLevel;
import org.tongban.evaluation.RatingReason;
import org.tongban.evaluation.RatingRefusedException;
import org.tongban.evaluation.Ratings;
import org.tongban.evaluation.RectificationView;
import org.tongban.identity.SignedIn;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The applicant's rating page of a case (好差评, linked from the case page), and the workbench page where the rated
 * body's staff record the return visit and answer bad ratings.
 */
@Controller
class RatingPages {

    private final Ratings ratings;
    private final RatingAppeals appeals;
    private final MessageSource messages;

    RatingPages(Ratings ratings, RatingAppeals appeals, MessageSource messages) {
        this.ratings = ratings;
        this.appeals = appeals;
        this.messages = messages;
    }

    @GetMapping("/account/cases/{id}/rating")
    String page(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who, Model model) {
        return form(id, who, null, List.of(), "", null, model);
    }

    @PostMapping("/account/cases/{id}/rating")
    String rate(@PathVariable UUID id, @RequestParam(required = false) Integer level,
            @RequestParam(required = false) List<String> reasons, @RequestParam(defaultValue = "") String comment,
            @AuthenticationPrincipal SignedIn who, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            ratings.rate(who, id, level, reasons, comment);
            redirect.addFlashAttribute("rated", true);
            return "redirect:/account/cases/" + id + "/rating";
        } catch (RatingRefusedException e) {
            if (e.reason() == RatingRefusedException.Reason.FORBIDDEN
                    || e.reason() == RatingRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            // The form again with what was chosen and typed, the message next to the field.
            response.setStatus(e.status().value());
            return form(id, who, level, reasons == null ? List.of() : reasons, comment,
                    new FieldMessage(e.code().endsWith("comment-too-long") ? "comment" : "level",
                            messages.getMessage(e.code(), e.arguments(), locale)),
                    model);
        }
    }

    record FieldMessage(String field, String message) {
    }

    private String form(UUID id, SignedIn who, Integer level, List<String> reasons, String comment,
            FieldMessage error, Model model) {
        model.addAttribute("view", ratings.ofCase(who, id));
        model.addAttribute("levels", RatingLevel.values());
        model.addAttribute("reasonChoices", RatingReason.values());
        model.addAttribute("chosenLevel", level);
        model.addAttribute("chosenReasons", reasons);
        model.addAttribute("comment", comment);
        model.addAttribute("error", error);
        return "evaluation/rating";
    }

    @GetMapping("/workbench/rectifications")
    String rectifications(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("rectifications", ratings.ofBody(officer));
        // The status of the body's appeal per rating (one appeal per bad rating).
        model.addAttribute("appeals", appeals.ofBody(officer).stream().collect(java.util.stream.Collectors.toMap(
                a -> a.ratingId(), a -> a.status(), (a, b) -> a)));
        return "evaluation/rectifications";
    }

    @PostMapping("/workbench/rectifications/{id}")
    String respond(@PathVariable UUID id, @RequestParam(defaultValue = "") String visitNote,
            @RequestParam(defaultValue = "") String response, @AuthenticationPrincipal SignedIn officer,
            Locale locale, RedirectAttributes redirect) {
        try {
            RectificationView answered = ratings.respond(officer, id, visitNote, response);
            redirect.addFlashAttribute("answered", answered.status());
        } catch (RatingRefusedException e) {
            if (e.reason() == RatingRefusedException.Reason.FORBIDDEN
                    || e.reason() == RatingRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("answerError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("answerErrorFor", id);
            redirect.addFlashAttribute("typedVisitNote", visitNote);
            redirect.addFlashAttribute("typedResponse", response);
        }
        return "redirect:/workbench/rectifications#r-" + id;
    }
}

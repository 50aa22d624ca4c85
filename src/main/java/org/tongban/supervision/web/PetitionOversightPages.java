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
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.supervision.ExposureColumn;
import org.tongban.supervision.PetitionOversight;
import org.tongban.supervision.PetitionView;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The supervisor's page of petitions (电子监察 · 诉求督办): the overdue ones of the division with the days overdue and an
 * urging form each, and the answered complaints and reports that may be published in the exposure column, each with
 * a draft whose personal data is already scrubbed, for the supervisor to edit before publishing.
 */
@Controller
class PetitionOversightPages {

    private final PetitionOversight oversight;
    private final ExposureColumn exposure;
    private final MessageSource messages;

    PetitionOversightPages(PetitionOversight oversight, ExposureColumn exposure, MessageSource messages) {
        this.oversight = oversight;
        this.exposure = exposure;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision/petitions")
    String page(@AuthenticationPrincipal SignedIn supervisor, Model model) {
        model.addAttribute("overdue", oversight.overdue(supervisor));
        List<PetitionView> publishable = exposure.publishablePetitions(supervisor);
        model.addAttribute("drafts", publishable.stream().map(p -> exposure.draft(supervisor, p.id())).toList());
        return "supervision/petition-oversight";
    }

    @PostMapping("/workbench/supervision/petitions/{id}/urges")
    String urge(@PathVariable UUID id, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            oversight.urge(supervisor, id, note);
            redirect.addFlashAttribute("urged", id);
        } catch (InvalidFieldException e) {
            error(redirect, id, messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(), locale),
                    note, null, null, null);
        } catch (SupervisionRefusedException e) {
            rethrowIfNotAllowed(e);
            error(redirect, id, messages.getMessage(e.code(), e.arguments(), locale), note, null, null, null);
        }
        return "redirect:/workbench/supervision/petitions#o-" + id;
    }

    @PostMapping("/workbench/supervision/petitions/{id}/exposure")
    String publish(@PathVariable UUID id, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String problem, @RequestParam(defaultValue = "") String resolution,
            @AuthenticationPrincipal SignedIn supervisor, Locale locale, RedirectAttributes redirect) {
        try {
            exposure.publishPetition(supervisor, id, title, problem, resolution);
            redirect.addFlashAttribute("published", id);
            return "redirect:/workbench/supervision/petitions#published";
        } catch (SupervisionRefusedException e) {
            rethrowIfNotAllowed(e);
            error(redirect, id, messages.getMessage(e.code(), e.arguments(), locale), null, title, problem,
                    resolution);
        }
        return "redirect:/workbench/supervision/petitions#x-" + id;
    }

    private static void rethrowIfNotAllowed(SupervisionRefusedException e) {
        if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
            throw e;
        }
    }

    private static void error(RedirectAttributes redirect, UUID id, String message, String note, String title,
            String problem, String resolution) {
        redirect.addFlashAttribute("oversightErrorFor", id);
        redirect.addFlashAttribute("oversightError", message);
        redirect.addFlashAttribute("typedNote", note);
        redirect.addFlashAttribute("typedTitle", title);
        redirect.addFlashAttribute("typedProblem", problem);
        redirect.addFlashAttribute("typedResolution", resolution);
    }
}

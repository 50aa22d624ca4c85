package org.tongban.supervision.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.SignedIn;
import org.tongban.platform.documents.PdfDownload;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.supervision.Assessment;
import org.tongban.supervision.AssessmentReports;
import org.tongban.supervision.AssessmentView;
import org.tongban.supervision.SupervisionRefusedException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The performance assessment pages (绩效考核): a division's month with its parts, the ranking of its bodies and the
 * trend (supervisors), and a body's monthly report with its PDF (the body's own staff and its supervisors). Figures
 * are tables rendered on the server; the trend is also drawn with ECharts from the same JSON API. A malformed month
 * or division keeps what was typed and says what is wrong (400).
 */
@Controller
class AssessmentPages {

    private final Assessment assessment;
    private final AssessmentReports reports;
    private final MessageSource messages;

    AssessmentPages(Assessment assessment, AssessmentReports reports, MessageSource messages) {
        this.assessment = assessment;
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision/assessment")
    String division(@RequestParam(required = false) String division, @RequestParam(required = false) String month,
            @AuthenticationPrincipal SignedIn supervisor, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("division", division);
        model.addAttribute("month", month);
        model.addAttribute("indicators", Assessment.INDICATORS);
        model.addAttribute("weightsNote", messages.getMessage("supervision.assessment.weights-note",
                assessment.weightsNoteArguments(), locale));
        try {
            AssessmentView.DivisionReport view = assessment.division(supervisor, division, month);
            model.addAttribute("view", view);
            assessment.lastRefreeze(view.divisionCode(), view.month())
                    .ifPresent(r -> model.addAttribute("lastRefreeze", r));
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("fieldError", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    locale));
        }
        return "supervision/assessment";
    }

    /** Freezes the shown closed month again (reason required); back to the page with the outcome. */
    @PostMapping("/workbench/supervision/assessment/refreeze")
    String refreeze(@RequestParam(defaultValue = "") String division, @RequestParam(defaultValue = "") String month,
            @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal SignedIn supervisor,
            Locale locale, RedirectAttributes redirect) {
        try {
            Assessment.Refreeze done = assessment.refreeze(supervisor, division, month, reason);
            redirect.addFlashAttribute("refrozen", done);
        } catch (InvalidFieldException e) {
            redirect.addFlashAttribute("refreezeError", messages.getMessage(e.invalidValue().code(),
                    e.invalidValue().arguments(), locale));
            redirect.addFlashAttribute("typedReason", reason);
        } catch (SupervisionRefusedException e) {
            if (e.reason() != SupervisionRefusedException.Reason.RULE) {
                throw e;
            }
            redirect.addFlashAttribute("refreezeError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("typedReason", reason);
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/workbench/supervision/assessment")
                .queryParam("division", division).queryParam("month", month).encode().build().toUriString()
                + "#refreeze";
    }

    @GetMapping("/workbench/supervision/assessment/bodies/{id}")
    String body(@PathVariable UUID id, @RequestParam(required = false) String month,
            @AuthenticationPrincipal SignedIn who, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("bodyId", id);
        model.addAttribute("month", month);
        model.addAttribute("indicators", Assessment.INDICATORS);
        model.addAttribute("weightsNote", messages.getMessage("supervision.assessment.weights-note",
                assessment.weightsNoteArguments(), locale));
        try {
            model.addAttribute("report", assessment.body(who, id, month));
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("fieldError", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    locale));
        }
        return "supervision/assessment-body";
    }

    @GetMapping("/workbench/supervision/assessment/bodies/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) String month,
            @AuthenticationPrincipal SignedIn who, Locale locale) {
        AssessmentReports.Pdf pdf = reports.body(who, id, month, locale);
        return PdfDownload.of(pdf.fileName(), pdf.content());
    }
}

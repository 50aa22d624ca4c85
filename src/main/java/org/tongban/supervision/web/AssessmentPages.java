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
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.SignedIn;
import org.tongban.platform.documents.PdfDownload;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.supervision.Assessment;
import org.tongban.supervision.AssessmentReports;

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
            model.addAttribute("view", assessment.division(supervisor, division, month));
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("fieldError", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    locale));
        }
        return "supervision/assessment";
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

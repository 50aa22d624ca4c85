package org.tongban.cases.web;

import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.CasesProperties;
import org.tongban.cases.SpecialProcedureKind;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;

/** The officers' to-do list (待办), a task with its case and the actions its node offers, and extension approvals. */
@Controller
class TaskPages {

    private final CaseProcessing processing;
    private final MessageSource messages;
    private final CasesProperties properties;

    private final org.tongban.cases.CaseDocuments documents;

    TaskPages(CaseProcessing processing, MessageSource messages, CasesProperties properties,
            org.tongban.cases.CaseDocuments documents) {
        this.documents = documents;
        this.processing = processing;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping("/workbench/tasks")
    String todo(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("tasks", processing.todo(officer));
        model.addAttribute("done", processing.done(officer));
        model.addAttribute("extensions", processing.pendingExtensions(officer));
        model.addAttribute("warningDays", properties.deadlines().warningDays());
        return "cases/tasks";
    }

    @GetMapping("/workbench/tasks/{id}")
    String task(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale, Model model) {
        TaskView.Detail detail = processing.task(officer, id);
        model.addAttribute("detail", detail);
        model.addAttribute("documents", documents.available(officer, detail.task().applicationId()));
        model.addAttribute("specialKinds", SpecialProcedureKind.values());
        model.addAttribute("defaultRemedy", messages.getMessage(CaseAcceptance.DEFAULT_REMEDY_KEY, null, locale));
        model.addAttribute("warningDays", properties.deadlines().warningDays());
        return "cases/task";
    }

    @GetMapping("/workbench/tasks/{id}/materials/{material}")
    ResponseEntity<InputStreamResource> material(@PathVariable UUID id, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn officer) {
        return ApplicantPages.inline(processing.material(officer, id, material));
    }

    @PostMapping("/workbench/tasks/{id}/actions")
    String act(@PathVariable UUID id, @RequestParam long version, @RequestParam TaskAction action,
            @RequestParam(defaultValue = "") String opinion, @RequestParam(required = false) String returnTo,
            @RequestParam(required = false) SpecialProcedureKind specialKind,
            @RequestParam(required = false) String legalBasis, @RequestParam(required = false) String remedy,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) {
        try {
            processing.act(officer, id, version, action,
                    new CaseProcessing.ActionInput(opinion, returnTo, specialKind, legalBasis, remedy));
            redirect.addFlashAttribute("acted", action.name());
            return action == TaskAction.SPECIAL_START || action == TaskAction.SPECIAL_END
                    || action == TaskAction.EXTENSION_REQUEST ? "redirect:/workbench/tasks/" + id
                    : "redirect:/workbench/tasks";
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            // Back to the task with the reason; what was typed stays in the form.
            redirect.addFlashAttribute("actionError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("typedAction", action.name());
            redirect.addFlashAttribute("typedOpinion", opinion);
            redirect.addFlashAttribute("typedBasis", legalBasis);
            redirect.addFlashAttribute("typedRemedy", remedy);
            return "redirect:/workbench/tasks/" + id;
        }
    }

    @PostMapping("/workbench/extensions/{applicationId}")
    String extension(@PathVariable UUID applicationId, @RequestParam boolean approve,
            @AuthenticationPrincipal SignedIn head, Locale locale, RedirectAttributes redirect) {
        try {
            processing.decideExtension(head, applicationId, approve);
            redirect.addFlashAttribute("acted", approve ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED");
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("actionError", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "redirect:/workbench/tasks";
    }
}

package org.tongban.cases.web;

import java.util.List;
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

    private final org.tongban.cases.CaseDelivery delivery;

    TaskPages(CaseProcessing processing, MessageSource messages, CasesProperties properties,
            org.tongban.cases.CaseDocuments documents, org.tongban.cases.CaseDelivery delivery) {
        this.delivery = delivery;
        this.documents = documents;
        this.processing = processing;
        this.messages = messages;
        this.properties = properties;
    }

    /** Tasks on a page of the to-do list. */
    private static final int TODO_PAGE = 50;

    /** The to-do list: the officer's own tasks, the unclaimed ones, or all of the body ({@code show}), a page at a time. */
    @GetMapping("/workbench/tasks")
    String todo(@AuthenticationPrincipal SignedIn officer,
            @RequestParam(defaultValue = "BODY") CaseProcessing.TodoFilter show,
            @RequestParam(defaultValue = "0") int page, Model model) {
        CaseProcessing.TodoPage todo = processing.todo(officer, show, page, TODO_PAGE);
        model.addAttribute("tasks", todo.tasks());
        model.addAttribute("todo", todo);
        model.addAttribute("show", show);
        model.addAttribute("filters", CaseProcessing.TodoFilter.values());
        model.addAttribute("me", officer.accountId());
        model.addAttribute("myRoles", officer.roles().stream().map(Enum::name).toList());
        model.addAttribute("done", processing.done(officer));
        model.addAttribute("extensions", processing.pendingExtensions(officer));
        model.addAttribute("warningDays", properties.deadlines().warningDays());
        return "cases/tasks";
    }

    @GetMapping("/workbench/tasks/{id}")
    String task(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale, Model model) {
        TaskView.Detail detail = processing.task(officer, id);
        model.addAttribute("detail", detail);
        model.addAttribute("me", officer.accountId());
        model.addAttribute("documents", documents.available(officer, detail.task().applicationId()));
        model.addAttribute("specialKinds", SpecialProcedureKind.values());
        model.addAttribute("defaultRemedy", messages.getMessage(CaseAcceptance.DEFAULT_REMEDY_KEY, null, locale));
        model.addAttribute("warningDays", properties.deadlines().warningDays());
        model.addAttribute("delivery", delivery.forOfficer(officer, id));
        model.addAttribute("deliveryStep", "OPEN".equals(detail.task().status())
                && ("deliver".equals(detail.task().nodeId()) || "送达".equals(detail.task().nodeName())));
        // The process the case follows (the version it started with), drawn with the steps it is at now.
        org.tongban.cases.ProcessDefinition definition = processing.definitionOf(officer, id);
        java.util.Set<String> current = currentSteps(definition, detail.progress().current());
        model.addAttribute("caseFlow", definition);
        model.addAttribute("caseFlowCurrent", current);
        model.addAttribute("caseFlowFlagged", java.util.Set.of());
        model.addAttribute("caseFlowDiagram", ProcessDiagram.svg(definition, current,
                ProcessDiagram.Texts.of(messages, locale), "case-flow"));
        return "cases/task";
    }

    /** The open steps as the drawing names them: a node's id, and {@code node/branch} for a branch running now. */
    static java.util.Set<String> currentSteps(org.tongban.cases.ProcessDefinition definition, List<TaskView> open) {
        java.util.Set<String> current = new java.util.TreeSet<>();
        for (TaskView t : open) {
            current.add(t.nodeId());
            if (t.branchName() != null) {
                definition.node(t.nodeId()).ifPresent(n -> n.branches().stream()
                        .filter(b -> t.branchName().equals(b.name())).findFirst()
                        .ifPresent(b -> current.add(n.id() + "/" + b.id())));
            }
        }
        return current;
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

    @PostMapping("/workbench/tasks/{id}/claim")
    String claim(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale,
            RedirectAttributes redirect) {
        return holding(id, "CLAIMED", locale, redirect, () -> processing.claim(officer, id));
    }

    @PostMapping("/workbench/tasks/{id}/release")
    String release(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale,
            RedirectAttributes redirect) {
        return holding(id, "RELEASED", locale, redirect, () -> processing.release(officer, id));
    }

    @PostMapping("/workbench/tasks/{id}/assignment")
    String assign(@PathVariable UUID id, @RequestParam UUID assignee, @AuthenticationPrincipal SignedIn leader,
            Locale locale, RedirectAttributes redirect) {
        return holding(id, "ASSIGNED", locale, redirect, () -> processing.assign(leader, id, assignee));
    }

    /** Back to the task with what happened, or with the reason it was refused (e.g. someone else holds it). */
    private String holding(UUID id, String done, Locale locale, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("acted", done);
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("actionError", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "redirect:/workbench/tasks/" + id;
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

package org.tongban.cases.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseProgress;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.SpecialProcedureKind;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.shared.NotFoundException;

/**
 * Case handling over HTTP: officers' tasks and actions, the head's extension decision, the applicant's progress.
 * Failures are RFC 9457 problems: {@code cases.task.conflict} 409 when another officer acted first,
 * {@code cases.task.action-not-allowed} / {@code cases.task.opinion-missing} 422, {@code cases.task.officers-only} /
 * {@code cases.task.role-required} 403, {@code cases.task.not-found} 404 (also for another body's task);
 * {@code cases.task.held} 409 when another officer holds the task (claimed or assigned), {@code cases.task.not-held}
 * 409 when releasing a task nobody holds, {@code cases.task.assignee-invalid} 422.
 */
@RestController
@RequestMapping("/api/v1/cases")
class TasksApi {

    private final CaseProcessing processing;

    TasksApi(CaseProcessing processing) {
        this.processing = processing;
    }

    /**
     * A page of the to-do list: {@code show=MINE} (held by me), {@code UNCLAIMED}, or {@code BODY} (default); pages
     * from 0 of {@code size} tasks (default 50, at most 500). A page shorter than {@code size} is the last.
     */
    @GetMapping("/tasks")
    List<TaskView> todo(@AuthenticationPrincipal SignedIn officer,
            @RequestParam(defaultValue = "BODY") CaseProcessing.TodoFilter show,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return processing.todo(signedIn(officer), show, page, size).tasks();
    }

    @GetMapping("/tasks/done")
    List<TaskView> done(@AuthenticationPrincipal SignedIn officer) {
        return processing.done(signedIn(officer));
    }

    @GetMapping("/tasks/{id}")
    TaskView.Detail task(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return processing.task(signedIn(officer), id);
    }

    record Action(TaskAction action, Long version, String opinion, String returnTo, SpecialProcedureKind specialKind,
            String legalBasis, String remedy) {
    }

    @PostMapping("/tasks/{id}/actions")
    ResponseEntity<Void> act(@PathVariable UUID id, @RequestBody Action action,
            @AuthenticationPrincipal SignedIn officer) {
        if (action.action() == null) {
            throw CaseRefusedException.rule("cases.task.action-missing");
        }
        if (action.version() == null) {
            throw CaseRefusedException.rule("cases.decision.version-missing");
        }
        processing.act(signedIn(officer), id, action.version(), action.action(), new CaseProcessing.ActionInput(
                action.opinion(), action.returnTo(), action.specialKind(), action.legalBasis(), action.remedy()));
        return ResponseEntity.noContent().build();
    }

    /** Claims the task (认领): 200 with the task now held by the caller. */
    @PostMapping("/tasks/{id}/claim")
    TaskView claim(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return processing.claim(signedIn(officer), id);
    }

    /** Gives the task back (by its holder, or a leader of the body). */
    @PostMapping("/tasks/{id}/release")
    TaskView release(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return processing.release(signedIn(officer), id);
    }

    record Assignment(UUID assignee) {
    }

    /** A leader of the body hands the task to a named officer (分派 / 改派). */
    @PostMapping("/tasks/{id}/assignment")
    TaskView assign(@PathVariable UUID id, @RequestBody Assignment assignment,
            @AuthenticationPrincipal SignedIn leader) {
        if (assignment == null || assignment.assignee() == null) {
            throw CaseRefusedException.rule("cases.task.assignee-missing");
        }
        return processing.assign(signedIn(leader), id, assignment.assignee());
    }

    /** Whom a leader of the body may assign the task to. */
    @GetMapping("/tasks/{id}/assignees")
    List<TaskView.Assignee> assignees(@PathVariable UUID id, @AuthenticationPrincipal SignedIn leader) {
        return processing.assignees(signedIn(leader), id);
    }

    record ExtensionDecision(Boolean approve) {
    }

    @PostMapping("/applications/{id}/extension")
    ResponseEntity<Void> extension(@PathVariable UUID id, @RequestBody ExtensionDecision decision,
            @AuthenticationPrincipal SignedIn head) {
        processing.decideExtension(signedIn(head), id, Boolean.TRUE.equals(decision.approve()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/applications/{id}/progress")
    CaseProgress progress(@PathVariable UUID id, @AuthenticationPrincipal SignedIn applicant) {
        CaseProgress progress = processing.progress(signedIn(applicant), id);
        if (progress == null) {
            throw new NotFoundException("cases.case.not-found", id);
        }
        return progress;
    }

    private static SignedIn signedIn(SignedIn who) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return who;
    }
}

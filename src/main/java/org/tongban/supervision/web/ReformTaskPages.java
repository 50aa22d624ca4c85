package org.tongban.supervision.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

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
import org.tongban.supervision.ReformTasks;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The reform task progress table (工作任务进度表): every staff member reads it; supervisors of the plan's division set a
 * task's status and progress note. A refused change answers 422 (409 when someone changed the task first) with the
 * table and the form of that task as typed, the message next to the field.
 */
@Controller
class ReformTaskPages {

    private final ReformTasks tasks;
    private final MessageSource messages;

    ReformTaskPages(ReformTasks tasks, MessageSource messages) {
        this.tasks = tasks;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision/tasks")
    String list(@AuthenticationPrincipal SignedIn who, Model model) {
        model.addAttribute("tasks", tasks.list(who));
        model.addAttribute("statuses", ReformTasks.Status.values());
        return "supervision/tasks";
    }

    @PostMapping("/workbench/supervision/tasks/{id}")
    String update(@PathVariable UUID id, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "-1") long version,
            @AuthenticationPrincipal SignedIn who, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            tasks.update(who, id, status, note, version);
        } catch (SupervisionRefusedException e) {
            if (e.reason() != SupervisionRefusedException.Reason.RULE
                    && e.reason() != SupervisionRefusedException.Reason.CONFLICT) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("tasks", tasks.list(who));
            model.addAttribute("statuses", ReformTasks.Status.values());
            model.addAttribute("errorFor", id);
            model.addAttribute("errorField", e.code().endsWith("status-invalid") ? "status"
                    : e.code().endsWith("changed") ? null : "note");
            model.addAttribute("error", messages.getMessage(e.code(), e.arguments(), locale));
            model.addAttribute("typedStatus", status);
            model.addAttribute("typedNote", note);
            return "supervision/tasks";
        }
        redirect.addFlashAttribute("saved", id);
        return "redirect:/workbench/supervision/tasks#task-" + id;
    }
}

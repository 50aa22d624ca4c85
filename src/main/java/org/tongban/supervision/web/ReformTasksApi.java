package org.tongban.supervision.web;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.ReformTasks;

/**
 * The reform task progress table (工作任务进度表) over HTTP: every staff member reads it; supervisors of the task's
 * division set its status ({@code NOT_STARTED}, {@code ON_TRACK}, {@code DELAYED}, {@code DONE}) and progress note
 * with the version they read. Problems: {@code supervision.tasks.staff-only} / {@code .editors-only} 403,
 * {@code supervision.tasks.not-found} 404, {@code supervision.tasks.changed} 409,
 * {@code supervision.tasks.status-invalid} / {@code .note-required} / {@code .note-too-long} 422.
 */
@RestController
@RequestMapping("/api/v1/supervision/tasks")
class ReformTasksApi {

    private final ReformTasks tasks;

    ReformTasksApi(ReformTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    List<ReformTasks.Task> list(@AuthenticationPrincipal SignedIn who) {
        return tasks.list(who);
    }

    record Progress(String status, String note, Long version) {
    }

    @PostMapping("/{id}/progress")
    ReformTasks.Task update(@PathVariable UUID id, @RequestBody Progress progress,
            @AuthenticationPrincipal SignedIn who) {
        return tasks.update(who, id, progress.status(), progress.note(),
                progress.version() == null ? -1 : progress.version());
    }
}

package org.tongban.supervision.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.Assessment;
import org.tongban.supervision.AssessmentView;

/**
 * The performance assessment (绩效考核) over HTTP. {@code month} is {@code yyyy-MM} (the last month by default),
 * {@code division} a GB/T 2260 code (the supervisor's own by default). Problems: 400 naming the field
 * ({@code supervision.assessment.month-invalid} / {@code .month-out-of-range} / {@code .division-invalid}),
 * {@code supervision.supervisors-only} / {@code supervision.assessment.staff-only} 403,
 * {@code supervision.assessment.division-not-found} / {@code .body-not-found} 404 (also outside the caller's scope).
 */
@RestController
@RequestMapping("/api/v1/supervision/assessment")
class AssessmentApi {

    private final Assessment assessment;

    AssessmentApi(Assessment assessment) {
        this.assessment = assessment;
    }

    /** A division's month: totals, parts one level down, ranking of its bodies, trend (supervisors). */
    @GetMapping
    AssessmentView.DivisionReport division(@RequestParam(required = false) String division,
            @RequestParam(required = false) String month, @AuthenticationPrincipal SignedIn supervisor) {
        return assessment.division(supervisor, division, month);
    }

    /** {@code month} ({@code yyyy-MM}, closed), {@code division} (blank: the supervisor's), {@code reason}. */
    record RefreezeRequest(String month, String division, String reason) {
    }

    /**
     * Freezes a closed month again after a correction, for the supervisor's division and below (audited): 400 naming
     * {@code month}, {@code division} or {@code reason}; 422 {@code supervision.assessment.month-open}.
     */
    @PostMapping("/refreezes")
    @ResponseStatus(HttpStatus.CREATED)
    Assessment.Refreeze refreeze(@RequestBody RefreezeRequest request, @AuthenticationPrincipal SignedIn supervisor) {
        return assessment.refreeze(supervisor, request.division(), request.month(), request.reason());
    }

    /** A body's monthly report (its own staff, supervisors of its division). */
    @GetMapping("/bodies/{id}")
    AssessmentView.BodyReport body(@PathVariable UUID id, @RequestParam(required = false) String month,
            @AuthenticationPrincipal SignedIn who) {
        return assessment.body(who, id, month);
    }
}

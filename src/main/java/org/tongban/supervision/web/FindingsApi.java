package org.tongban.supervision.web;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.AnomalyRule;
import org.tongban.supervision.FindingView;
import org.tongban.supervision.Findings;

/**
 * Anomaly findings over HTTP, for supervisors within their divisions: {@code supervision.supervisors-only} 403 for
 * anyone else, {@code supervision.finding.not-found} 404 outside the division; a review names
 * {@code decision} {@code CONFIRMED} or {@code DISMISSED} (the latter with a {@code reason}, else 422
 * {@code supervision.finding.reason-missing}); a second review is 409 {@code supervision.finding.already-reviewed}.
 */
@RestController
@RequestMapping("/api/v1/supervision/findings")
class FindingsApi {

    private final Findings findings;

    FindingsApi(Findings findings) {
        this.findings = findings;
    }

    @GetMapping
    List<FindingView> list(@RequestParam(required = false) AnomalyRule rule,
            @RequestParam(required = false) String status, @RequestParam(required = false) UUID body,
            @AuthenticationPrincipal SignedIn supervisor) {
        return findings.list(supervisor, rule, status, body);
    }

    @GetMapping("/{id}")
    FindingView get(@PathVariable UUID id, @AuthenticationPrincipal SignedIn supervisor) {
        return findings.get(supervisor, id);
    }

    record Review(String decision, String reason) {
    }

    @PostMapping("/{id}/review")
    FindingView review(@PathVariable UUID id, @RequestBody Review review,
            @AuthenticationPrincipal SignedIn supervisor) {
        return findings.review(supervisor, id, review.decision(), review.reason());
    }
}

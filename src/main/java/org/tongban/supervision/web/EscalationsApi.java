package org.tongban.supervision.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.Escalations;

/**
 * Escalation of overdue cases over HTTP: each staff member's notices (督办通知); the body head's overdue cases and the
 * lights per officer of a body (the head for their own body, supervisors within their division, else 404
 * {@code supervision.body.not-found}); lights per division for supervisors (404 {@code supervision.division.not-found}
 * outside their division). Citizens get 403 {@code supervision.escalation.staff-only}, staff who are neither head
 * nor supervisor 403 {@code supervision.escalation.heads-only} / {@code supervision.supervisors-only}.
 */
@RestController
@RequestMapping("/api/v1/supervision")
class EscalationsApi {

    private final Escalations escalations;

    EscalationsApi(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/escalations/notices")
    List<Escalations.NoticeView> notices(@AuthenticationPrincipal SignedIn viewer) {
        return escalations.notices(viewer);
    }

    @PostMapping("/escalations/notices/read")
    Map<String, Integer> read(@AuthenticationPrincipal SignedIn viewer) {
        return Map.of("marked", escalations.markRead(viewer));
    }

    @GetMapping("/escalations/overdue")
    List<Escalations.Overdue> overdue(@AuthenticationPrincipal SignedIn head) {
        return escalations.overdueOfOwnBody(head);
    }

    @GetMapping("/lights/officers")
    List<Escalations.OfficerLights> officers(@RequestParam(required = false) UUID body,
            @AuthenticationPrincipal SignedIn viewer) {
        return escalations.officerLights(viewer, body != null ? body : viewer == null ? null : viewer.staffBody());
    }

    @GetMapping("/lights/divisions")
    List<Escalations.DivisionLights> divisions(@RequestParam(required = false) String division,
            @AuthenticationPrincipal SignedIn supervisor) {
        return escalations.divisionLights(supervisor, division);
    }
}

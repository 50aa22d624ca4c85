package org.tongban.supervision.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.BodyLights;
import org.tongban.supervision.CaseRecord;
import org.tongban.supervision.ComplaintView;
import org.tongban.supervision.Complaints;
import org.tongban.supervision.Supervision;
import org.tongban.supervision.WarningView;

/**
 * Electronic supervision over HTTP. Lights, warnings, case records and complaint answers are for supervisors
 * (监察人员) within their divisions: {@code supervision.supervisors-only} 403 for anyone else,
 * {@code supervision.warning.not-found} / {@code supervision.complaint.not-found} 404 outside the division. Complaints
 * about a case are filed and read by its applicant ({@code cases.application.not-found} 404 for anyone else's case).
 */
@RestController
@RequestMapping("/api/v1/supervision")
class SupervisionApi {

    private final Supervision supervision;
    private final Complaints complaints;

    SupervisionApi(Supervision supervision, Complaints complaints) {
        this.supervision = supervision;
        this.complaints = complaints;
    }

    @GetMapping("/bodies")
    List<BodyLights> lights(@AuthenticationPrincipal SignedIn supervisor) {
        return supervision.lights(supervisor);
    }

    @GetMapping("/warnings")
    List<WarningView> warnings(@RequestParam(required = false) UUID body,
            @RequestParam(defaultValue = "false") boolean handled, @AuthenticationPrincipal SignedIn supervisor) {
        return supervision.warnings(supervisor, body, handled);
    }

    @GetMapping("/cases/{id}")
    CaseRecord caseRecord(@PathVariable UUID id, @AuthenticationPrincipal SignedIn supervisor) {
        return supervision.caseRecord(supervisor, id);
    }

    record Handling(String note) {
    }

    @PostMapping("/warnings/{id}/handled")
    WarningView handle(@PathVariable UUID id, @RequestBody Handling handling,
            @AuthenticationPrincipal SignedIn supervisor) {
        return supervision.handle(supervisor, id, handling.note());
    }

    record NewComplaint(String text) {
    }

    /** An applicant's complaint about their own case ({@code 201}). */
    @PostMapping("/cases/{id}/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    ComplaintView complain(@PathVariable UUID id, @RequestBody NewComplaint complaint,
            @AuthenticationPrincipal SignedIn who) {
        return complaints.submit(who, id, complaint.text());
    }

    @GetMapping("/cases/{id}/complaints")
    List<ComplaintView> complaintsOfCase(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return complaints.ofCase(who, id);
    }

    @GetMapping("/complaints")
    List<ComplaintView> complaints(@AuthenticationPrincipal SignedIn supervisor) {
        return complaints.forSupervisor(supervisor);
    }

    record Response(String response) {
    }

    @PostMapping("/complaints/{id}/response")
    ComplaintView respond(@PathVariable UUID id, @RequestBody Response response,
            @AuthenticationPrincipal SignedIn supervisor) {
        return complaints.respond(supervisor, id, response.response());
    }
}

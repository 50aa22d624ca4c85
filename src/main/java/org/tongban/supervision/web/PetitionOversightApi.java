package org.tongban.supervision.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.ExposureColumn;
import org.tongban.supervision.PetitionOversight;

/**
 * Supervisors' oversight of petitions over HTTP: the overdue ones of their division ({@code daysOverdue}), urging
 * (催办) the body ({@code 201}; {@code 400} naming {@code note}, {@code 422}
 * {@code supervision.petition-oversight.not-overdue}), and publishing answered complaints and reports in the
 * exposure column from a scrubbed draft ({@code 201}; {@code 409} {@code supervision.exposure.exists}). Anyone but a
 * supervisor: {@code 403} {@code supervision.supervisors-only}; another division's petition: {@code 404}. The body's
 * staff read the urgings of their body.
 */
@RestController
class PetitionOversightApi {

    private final PetitionOversight oversight;
    private final ExposureColumn exposure;

    PetitionOversightApi(PetitionOversight oversight, ExposureColumn exposure) {
        this.oversight = oversight;
        this.exposure = exposure;
    }

    @GetMapping("/api/v1/supervision/petitions/overdue")
    List<PetitionOversight.Overdue> overdue(@AuthenticationPrincipal SignedIn supervisor) {
        return oversight.overdue(supervisor);
    }

    record NewUrge(String note) {
    }

    @PostMapping("/api/v1/supervision/petitions/{id}/urges")
    @ResponseStatus(HttpStatus.CREATED)
    PetitionOversight.Urge urge(@PathVariable UUID id, @RequestBody NewUrge body,
            @AuthenticationPrincipal SignedIn supervisor) {
        return oversight.urge(supervisor, id, body.note());
    }

    @GetMapping("/api/v1/supervision/petitions/{id}/urges")
    List<PetitionOversight.Urge> urges(@PathVariable UUID id, @AuthenticationPrincipal SignedIn supervisor) {
        return oversight.ofPetition(supervisor, id);
    }

    @GetMapping("/api/v1/supervision/petitions/{id}/exposure-draft")
    ExposureColumn.Draft draft(@PathVariable UUID id, @AuthenticationPrincipal SignedIn supervisor) {
        return exposure.draft(supervisor, id);
    }

    record Publication(String title, String problem, String resolution) {
    }

    @PostMapping("/api/v1/supervision/petitions/{id}/exposure")
    @ResponseStatus(HttpStatus.CREATED)
    ExposureColumn.Entry publish(@PathVariable UUID id, @RequestBody Publication body,
            @AuthenticationPrincipal SignedIn supervisor) {
        return exposure.publishPetition(supervisor, id, body.title(), body.problem(), body.resolution());
    }

    /** The urgings of the caller's body (its staff). */
    @GetMapping("/api/v1/petitions/urges")
    List<PetitionOversight.Urge> ofBody(@AuthenticationPrincipal SignedIn staff) {
        return oversight.ofBody(staff);
    }
}

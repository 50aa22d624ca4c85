package org.tongban.cases.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.cases.CaseDelivery;
import org.tongban.cases.DeliveryView;
import org.tongban.identity.SignedIn;

/**
 * Delivery of the result (送达) over HTTP: the applicant reads and changes the choice of their application; an officer
 * of the case's body reads it with a task of the case and records the delivery at the delivery step. Failures are
 * RFC 9457 problems: {@code cases.delivery.invalid} (422, with {@code errors} per field),
 * {@code cases.delivery.already-delivered} and {@code cases.delivery.changed} (409), not found (404) for another
 * person's application or another body's task.
 */
@RestController
@RequestMapping("/api/v1/cases")
class DeliveryApi {

    private final CaseDelivery delivery;

    DeliveryApi(CaseDelivery delivery) {
        this.delivery = delivery;
    }

    @GetMapping("/applications/{id}/delivery")
    DeliveryView choice(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return delivery.forApplicant(who, id);
    }

    @PutMapping("/applications/{id}/delivery")
    DeliveryView choose(@PathVariable UUID id, @RequestBody CaseDelivery.Choice choice,
            @AuthenticationPrincipal SignedIn who) {
        return delivery.choose(who, id, choice);
    }

    @GetMapping("/tasks/{id}/delivery")
    DeliveryView ofTask(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return delivery.forOfficer(officer, id);
    }

    @PostMapping("/tasks/{id}/delivery")
    DeliveryView record(@PathVariable UUID id, @RequestBody CaseDelivery.Record record,
            @AuthenticationPrincipal SignedIn officer) {
        return delivery.record(officer, id, record);
    }
}

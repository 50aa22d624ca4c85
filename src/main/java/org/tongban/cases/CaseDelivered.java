package org.tongban.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of a case was delivered (送达) to the applicant: opened online, confirmed by an officer, posted, or
 * collected at the window; {@code detail} is what the applicant is told (carrier and tracking number, hall).
 */
public record CaseDelivered(UUID applicationId, String caseNumber, DeliveryMethod method, String confirmation,
        String detail, Instant deliveredAt) {
}

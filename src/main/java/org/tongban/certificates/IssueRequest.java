package org.tongban.certificates;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What it takes to issue a certificate.
 *
 * @param issuerBodyId the issuing body (颁发机构); it signs with its own key and must be of the type's category
 * @param data the type-specific metadata, keyed as the type's fields
 * @param validFrom first day of validity; {@code null} for the day of issue
 * @param source {@code CASE} (a granted application), {@code OFFICER}, {@code LEGACY} (existing paper
 *        certificate) or {@code DEMO}
 * @param caseReference the case number when issued for a case
 * @param actor the staff account that issues, {@code null} when the platform issues on a case event
 */
public record IssueRequest(String typeCode, UUID issuerBodyId, Holder holder, Map<String, String> data,
        LocalDate validFrom, String source, String caseReference, UUID actor) {
}

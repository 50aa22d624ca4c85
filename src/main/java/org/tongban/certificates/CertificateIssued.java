package org.tongban.certificates;

import java.util.UUID;

/** Published when a certificate has been issued (e.g. for {@code cases} to record the result of a case). */
public record CertificateIssued(UUID certificateId, String identifier, String typeCode, String caseReference) {
}

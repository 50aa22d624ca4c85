package org.tongban.certificates.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code certificates_certificate}, with its signing key's revocation time. */
public record StoredCertificate(UUID id, String identifier, String number, String typeCode, UUID series, int version,
        UUID previousId, UUID issuerBodyId, String issuerName, String issuerCode, String holderKind,
        String holderName, String holderCodeType, String holderCodeHash, String holderCodeMasked, LocalDate issuedOn,
        LocalDate validFrom, LocalDate validUntil, String payloadCipher, String signature, UUID keyId,
        String verificationCode, String status, String statusReason, Instant statusChangedAt, String source,
        String caseReference, Instant createdAt, Instant keyRevokedAt) {
}

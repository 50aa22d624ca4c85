package org.tongban.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A certificate as its holder (or the issuing body) sees it: every field, the holder code masked.
 *
 * @param data the type-specific fields in the type's order, personal ones masked unless shown to the holder
 * @param status the effective status ({@code EXPIRED} once past the validity)
 */
public record CertificateView(UUID id, String identifier, String number, CertificateType type, int version,
        String issuerName, String issuerCode, HolderKind holderKind, String holderName, String holderCodeType,
        String holderCodeMasked, LocalDate issuedOn, LocalDate validFrom, LocalDate validUntil,
        List<Field> data, CertificateStatus status, String statusReason, Instant statusChangedAt,
        String verificationCode, UUID previousId, String source) {

    /** A type-specific field with its value. */
    public record Field(CertificateType.MetadataField field, String value) {
    }

    /** Whether the holder should renew now (within the type's lead time before expiry). */
    public boolean renewalDue(LocalDate today) {
        return validUntil != null && status == CertificateStatus.VALID
                && !today.isBefore(validUntil.minusDays(type.renewalLeadDays()));
    }
}

package org.tongban.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public answer of verification (核验): the status, who issued what and when, and the holder only masked —
 * nothing the QR page is not meant to show.
 *
 * @param tamperedFields for {@code TAMPERED}: the payload members that differ from what was issued (or
 *        {@code signature} when the signature itself was changed)
 * @param timeStampedAt for a sealed OFD copy: when the platform's time-stamp authority attests the seal existed
 *        (GB/T 20520); {@code null} otherwise
 */
public record VerificationResult(CertificateStatus status, String identifier, String typeName, String typeNameEn,
        String number, String issuerName, String issuerCode, String holderNameMasked, String holderCodeMasked,
        LocalDate issuedOn, LocalDate validFrom, LocalDate validUntil, String statusReason, Instant statusChangedAt,
        List<String> tamperedFields, String signerCertificateSubject, Instant timeStampedAt) {

    public static VerificationResult unknown(String identifier) {
        return new VerificationResult(CertificateStatus.UNKNOWN, identifier, null, null, null, null, null, null, null,
                null, null, null, null, null, List.of(), null, null);
    }

    /** The same answer, with the time a trusted time stamp attests. */
    VerificationResult timeStamped(Instant at) {
        return new VerificationResult(status, identifier, typeName, typeNameEn, number, issuerName, issuerCode,
                holderNameMasked, holderCodeMasked, issuedOn, validFrom, validUntil, statusReason, statusChangedAt,
                tamperedFields, signerCertificateSubject, at);
    }

    public boolean valid() {
        return status == CertificateStatus.VALID;
    }
}

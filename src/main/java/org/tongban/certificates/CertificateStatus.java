package org.tongban.certificates;

/**
 * The state of a certificate as a verifier is told it. {@code VALID}, {@code SUSPENDED}, {@code REVOKED} and
 * {@code REPLACED} are stored; {@code EXPIRED} follows from the validity; {@code TAMPERED}, {@code KEY_REVOKED}
 * and {@code UNKNOWN} are answers of verification only.
 */
public enum CertificateStatus {
    VALID, SUSPENDED, REVOKED, REPLACED, EXPIRED, TAMPERED, KEY_REVOKED, UNKNOWN;

    public boolean usable() {
        return this == VALID;
    }
}

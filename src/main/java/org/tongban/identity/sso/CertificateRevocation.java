package org.tongban.identity.sso;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.identity.sso.MtlsProperties.Revocation;

/**
 * Whether a department system's certificate path is free of revoked certificates, by the mode configured as
 * {@code tongban.identity.sso.mtls.revocation} ({@link Revocation}). RFC 5280 §6.1.3 (a)(3): every certificate of the
 * path is checked — the system's own and any intermediate CA certificate it sent — each against its issuer; the
 * configured client CA itself is the trust anchor and is not.
 * <p>
 * Fail closed: when a status cannot be learnt the answer is "unknown" and the token endpoint refuses the certificate.
 * There is deliberately no "soft fail": whoever can block the platform's way to the responder (or delay a CRL) would
 * then have a revoked certificate accepted. Availability comes from {@code ocsp-or-crl} instead — OCSP first, the
 * locally held CRLs when OCSP gives no trustworthy answer; a "revoked" answer from OCSP is final.
 * <p>
 * Checked only when a token is issued, not when a certificate-bound token is used at the exchange gateway: tokens live
 * {@code tongban.identity.sso.access-token-ttl} (30 minutes by default), and disabling the client system stops its
 * tokens at the gateway at once.
 */
final class CertificateRevocation {

    private static final Logger log = LoggerFactory.getLogger(CertificateRevocation.class);
    /** Remembered OCSP answers at most (one per certificate; a province has hundreds of department systems). */
    static final int OCSP_MEMORY = 10_000;

    private final Revocation mode;
    private final RevocationLists lists;
    private final OcspResponders responders;

    CertificateRevocation(MtlsProperties properties, Clock clock) {
        this(properties.revocationChecking(), new RevocationLists(properties.crl(), clock),
                switch (properties.revocationChecking()) {
                    // Its HTTP client keeps a thread: made only where OCSP is asked.
                    case OCSP, OCSP_OR_CRL -> new OcspResponders(properties.ocspResponder(),
                            properties.ocspTimeout(), clock, OCSP_MEMORY);
                    case OFF, CRL -> null;
                });
    }

    /** With {@code responders} {@code null} unless the mode asks OCSP. */
    CertificateRevocation(Revocation mode, RevocationLists lists, OcspResponders responders) {
        this.mode = mode;
        this.lists = lists;
        this.responders = responders;
    }

    /** The mode as configured, e.g. {@code ocsp-or-crl}. */
    String mode() {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The status of the path: the first revoked or unknown certificate's (named), otherwise good.
     *
     * @param path the validated path from the client's certificate up, without the trust anchor
     * @param anchor the configured client CA the path leads to
     */
    RevocationStatus status(List<X509Certificate> path, X509Certificate anchor) {
        if (mode == Revocation.OFF) {
            return RevocationStatus.good("nothing (tongban.identity.sso.mtls.revocation=off)");
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            RevocationStatus status = status(certificate, issuer);
            if (!status.good()) {
                return new RevocationStatus(status.state(), "certificate " + certificate.getSerialNumber().toString(16)
                        + " (" + certificate.getSubjectX500Principal().getName() + "): " + status.explanation());
            }
        }
        return RevocationStatus.good("the checks of every certificate of the path");
    }

    private RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
        return switch (mode) {
            case OFF -> RevocationStatus.good("nothing");
            case CRL -> lists.status(certificate, issuer);
            case OCSP -> responders.status(certificate, issuer);
            case OCSP_OR_CRL -> {
                RevocationStatus online = responders.status(certificate, issuer);
                if (!online.unknown()) {
                    yield online;
                }
                RevocationStatus local = lists.status(certificate, issuer);
                if (local.unknown()) {
                    yield RevocationStatus.unknown(online.explanation() + "; and " + local.explanation());
                }
                if (responders.named(certificate)) {
                    // The responder is down, slow or answered what cannot be trusted: worth an operator's look.
                    log.warn("No trustworthy OCSP answer about certificate {} ({}), so its CRL decided: {}",
                            certificate.getSerialNumber().toString(16), online.explanation(), local.explanation());
                } else {
                    log.debug("Certificate {} names no OCSP responder, so its CRL decided: {}",
                            certificate.getSerialNumber().toString(16), local.explanation());
                }
                yield local;
            }
        };
    }

    /** One line at start so the operator knows how department systems' certificates are checked. */
    void describe() {
        switch (mode) {
            case OFF -> log.warn("Revocation of department systems' client certificates (tls_client_auth) is not "
                    + "checked: a revoked certificate gets tokens until it expires or its system is disabled. Set "
                    + "tongban.identity.sso.mtls.crl and/or tongban.identity.sso.mtls.revocation to check it.");
            case CRL -> log.info("Client certificates (tls_client_auth) are checked against the CRLs in {}; a "
                    + "certificate without a current CRL of its issuer is refused", lists);
            case OCSP -> log.info("Client certificates (tls_client_auth) are checked by OCSP; a certificate whose "
                    + "responder gives no trustworthy answer is refused");
            case OCSP_OR_CRL -> log.info("Client certificates (tls_client_auth) are checked by OCSP, and against "
                    + "the CRLs in {} when OCSP gives no trustworthy answer; a certificate neither can vouch for is "
                    + "refused", lists);
        }
    }
}

package org.tongban.identity.sso;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional mutual-TLS port for department systems ({@code tongban.identity.sso.mtls.*}, documented in the
 * README): an extra HTTPS connector that asks for (but does not require) a client certificate, so that a client
 * system registered for {@code tls_client_auth} or {@code self_signed_tls_client_auth} (RFC 8705 §2) can obtain
 * certificate-bound access tokens at the token endpoint and call the exchange gateway with them. Off by default: the
 * platform then serves plain HTTP only (behind a TLS-terminating proxy in production).
 *
 * @param enabled whether the connector is opened
 * @param port its port; {@code 0} picks a free one (tests)
 * @param certificate the server certificate chain (PEM); when unset, a self-signed one is generated once into
 *        {@code tongban.identity.key-directory} (development and demos only)
 * @param privateKey the server certificate's private key (PEM, PKCS#8), with {@code certificate}
 * @param clientCa PEM files of the CAs whose certificates department systems registered for {@code tls_client_auth}
 *        present; read at every token request, so a CA can be added or withdrawn without a restart
 * @param revocation how the revocation of {@code tls_client_auth} certificates is checked; unset: {@code crl} when
 *        {@code crl} names files, otherwise {@code off} (see {@link #revocationChecking()})
 * @param crl CRL files (PEM or DER) issued by the client CAs, read again whenever a file changes
 * @param ocspResponder the OCSP responder asked for every certificate instead of the one its Authority Information
 *        Access extension names (unset: the certificate's own)
 * @param ocspTimeout how long one OCSP query may take in all (connecting, sending, reading the answer)
 */
@ConfigurationProperties("tongban.identity.sso.mtls")
public record MtlsProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("8443") int port,
        Path certificate,
        Path privateKey,
        @DefaultValue List<Path> clientCa,
        Revocation revocation,
        @DefaultValue List<Path> crl,
        URI ocspResponder,
        @DefaultValue("2s") Duration ocspTimeout) {

    /**
     * How the revocation status of a department system's certificate is learnt at the token endpoint. Every mode but
     * {@code OFF} fails closed: a certificate whose status cannot be learnt is refused.
     */
    public enum Revocation {
        /** Not checked: a revoked certificate is accepted until it expires or its client system is disabled. */
        OFF,
        /** From the CRLs in {@code tongban.identity.sso.mtls.crl} (RFC 5280 §5, §6.3). */
        CRL,
        /** By asking the CA's OCSP responder (RFC 6960). */
        OCSP,
        /** By OCSP, and from the CRL files when OCSP gives no trustworthy answer (responder down, no responder). */
        OCSP_OR_CRL
    }

    public MtlsProperties {
        clientCa = clientCa == null ? List.of() : List.copyOf(clientCa);
        crl = crl == null ? List.of() : List.copyOf(crl);
        if (revocation == Revocation.CRL && crl.isEmpty()) {
            // Would refuse every certificate: a set-up mistake better reported at start than at every token request.
            throw new IllegalArgumentException(
                    "tongban.identity.sso.mtls.revocation=crl needs the CRL files in tongban.identity.sso.mtls.crl");
        }
        if (ocspTimeout == null || ocspTimeout.isNegative() || ocspTimeout.isZero()) {
            throw new IllegalArgumentException("tongban.identity.sso.mtls.ocsp-timeout must be positive");
        }
    }

    /**
     * The mode in force. Unset, it follows what the deployer provided: CRL files turn checking on, and a platform
     * without any revocation infrastructure still accepts its department systems (logged as a warning at start).
     */
    public Revocation revocationChecking() {
        if (revocation != null) {
            return revocation;
        }
        return crl.isEmpty() ? Revocation.OFF : Revocation.CRL;
    }
}

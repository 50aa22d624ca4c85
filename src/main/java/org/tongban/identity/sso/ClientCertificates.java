package org.tongban.identity.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.security.auth.x500.X500Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Client authentication by certificate at the token endpoint (RFC 8705 §2). For {@code tls_client_auth} (§2.1, PKI)
 * the chain the client presented in the TLS handshake must lead to one of the CAs configured as
 * {@code tongban.identity.sso.mtls.client-ca} (the TLS layer accepts any certificate, see
 * {@link MutualTlsConnector}) and the certificate's subject must be the DN registered for the client (compared as
 * X.500 names, so spacing and case of attribute types do not matter). {@code self_signed_tls_client_auth} (§2.2) is
 * left to Spring Authorization Server, which matches the certificate against the client's registered JWK Set.
 * Either way a disabled client system (its secret expired, {@link ClientSystems#disable}) cannot authenticate.
 * <p>
 * A CA-issued certificate must also not be revoked ({@link CertificateRevocation}, by CRL and/or OCSP as configured);
 * this is checked after the path is validated, so that only certificates of a configured CA make the platform fetch
 * anything. Department systems authenticate with RSA or ECDSA certificates: the JDK's TLS and PKIX implementations
 * do not know SM2 keys (its {@code CertificateFactory} cannot even parse an SM2 certificate), so SM2 would need a
 * TLS stack and path validation of their own. The revocation checks verify CRLs and OCSP answers with BouncyCastle
 * and are not what limits this.
 */
final class ClientCertificates {

    private static final Logger log = LoggerFactory.getLogger(ClientCertificates.class);

    private final MtlsProperties properties;
    private final Clock clock;
    private final CertificateRevocation revocation;

    ClientCertificates(MtlsProperties properties, Clock clock) {
        this(properties, clock, new CertificateRevocation(properties, clock));
        if (properties.enabled()) {
            revocation.describe();
        }
    }

    ClientCertificates(MtlsProperties properties, Clock clock, CertificateRevocation revocation) {
        this.properties = properties;
        this.clock = clock;
        this.revocation = revocation;
    }

    /** The verifier for {@code tls_client_auth}, for {@link X509ClientCertificateAuthenticationProvider}. */
    Consumer<OAuth2ClientAuthenticationContext> pkiVerifier() {
        return context -> {
            RegisteredClient client = context.getRegisteredClient();
            X509Certificate[] chain = (X509Certificate[]) context.getAuthentication().getCredentials();
            if (chain == null || chain.length == 0) {
                throw invalidClient("no client certificate");
            }
            String registered = client.getClientSettings().getX509CertificateSubjectDN();
            if (registered == null || registered.isBlank() || !sameName(registered,
                    chain[0].getSubjectX500Principal())) {
                throw invalidClient("certificate subject does not match the registered subject DN");
            }
            Set<TrustAnchor> anchors = anchors();
            if (anchors.isEmpty()) {
                throw invalidClient("no client CA configured (tongban.identity.sso.mtls.client-ca)");
            }
            List<X509Certificate> path;
            X509Certificate anchor;
            try {
                PKIXParameters parameters = new PKIXParameters(anchors);
                // Revocation is checked below (CertificateRevocation), not by the JDK's checker, whose CRL fetching
                // and OCSP settings are JVM-wide system properties.
                parameters.setRevocationEnabled(false);
                parameters.setDate(java.util.Date.from(clock.instant()));
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                // The path without a trust anchor the client may have sent along.
                path = Arrays.stream(chain).filter(c -> anchors.stream()
                        .noneMatch(a -> a.getTrustedCert().equals(c))).toList();
                if (path.isEmpty()) {
                    throw invalidClient("the client certificate is a CA certificate");
                }
                var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                        .validate(factory.generateCertPath(path), parameters);
                anchor = result.getTrustAnchor().getTrustedCert();
            } catch (GeneralSecurityException e) {
                throw invalidClient("client certificate not issued by a configured CA: " + e.getMessage());
            }
            RevocationStatus status = revocation.status(path, anchor);
            if (status.revoked()) {
                throw invalidClient("client certificate revoked: " + status.explanation());
            }
            if (status.unknown()) {
                // RFC 5280 §6.3.3 leaves an UNDETERMINED status to local policy; ours is to refuse (fail closed). A
                // warning: the cause may be an outage of the CA's responder or a CRL not renewed in time.
                log.warn("Certificate client authentication refused, revocation status unknown (fail closed, "
                        + "tongban.identity.sso.mtls.revocation={}): {}", revocation.mode(), status.explanation());
                throw refused();
            }
        };
    }

    /**
     * Wraps Spring Authorization Server's certificate authentication so that a disabled client system — whose
     * secret expired when it was disabled — cannot get tokens by certificate either.
     */
    AuthenticationProvider onlyEnabled(X509ClientCertificateAuthenticationProvider selfSigned,
            X509ClientCertificateAuthenticationProvider pki) {
        pki.setCertificateVerifier(pkiVerifier());
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                // Spring's own verifier (the registered JWK Set) for self-signed certificates, ours for PKI.
                boolean tls = authentication instanceof OAuth2ClientAuthenticationToken token
                        && ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(token.getClientAuthenticationMethod());
                Authentication result = (tls ? pki : selfSigned).authenticate(authentication);
                if (result instanceof OAuth2ClientAuthenticationToken token && token.getRegisteredClient() != null) {
                    Instant expired = token.getRegisteredClient().getClientSecretExpiresAt();
                    if (expired != null && !expired.isAfter(clock.instant())) {
                        throw invalidClient("client system disabled");
                    }
                }
                return result;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return selfSigned.supports(authentication);
            }
        };
    }

    static boolean sameName(String registered, X500Principal presented) {
        try {
            return new X500Principal(registered.strip()).equals(presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a method is one of RFC 8705's. */
    static boolean mutualTls(ClientAuthenticationMethod method) {
        return ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(method)
                || ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.equals(method);
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (Path file : properties.clientCa()) {
            try (InputStream in = Files.newInputStream(file)) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.add(new TrustAnchor((X509Certificate) certificate, null));
                }
            } catch (IOException | GeneralSecurityException e) {
                log.warn("Cannot read client CA certificates from {}: {}", file.toAbsolutePath(), e.toString());
            }
        }
        return anchors;
    }

    private static OAuth2AuthenticationException invalidClient(String why) {
        // Worth an operator's notice: a department system's mutual-TLS set-up is wrong, or someone tries another's id.
        log.info("Certificate client authentication refused: {}", why);
        return refused();
    }

    private static OAuth2AuthenticationException refused() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "Client authentication failed: certificate", null));
    }
}

package org.tongban.exchange.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Certificate-bound access tokens at the gateway (RFC 8705 §3): a token whose {@code cnf} claim carries an
 * {@code x5t#S256} thumbprint is accepted only from a caller that presented, in this request's TLS handshake, the
 * very certificate whose SHA-256 thumbprint that is (§3.1). Tokens without a certificate confirmation (client secret
 * systems) are unaffected. The check reads the request each time: it must never be cached with the token.
 */
final class CertificateBinding {

    /** The servlet attribute under which the container puts the client's certificate chain (Servlet 6 §3.9). */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private CertificateBinding() {
    }

    /** The client certificate of the current request's TLS connection, or {@code null}. */
    static X509Certificate presented() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        return request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0
                ? chain[0] : null;
    }

    /** Whether the token may be used with the presented certificate ({@code null}: none presented). */
    static boolean holds(Jwt token, X509Certificate presented) {
        Map<String, Object> confirmation = token.getClaimAsMap("cnf");
        Object bound = confirmation == null ? null : confirmation.get("x5t#S256");
        if (bound == null) {
            return true;
        }
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(thumbprint(presented).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                bound.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** base64url (no padding) of the SHA-256 of the DER certificate (RFC 8705 §3.1). */
    static String thumbprint(X509Certificate certificate) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the certificate thumbprint", e);
        }
    }
}

package org.tongban.identity.sso;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform as OpenID Connect provider ({@code tongban.identity.sso.*}, documented in the README).
 *
 * @param issuer the issuer URL the client systems are configured with (e.g. {@code https://zwfw.example.gov.cn});
 *        when unset, the URL the request came in on (fine for one host name; set it behind a proxy or with two nodes)
 * @param accessTokenTtl lifetime of access tokens
 * @param idTokenTtl lifetime of ID tokens
 * @param refreshTokenTtl lifetime of refresh tokens (rotated on every use)
 * @param retiredKeyKept how long a rotated-out signing key stays in the JWKS; at least the longest lifetime of a JWT
 *        it signed
 * @param backChannelTimeout how long to wait for a client system to acknowledge a back-channel logout
 * @param accessTokenAlgorithm the JWS algorithm of access tokens: {@code ES256} (default; EC P-256, far cheaper to
 *        sign) or {@code RS256}. ID tokens are RS256 unless a client registered otherwise (OpenID Connect Core §15.1).
 */
@ConfigurationProperties("tongban.identity.sso")
public record SsoProperties(String issuer,
        @DefaultValue("30m") Duration accessTokenTtl,
        @DefaultValue("30m") Duration idTokenTtl,
        @DefaultValue("8h") Duration refreshTokenTtl,
        @DefaultValue("2h") Duration retiredKeyKept,
        @DefaultValue("3s") Duration backChannelTimeout,
        @DefaultValue("ES256") String accessTokenAlgorithm) {

    public SsoProperties {
        if (!accessTokenAlgorithm.equals("ES256") && !accessTokenAlgorithm.equals("RS256")) {
            throw new IllegalArgumentException(
                    "tongban.identity.sso.access-token-algorithm must be ES256 or RS256, not " + accessTokenAlgorithm);
        }
    }

    /** The issuer with no trailing slash, or {@code null} when it follows the request. */
    public String issuerOrNull() {
        return issuer == null || issuer.isBlank() ? null : issuer.strip().replaceAll("/+$", "");
    }
}

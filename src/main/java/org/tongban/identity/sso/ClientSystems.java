package org.tongban.identity.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Client systems (接入的业务系统) that use the platform for single sign-on, as system administrators register them:
 * confidential clients (secret at the token endpoint), authorization code with PKCE, refresh tokens and client
 * credentials. Every change is audited.
 */
@Service
@Transactional(readOnly = true)
public class ClientSystems {

    /** Scopes a client system may be given. */
    public static final List<String> SCOPES = List.of(OidcScopes.OPENID, OidcScopes.PROFILE);

    /**
     * What an administrator types to register a system; URI lists one per line.
     *
     * @param certificateMode blank for a client secret, or how the system authenticates by certificate over mutual
     *        TLS (RFC 8705 §2): {@code tls_client_auth} (a certificate from a configured client CA whose subject is
     *        {@code certificateSubjectDn}) or {@code self_signed_tls_client_auth} (a certificate published in the
     *        system's JWK Set at {@code jwkSetUrl}); such a system has no usable secret and its access tokens are
     *        bound to its certificate (RFC 8705 §3)
     */
    public record Registration(String name, String bodyCreditCode, String redirectUris, String postLogoutRedirectUris,
            String backChannelLogoutUri, Set<String> scopes, boolean thirdParty, String certificateMode,
            String certificateSubjectDn, String jwkSetUrl) {

        /** A system that authenticates with its client secret. */
        public Registration(String name, String bodyCreditCode, String redirectUris, String postLogoutRedirectUris,
                String backChannelLogoutUri, Set<String> scopes, boolean thirdParty) {
            this(name, bodyCreditCode, redirectUris, postLogoutRedirectUris, backChannelLogoutUri, scopes, thirdParty,
                    null, null, null);
        }
    }

    /** The ways a system may authenticate by certificate (RFC 8705 §2.1 and §2.2). */
    public static final List<String> CERTIFICATE_MODES = List.of(
            ClientAuthenticationMethod.TLS_CLIENT_AUTH.getValue(),
            ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.getValue());

    /** @param certificateMode {@code null} for a system that authenticates with its secret */
    public record ClientSystem(String clientId, String name, String bodyName, List<String> redirectUris,
            List<String> postLogoutRedirectUris, String backChannelLogoutUri, Set<String> scopes, boolean thirdParty,
            boolean enabled, Instant createdAt, Instant secretRotatedAt, String certificateMode,
            String certificateSubjectDn, String jwkSetUrl) {
    }

    /** A client id with its secret in clear: shown once, then only its hash exists ({@code null}: no secret). */
    public record Issued(String clientId, String secret) {
    }

    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;
    private final Organization organization;
    private final SsoAudit audit;
    private final SsoProperties properties;
    private final ClientSecrets secrets = new ClientSecrets();
    private final Clock clock = Clock.systemUTC();

    private final ClientFormActions formActions;

    ClientSystems(RegisteredClientRepository clients, JdbcTemplate jdbc, Organization organization,
            SsoAudit audit, SsoProperties properties, ClientFormActions formActions) {
        this.formActions = formActions;
        this.clients = clients;
        this.jdbc = jdbc;
        this.organization = organization;
        this.audit = audit;
        this.properties = properties;
    }

    public List<ClientSystem> list() {
        return jdbc.query("select s.client_id, s.name, s.body_name, r.redirect_uris, r.post_logout_redirect_uris, "
                + "s.backchannel_logout_uri, r.scopes, s.third_party, s.enabled, s.created_at, s.secret_rotated_at, "
                + "s.certificate_mode, s.certificate_subject_dn, s.jwk_set_url "
                + "from identity_client_system s join oauth2_registered_client r on r.id = s.registered_client_id "
                + "order by s.enabled desc, s.created_at desc", (rs, i) -> new ClientSystem(rs.getString(1),
                rs.getString(2), rs.getString(3), split(rs.getString(4)), split(rs.getString(5)), rs.getString(6),
                new LinkedHashSet<>(split(rs.getString(7))), rs.getBoolean(8), rs.getBoolean(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(), rs.getString(12),
                rs.getString(13), rs.getString(14)));
    }

    /** @throws NotFoundException {@code sso.client.not-found} */
    public ClientSystem get(String clientId) {
        return list().stream().filter(c -> c.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> new NotFoundException("sso.client.not-found", clientId));
    }

    /**
     * Registers a system with a generated client id and secret.
     *
     * @throws InvalidFieldException naming the field that is wrong
     */
    @Transactional
    public Issued register(Registration registration, UUID actor) {
        return register(registration, "tb-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                secrets.generate(), actor);
    }

    /** Registration with a chosen client id and secret (demo data, so that the demo client can be configured). */
    @Transactional
    public Issued register(Registration registration, String clientId, String secret, UUID actor) {
        String name = registration.name() == null ? "" : registration.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidFieldException("name", new InvalidValueException("sso.client.name-required", name));
        }
        BodySummary body = body(registration.bodyCreditCode());
        List<String> redirects = uris("redirectUris", registration.redirectUris());
        if (redirects.isEmpty()) {
            throw new InvalidFieldException("redirectUris",
                    new InvalidValueException("sso.client.redirect-required", ""));
        }
        List<String> postLogout = uris("postLogoutRedirectUris", registration.postLogoutRedirectUris());
        List<String> backChannel = uris("backChannelLogoutUri", registration.backChannelLogoutUri());
        if (backChannel.size() > 1) {
            throw new InvalidFieldException("backChannelLogoutUri",
                    new InvalidValueException("sso.client.one-uri", registration.backChannelLogoutUri()));
        }
        Set<String> scopes = new LinkedHashSet<>(registration.scopes() == null ? Set.of() : registration.scopes());
        scopes.add(OidcScopes.OPENID);
        if (!SCOPES.containsAll(scopes)) {
            throw new InvalidFieldException("scopes", new InvalidValueException("sso.client.scope-unknown",
                    String.join(" ", scopes)));
        }
        String mode = registration.certificateMode() == null ? "" : registration.certificateMode().strip();
        if (!mode.isEmpty() && !CERTIFICATE_MODES.contains(mode)) {
            throw new InvalidFieldException("certificateMode",
                    new InvalidValueException("sso.client.certificate-mode-unknown", mode));
        }
        String subjectDn = null;
        String jwkSetUrl = null;
        ClientSettings.Builder clientSettings = ClientSettings.builder().requireProofKey(true)
                .requireAuthorizationConsent(registration.thirdParty());
        if (mode.equals(ClientAuthenticationMethod.TLS_CLIENT_AUTH.getValue())) {
            subjectDn = subjectDn(registration.certificateSubjectDn());
            clientSettings.x509CertificateSubjectDN(subjectDn);
        } else if (mode.equals(ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.getValue())) {
            List<String> jwks = uris("jwkSetUrl", registration.jwkSetUrl());
            if (jwks.size() != 1) {
                throw new InvalidFieldException("jwkSetUrl",
                        new InvalidValueException("sso.client.jwk-set-url-required", registration.jwkSetUrl()));
            }
            jwkSetUrl = jwks.getFirst();
            clientSettings.jwkSetUrl(jwkSetUrl);
        }
        boolean byCertificate = !mode.isEmpty();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(clock.instant())
                .clientSecret(byCertificate ? null : secrets.encode(secret))
                .clientName(name)
                // A system registered for mutual TLS has no secret to fall back on: every token it gets is bound to
                // its certificate (RFC 8705 §3), so a stolen token is useless without the private key.
                .clientAuthenticationMethods(methods -> {
                    if (byCertificate) {
                        methods.add(new ClientAuthenticationMethod(mode));
                    } else {
                        methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                        methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                    }
                })
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUris(set -> set.addAll(redirects))
                .postLogoutRedirectUris(set -> set.addAll(postLogout))
                .scopes(set -> set.addAll(scopes))
                // PKCE for every client (RFC 9700 §2.1.1); consent only for third parties.
                .clientSettings(clientSettings.build())
                .tokenSettings(TokenSettings.builder()
                        .x509CertificateBoundAccessTokens(byCertificate)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .reuseRefreshTokens(false)
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256).build())
                .build();
        clients.save(client);
        jdbc.update("insert into identity_client_system (registered_client_id, client_id, name, body_id, body_name, "
                        + "third_party, backchannel_logout_uri, certificate_mode, certificate_subject_dn, jwk_set_url) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", client.getId(), clientId,
                name, body.id(), body.name(), registration.thirdParty(),
                backChannel.isEmpty() ? null : backChannel.getFirst(), byCertificate ? mode : null, subjectDn,
                jwkSetUrl);
        audit.record(actor, "client.registered", "client:" + clientId,
                name + " / " + body.name() + (registration.thirdParty() ? " / third party" : "")
                        + (byCertificate ? " / " + mode + (subjectDn != null ? " " + subjectDn : " " + jwkSetUrl)
                                : ""));
        formActions.reloadAfterCommit();
        return new Issued(clientId, byCertificate ? null : secret);
    }

    /** A new secret; the old one stops working at once. */
    @Transactional
    public Issued rotateSecret(String clientId, UUID actor) {
        RegisteredClient client = registered(clientId);
        // A system that authenticates by certificate gets no secret: this only enables it again.
        boolean byCertificate = client.getClientAuthenticationMethods().stream()
                .anyMatch(ClientCertificates::mutualTls);
        String secret = byCertificate ? null : secrets.generate();
        clients.save(RegisteredClient.from(client).clientSecret(byCertificate ? null : secrets.encode(secret))
                .clientSecretExpiresAt(null).build());
        jdbc.update("update identity_client_system set secret_rotated_at = ?, enabled = true where client_id = ?",
                Timestamp.from(clock.instant()), clientId);
        formActions.reloadAfterCommit();
        audit.record(actor, "client.secret-rotated", "client:" + clientId, null);
        return new Issued(clientId, secret);
    }

    /**
     * Disables a system: its secret expires now (no more tokens), its authorizations (refresh tokens) are deleted
     * and it receives no logout tokens. Rotating the secret enables it again.
     */
    @Transactional
    public void disable(String clientId, UUID actor) {
        RegisteredClient client = registered(clientId);
        clients.save(RegisteredClient.from(client).clientSecretExpiresAt(clock.instant()).build());
        jdbc.update("update identity_client_system set enabled = false where client_id = ?", clientId);
        formActions.reloadAfterCommit();
        jdbc.update("delete from identity_sso_authorization where registered_client_id = ?", client.getId());
        audit.record(actor, "client.disabled", "client:" + clientId, null);
    }

    private RegisteredClient registered(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new NotFoundException("sso.client.not-found", clientId);
        }
        return client;
    }

    /** A subject DN as RFC 4514 writes it, e.g. {@code CN=市场监管业务系统,O=省市场监督管理局,C=CN}. */
    private static String subjectDn(String typed) {
        String dn = typed == null ? "" : typed.strip();
        if (dn.isEmpty() || dn.length() > 500) {
            throw new InvalidFieldException("certificateSubjectDn",
                    new InvalidValueException("sso.client.subject-dn-required", dn));
        }
        try {
            return new javax.security.auth.x500.X500Principal(dn).getName(javax.security.auth.x500.X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("certificateSubjectDn",
                    new InvalidValueException("sso.client.subject-dn-invalid", dn));
        }
    }

    private BodySummary body(String creditCode) {
        String typed = creditCode == null ? "" : creditCode.strip().toUpperCase(Locale.ROOT);
        UnifiedSocialCreditCode code = InvalidFieldException.parse("bodyCreditCode",
                () -> UnifiedSocialCreditCode.of(typed));
        try {
            return organization.body(code);
        } catch (NotFoundException e) {
            throw new InvalidFieldException("bodyCreditCode", new InvalidValueException("sso.client.body-unknown",
                    typed));
        }
    }

    /**
     * Absolute URIs without fragment, {@code https} except for the local machine (OAuth 2.0 Security BCP, RFC 9700
     * §4.1: exact redirect URI matching; TLS for every redirect that leaves the machine).
     */
    static List<String> uris(String field, String lines) {
        List<String> result = new ArrayList<>();
        if (lines == null) {
            return result;
        }
        for (String line : lines.split("[\\r\\n]+")) {
            String value = line.strip();
            if (value.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new InvalidFieldException(field, new InvalidValueException("sso.client.uri-invalid", value));
            }
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null) {
                throw new InvalidFieldException(field, new InvalidValueException("sso.client.uri-invalid", value));
            }
            boolean local = Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
                throw new InvalidFieldException(field, new InvalidValueException("sso.client.uri-not-https", value));
            }
            if (!result.contains(value)) {
                result.add(value);
            }
        }
        return result;
    }

    private static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

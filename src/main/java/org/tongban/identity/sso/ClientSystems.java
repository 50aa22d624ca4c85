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

    /** What an administrator types to register a system; URI lists one per line. */
    public record Registration(String name, String bodyCreditCode, String redirectUris, String postLogoutRedirectUris,
            String backChannelLogoutUri, Set<String> scopes, boolean thirdParty) {
    }

    public record ClientSystem(String clientId, String name, String bodyName, List<String> redirectUris,
            List<String> postLogoutRedirectUris, String backChannelLogoutUri, Set<String> scopes, boolean thirdParty,
            boolean enabled, Instant createdAt, Instant secretRotatedAt) {
    }

    /** A client id with its secret in clear: shown once, then only its hash exists. */
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
                + "s.backchannel_logout_uri, r.scopes, s.third_party, s.enabled, s.created_at, s.secret_rotated_at "
                + "from identity_client_system s join oauth2_registered_client r on r.id = s.registered_client_id "
                + "order by s.enabled desc, s.created_at desc", (rs, i) -> new ClientSystem(rs.getString(1),
                rs.getString(2), rs.getString(3), split(rs.getString(4)), split(rs.getString(5)), rs.getString(6),
                new LinkedHashSet<>(split(rs.getString(7))), rs.getBoolean(8), rs.getBoolean(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
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
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(clock.instant())
                .clientSecret(secrets.encode(secret))
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUris(set -> set.addAll(redirects))
                .postLogoutRedirectUris(set -> set.addAll(postLogout))
                .scopes(set -> set.addAll(scopes))
                // PKCE for every client (RFC 9700 §2.1.1); consent only for third parties.
                .clientSettings(ClientSettings.builder().requireProofKey(true)
                        .requireAuthorizationConsent(registration.thirdParty()).build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .reuseRefreshTokens(false)
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256).build())
                .build();
        clients.save(client);
        jdbc.update("insert into identity_client_system (registered_client_id, client_id, name, body_id, body_name, "
                        + "third_party, backchannel_logout_uri) values (?, ?, ?, ?, ?, ?, ?)", client.getId(), clientId,
                name, body.id(), body.name(), registration.thirdParty(),
                backChannel.isEmpty() ? null : backChannel.getFirst());
        audit.record(actor, "client.registered", "client:" + clientId,
                name + " / " + body.name() + (registration.thirdParty() ? " / third party" : ""));
        formActions.reloadAfterCommit();
        return new Issued(clientId, secret);
    }

    /** A new secret; the old one stops working at once. */
    @Transactional
    public Issued rotateSecret(String clientId, UUID actor) {
        RegisteredClient client = registered(clientId);
        String secret = secrets.generate();
        clients.save(RegisteredClient.from(client).clientSecret(secrets.encode(secret)).clientSecretExpiresAt(null)
                .build());
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

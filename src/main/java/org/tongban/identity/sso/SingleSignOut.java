package org.tongban.identity.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Single sign-out (OpenID Connect Back-Channel Logout 1.0). Each platform session gets an OIDC session id
 * ({@code sid}, random, kept in the session) the first time it signs in to a client system; the ID token carries it,
 * and the platform notes which client systems the session entered. When the session ends — sign-out at the platform,
 * or RP-initiated logout from any client system — every such client system with a back-channel logout URI receives
 * a signed logout token naming the {@code sid} and the subject, and ends its own session.
 *
 * <p>Delivery is best effort within {@code tongban.identity.sso.back-channel-timeout} (spec §2.8: the OP need not
 * retry); failures are logged.
 */
@Component
public class SingleSignOut implements LogoutHandler {

    static final String SID_ATTRIBUTE = "tongban.sso.sid";
    static final String BACK_CHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Logger log = LoggerFactory.getLogger(SingleSignOut.class);

    private final JdbcTemplate jdbc;
    private final JwtEncoder jwts;
    private final SsoProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;

    SingleSignOut(JdbcTemplate jdbc, JwtEncoder jwts, SsoProperties properties) {
        this.jdbc = jdbc;
        this.jwts = jwts;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.backChannelTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The OIDC session id of this platform session, created on first use. */
    String sid(HttpSession session) {
        Object sid = session.getAttribute(SID_ATTRIBUTE);
        if (sid instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SID_ATTRIBUTE, created);
        return created;
    }

    /** Notes that the session {@code sid} signed in to a client system. */
    void entered(String sid, String clientId, UUID account) {
        jdbc.update("insert into identity_sso_participation (sid, client_id, account_id) values (?, ?, ?) "
                + "on conflict do nothing", sid, clientId, account);
    }

    /** Runs while the platform session still exists, before it is invalidated. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SID_ATTRIBUTE) instanceof String sid)) {
            return;
        }
        endClientSessions(sid, issuer(request));
    }

    /** "Sign out on every device": every client session of the account, whichever platform session opened it. */
    public void endEverySessionOf(UUID account, HttpServletRequest request) {
        String issuer = issuer(request);
        jdbc.queryForList("select distinct sid from identity_sso_participation where account_id = ?", String.class,
                account).forEach(sid -> endClientSessions(sid, issuer));
    }

    private String issuer(HttpServletRequest request) {
        return properties.issuerOrNull() != null ? properties.issuerOrNull()
                : ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }

    /** Sends a logout token to every client system the session {@code sid} entered; returns how many acknowledged. */
    int endClientSessions(String sid, String issuer) {
        record Target(String clientId, UUID account, String uri) {
        }
        List<Target> targets = jdbc.query("""
                delete from identity_sso_participation p where p.sid = ?
                returning p.client_id, p.account_id,
                    (select c.backchannel_logout_uri from identity_client_system c
                      where c.client_id = p.client_id and c.enabled)
                """, (rs, i) -> new Target(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)), sid);
        List<CompletableFuture<Boolean>> sent = targets.stream().filter(t -> t.uri() != null)
                .map(t -> send(t.uri(), logoutToken(issuer, t.clientId(), t.account(), sid), t.clientId()))
                .toList();
        int acknowledged = 0;
        for (CompletableFuture<Boolean> s : sent) {
            try {
                if (s.get(properties.backChannelTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    acknowledged++;
                }
            } catch (Exception e) {
                log.warn("Back-channel logout not acknowledged in time: {}", e.toString());
            }
        }
        return acknowledged;
    }

    private String logoutToken(String issuer, String clientId, UUID account, String sid) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(clientId)).issuedAt(now)
                .expiresAt(now.plusSeconds(120)).id(UUID.randomUUID().toString()).subject(account.toString())
                .claim("sid", sid).claim("events", Map.of(BACK_CHANNEL_EVENT, Map.of())).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
        return jwts.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private CompletableFuture<Boolean> send(String uri, String token, String clientId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(properties.backChannelTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token,
                        StandardCharsets.US_ASCII)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            boolean ok = failure == null && response.statusCode() / 100 == 2;
            if (!ok) {
                log.warn("Back-channel logout to client {} failed: {}", clientId,
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
            }
            return ok;
        });
    }
}

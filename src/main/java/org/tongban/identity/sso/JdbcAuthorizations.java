package org.tongban.identity.sso;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * Authorizations in PostgreSQL, shared by every node. Tokens are looked up by their SHA-256 hash, never stored in a
 * searchable clear column; the authorization itself (principal, request, tokens) is serialized and encrypted with the
 * module's data key (AES-256-GCM), and only classes of Java, Spring and Tongban are accepted when it is read back.
 * An authorization a newer Spring Security can no longer read counts as absent: its holder signs in again.
 */
@Component
class JdbcAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuthorizations.class);
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
            .createFilter("java.**;org.springframework.**;org.tongban.**;maxdepth=40;!*");
    /** Authorizations whose every token expired more than this long ago are deleted. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final PersonalDataCipher cipher;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong lastCleanup = new AtomicLong();

    JdbcAuthorizations(JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate transactions,
            PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Instant now = clock.instant();
        // Not worth a disk flush per token: an authorization lost in a crash is only a token its client asks for
        // again (or a sign-in repeated), and the next durable commit flushes it anyway.
        transactions.executeWithoutResult(status -> {
        jdbc.execute("set local synchronous_commit = off");
        jdbc.update("""
                insert into identity_sso_authorization (id, registered_client_id, principal_name, state_hash, code_hash,
                    access_token_hash, refresh_token_hash, id_token_hash, expires_at, data)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set state_hash = excluded.state_hash, code_hash = excluded.code_hash,
                    access_token_hash = excluded.access_token_hash, refresh_token_hash = excluded.refresh_token_hash,
                    id_token_hash = excluded.id_token_hash, expires_at = excluded.expires_at, data = excluded.data
                """, authorization.getId(), authorization.getRegisteredClientId(), authorization.getPrincipalName(),
                hash(authorization.getAttribute(OAuth2ParameterNames.STATE)),
                hash(token(authorization, OAuth2AuthorizationCode.class)),
                hash(token(authorization, OAuth2AccessToken.class)),
                hash(token(authorization, OAuth2RefreshToken.class)),
                hash(token(authorization, OidcIdToken.class)),
                Timestamp.from(expiry(authorization, now)), seal(authorization));
        });
        cleanUpNowAndThen(now);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.update("delete from identity_sso_authorization where id = ?", authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return first(jdbc.queryForList("select data from identity_sso_authorization where id = ?", String.class, id));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        String hash = hash(token);
        if (hash == null) {
            return null;
        }
        String column = tokenType == null ? null : switch (tokenType.getValue()) {
            case OAuth2ParameterNames.STATE -> "state_hash";
            case OAuth2ParameterNames.CODE -> "code_hash";
            case OAuth2ParameterNames.ACCESS_TOKEN -> "access_token_hash";
            case OAuth2ParameterNames.REFRESH_TOKEN -> "refresh_token_hash";
            case OidcParameterNames.ID_TOKEN -> "id_token_hash";
            default -> "unsupported";
        };
        if ("unsupported".equals(column)) {
            return null; // device codes: the device grant is not offered
        }
        String where = column != null ? column + " = ?"
                : "? in (state_hash, code_hash, access_token_hash, refresh_token_hash, id_token_hash)";
        return first(jdbc.queryForList("select data from identity_sso_authorization where " + where, String.class,
                hash));
    }

    private OAuth2Authorization first(List<String> rows) {
        return rows.isEmpty() ? null : open(rows.getFirst());
    }

    private static String token(OAuth2Authorization authorization, Class<? extends OAuth2Token> type) {
        OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
        return token == null ? null : token.getToken().getTokenValue();
    }

    private static Instant expiry(OAuth2Authorization authorization, Instant now) {
        Instant latest = now.plus(Duration.ofHours(1)); // a pending consent or code request
        for (Class<? extends OAuth2Token> type : List.of(OAuth2AuthorizationCode.class, OAuth2AccessToken.class,
                OAuth2RefreshToken.class, OidcIdToken.class)) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && token.getToken().getExpiresAt() != null
                    && token.getToken().getExpiresAt().isAfter(latest)) {
                latest = token.getToken().getExpiresAt();
            }
        }
        return latest;
    }

    static String hash(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String seal(OAuth2Authorization authorization) {
        var bytes = new ByteArrayOutputStream(2048);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialize authorization " + authorization.getId(), e);
        }
        return cipher.encrypt(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    private OAuth2Authorization open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(cipher.decrypt(sealed));
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ALLOWED);
            return (OAuth2Authorization) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            log.warn("Ignoring an authorization that cannot be read back (library upgrade?): {}", e.toString());
            return null;
        }
    }

    /** Deletes long-expired authorizations, at most once an hour per node (harmless when two nodes both do). */
    private void cleanUpNowAndThen(Instant now) {
        long last = lastCleanup.get();
        if (now.toEpochMilli() - last > Duration.ofHours(1).toMillis()
                && lastCleanup.compareAndSet(last, now.toEpochMilli())) {
            jdbc.update("delete from identity_sso_authorization where expires_at < ?",
                    Timestamp.from(now.minus(KEEP_EXPIRED)));
        }
    }
}

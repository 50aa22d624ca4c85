package org.tongban.identity.sso;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * The provider's signing keys (RSA 2048, RS256 — the algorithm OpenID Connect Core §15.1 requires every provider to
 * support), kept in PostgreSQL with the private part encrypted by the module's data key, so they survive restarts and
 * every node signs with the same key. A new key is published {@link #PUBLISH_AHEAD} before it starts signing (every
 * node's cache and every client's JWKS cache see it first); a rotated-out key stays published for
 * {@code tongban.identity.sso.retired-key-kept} so tokens it signed still verify.
 *
 * <p>As a {@link JWKSource} this is the published set (the JWKS endpoint, token verification); {@link #signing()} is
 * the one key that signs now.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    static final Duration PUBLISH_AHEAD = Duration.ofMinutes(2);
    private static final Duration RELOAD = Duration.ofSeconds(30);
    private static final long LOCK = 0x746f6e67_6b657973L; // "tongkeys"

    /** A key as the admin console lists it (public facts only). */
    public record KeyInfo(String kid, Instant createdAt, Instant activatesAt, Instant retiredAt, boolean signing) {
    }

    private record Snapshot(List<JWK> published, RSAKey signing, Instant loadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataCipher cipher;
    private final SsoProperties properties;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot;

    SigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions, PersonalDataCipher cipher,
            SsoProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.properties = properties;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> keys = current().published();
        List<JWK> selected = selector.select(new JWKSet(keys));
        if (selected.isEmpty() && selector.getMatcher().getKeyIDs() != null) {
            // A key another node just created: look once more before saying no.
            selected = selector.select(new JWKSet(reload().published()));
        }
        return selected;
    }

    /** The source of the one key that signs now. */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(current().signing()));
    }

    /** Starts a new key now (published at once, signing after {@link #PUBLISH_AHEAD}); the current one retires then. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
            Instant activates = clock.instant().plus(PUBLISH_AHEAD);
            String created = insertKey(activates);
            jdbc.update("update identity_signing_key set retired_at = ? where retired_at is null and kid <> ?",
                    Timestamp.from(activates), created);
            return created;
        });
        reload();
        return kid;
    }

    public List<KeyInfo> list() {
        Instant now = clock.instant();
        String signing = current().signing().getKeyID();
        return jdbc.query("select kid, created_at, activates_at, retired_at from identity_signing_key "
                + "where retired_at is null or retired_at > ? order by activates_at desc",
                (rs, i) -> new KeyInfo(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getString(1).equals(signing)),
                Timestamp.from(now.minus(properties.retiredKeyKept())));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(RELOAD).isBefore(clock.instant())) {
            s = reload();
        }
        return s;
    }

    private synchronized Snapshot reload() {
        Instant now = clock.instant();
        record Row(String kid, String jwk, Instant activates) {
        }
        List<Row> rows = jdbc.query("select kid, jwk_cipher, activates_at from identity_signing_key "
                        + "where retired_at is null or retired_at > ? order by activates_at desc",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                Timestamp.from(now.minus(properties.retiredKeyKept())));
        if (rows.stream().noneMatch(r -> !r.activates().isAfter(now))) {
            ensureSigningKey();
            return reload();
        }
        List<JWK> published = new ArrayList<>();
        RSAKey signing = null;
        for (Row row : rows) {
            RSAKey key = parse(row.jwk());
            published.add(key);
            if (signing == null && !row.activates().isAfter(now)) {
                signing = key;
            }
        }
        Snapshot s = new Snapshot(List.copyOf(published), signing, now);
        snapshot = s;
        return s;
    }

    /** The very first key (or one after every key expired): signs at once. Two nodes starting together create one. */
    private void ensureSigningKey() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
            Integer usable = jdbc.queryForObject("select count(*) from identity_signing_key where activates_at <= now() "
                    + "and (retired_at is null or retired_at > now())", Integer.class);
            if (usable == null || usable == 0) {
                insertKey(clock.instant());
            }
        });
    }

    private String insertKey(Instant activates) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.update("insert into identity_signing_key (kid, algorithm, jwk_cipher, activates_at) values (?, ?, ?, ?)",
                    key.getKeyID(), "RS256", cipher.encrypt(key.toJSONString()), Timestamp.from(activates));
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    private RSAKey parse(String sealed) {
        try {
            return RSAKey.parse(cipher.decrypt(sealed));
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable signing key", e);
        }
    }
}

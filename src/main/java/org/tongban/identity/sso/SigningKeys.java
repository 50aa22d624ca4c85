package org.tongban.identity.sso;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * The provider's signing keys, kept in PostgreSQL with the private part encrypted by the module's data key, so they
 * survive restarts and every node signs with the same keys. There are two at any time: RSA 2048 for RS256, the
 * algorithm OpenID Connect Core §15.1 requires every provider to support (ID tokens), and EC P-256 for ES256, which
 * signs access tokens about ten times faster by default ({@code tongban.identity.sso.access-token-algorithm}). A new
 * pair is published {@link #PUBLISH_AHEAD} before it starts signing (every node's cache and every client's JWKS cache
 * see it first); rotated-out keys stay published for {@code tongban.identity.sso.retired-key-kept} so tokens they
 * signed still verify.
 *
 * <p>As a {@link JWKSource} this is the published set (the JWKS endpoint, token verification); {@link #signing()} is
 * the current key of each algorithm, of which the token's header picks one.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    static final Duration PUBLISH_AHEAD = Duration.ofMinutes(2);
    /** The algorithms the provider signs with, each with its own current key. */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final Duration RELOAD = Duration.ofSeconds(30);
    private static final long LOCK = 0x746f6e67_6b657973L; // "tongkeys"

    /** A key as the admin console lists it (public facts only). */
    public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant activatesAt, Instant retiredAt,
            boolean signing) {
    }

    private record Snapshot(List<JWK> published, Map<String, JWK> signing, Instant loadedAt) {
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

    /** The source of the keys that sign now, one per algorithm (the JWS header's algorithm selects one). */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(List.copyOf(current().signing().values())));
    }

    /**
     * Starts a new key of each algorithm now (published at once, signing after {@link #PUBLISH_AHEAD}); the current
     * ones retire then.
     *
     * @return the new keys' ids
     */
    public List<String> rotate() {
        List<String> kids = transactions.execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
            Instant activates = clock.instant().plus(PUBLISH_AHEAD);
            List<String> created = new ArrayList<>();
            for (JWSAlgorithm algorithm : ALGORITHMS) {
                created.add(insertKey(algorithm, activates));
            }
            jdbc.update("update identity_signing_key set retired_at = ? where retired_at is null and kid <> all(?)",
                    Timestamp.from(activates), created.toArray(String[]::new));
            return created;
        });
        reload();
        return kids;
    }

    public List<KeyInfo> list() {
        Instant now = clock.instant();
        java.util.Set<String> signing = current().signing().values().stream().map(JWK::getKeyID)
                .collect(java.util.stream.Collectors.toSet());
        return jdbc.query("select kid, algorithm, created_at, activates_at, retired_at from identity_signing_key "
                + "where retired_at is null or retired_at > ? order by activates_at desc, algorithm",
                (rs, i) -> new KeyInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        signing.contains(rs.getString(1))),
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
        record Row(String kid, String algorithm, String jwk, Instant activates) {
        }
        List<Row> rows = jdbc.query("select kid, algorithm, jwk_cipher, activates_at from identity_signing_key "
                        + "where retired_at is null or retired_at > ? order by activates_at desc",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                Timestamp.from(now.minus(properties.retiredKeyKept())));
        boolean missing = ALGORITHMS.stream().anyMatch(algorithm -> rows.stream()
                .noneMatch(r -> r.algorithm().equals(algorithm.getName()) && !r.activates().isAfter(now)));
        if (missing) {
            ensureSigningKeys();
            return reload();
        }
        List<JWK> published = new ArrayList<>();
        Map<String, JWK> signing = new LinkedHashMap<>();
        for (Row row : rows) {
            JWK key = parse(row.jwk());
            published.add(key);
            if (!row.activates().isAfter(now)) {
                signing.putIfAbsent(row.algorithm(), key);
            }
        }
        Snapshot s = new Snapshot(List.copyOf(published), Map.copyOf(signing), now);
        snapshot = s;
        return s;
    }

    /**
     * The very first keys (or after every key of an algorithm expired, or when a release adds an algorithm): sign at
     * once. Two nodes starting together create one of each.
     */
    private void ensureSigningKeys() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
            for (JWSAlgorithm algorithm : ALGORITHMS) {
                Integer usable = jdbc.queryForObject("select count(*) from identity_signing_key where algorithm = ? "
                        + "and activates_at <= now() and (retired_at is null or retired_at > now())", Integer.class,
                        algorithm.getName());
                if (usable == null || usable == 0) {
                    insertKey(algorithm, clock.instant());
                }
            }
        });
    }

    private String insertKey(JWSAlgorithm algorithm, Instant activates) {
        try {
            String kid = UUID.randomUUID().toString();
            JWK key = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                            .generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            jdbc.update("insert into identity_signing_key (kid, algorithm, jwk_cipher, activates_at) values (?, ?, ?, ?)",
                    kid, algorithm.getName(), cipher.encrypt(key.toJSONString()), Timestamp.from(activates));
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    private JWK parse(String sealed) {
        try {
            return JWK.parse(cipher.decrypt(sealed));
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable signing key", e);
        }
    }
}

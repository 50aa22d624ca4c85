package org.tongban.certificates.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's time-stamp authority (时间戳服务, GB/T 20520): an SM2 key certified by the platform root CA for time
 * stamping only, whose tokens (see {@link TimeStamps}) go into the electronic signatures of sealed certificate copies.
 * The key is created on first use like the issuing bodies' keys — its certificate in {@code
 * certificates_time_stamp_key}, the private key in the configured {@link KeyStorage} under {@code tsa-<id>} — and
 * every token issued is recorded in {@code certificates_time_stamp} (serial, key, imprint, time, purpose), in the
 * caller's transaction.
 *
 * <p>The time is this node's clock ({@link Clock}), which production keeps with NTP; the tokens state an accuracy of
 * one second. Serial numbers are random 127-bit integers, unique per authority with overwhelming probability (RFC 3161
 * §2.4.2 asks only for uniqueness) and checked by the primary key of the record.
 */
@Component
public class TimeStampAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the authority's certificate is valid (what it stamped verifies within this). */
    static final Duration VALIDITY = Duration.ofDays(365L * 10);

    private final JdbcTemplate jdbc;
    private final KeyStorage keys;
    private final TrustStore trust;
    private final Clock clock = Clock.systemUTC();
    private final TransactionTemplate newTransaction;
    private volatile TrustStore.SigningKey current;

    TimeStampAuthority(JdbcTemplate jdbc, KeyStorage keys, TrustStore trust,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // The key is made in a transaction of its own, so a caller that rolls back cannot leave this node using a
        // key whose row does not exist.
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keys = keys;
        this.trust = trust;
    }

    /**
     * A time-stamp token over {@code data} (its SM3 digest) at the current time, recorded with {@code purpose}
     * (e.g. the identifier of the certificate whose copy is sealed).
     */
    @Transactional
    public byte[] stamp(byte[] data, String purpose) {
        TrustStore.SigningKey key = key();
        Instant now = clock.instant();
        BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
        byte[] token = TimeStamps.stamp(key.privateKey(), key.certificate(), data, serial, now);
        jdbc.update("insert into certificates_time_stamp (serial, key_id, imprint, stamped_at, purpose) "
                + "values (?, ?, ?, ?, ?)", new java.math.BigDecimal(serial), key.id(), OfdPackage.sm3(data),
                java.sql.Timestamp.from(now), purpose.length() > 100 ? purpose.substring(0, 100) : purpose);
        return token;
    }

    /** The authority's current certificate (created with its key on first use). */
    public X509Certificate certificate() {
        return key().certificate();
    }

    private TrustStore.SigningKey key() {
        TrustStore.SigningKey key = current;
        if (key != null) {
            return key;
        }
        synchronized (this) {
            if (current == null) {
                current = load().orElseGet(() -> {
                    create();
                    return load().orElseThrow();
                });
            }
            return current;
        }
    }

    private Optional<TrustStore.SigningKey> load() {
        return jdbc.query("select id, certificate, private_key from certificates_time_stamp_key "
                + "where retired_at is null", (rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new TrustStore.SigningKey(id, trust.privateKey(KeyStorage.TIME_STAMP_PREFIX + id, rs.getString(3)),
                            Sm2.readCertificate(rs.getString(2)));
                }).stream().findFirst();
    }

    /**
     * A new key certified by the root CA. Its row first: a node racing another meets it on the unique index of the
     * current key and keeps none of its own.
     */
    private void create() {
        newTransaction.executeWithoutResult(status -> insertKey());
    }

    private void insertKey() {
        X509Certificate root = trust.root();
        PrivateKey rootKey = trust.rootKey();
        KeyPair pair = Sm2.newKeyPair();
        Instant now = clock.instant();
        X509Certificate certificate = Sm2.timeStampingCertificate("通办时间戳服务", pair.getPublic(), root, rootKey,
                now.minus(Duration.ofDays(1)), now.plus(VALIDITY));
        UUID id = UUID.randomUUID();
        if (jdbc.update("insert into certificates_time_stamp_key (id, certificate) values (?, ?) "
                + "on conflict do nothing", id, Sm2.pem(certificate)) == 1) {
            keys.keep(KeyStorage.TIME_STAMP_PREFIX + id, pair.getPrivate(), new X509Certificate[] { certificate,
                    root });
        }
    }
}

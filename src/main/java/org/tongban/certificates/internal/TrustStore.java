package org.tongban.certificates.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.PersonalData;
import org.tongban.organization.BodySummary;

/**
 * The platform root CA (SM2) and each issuing body's signing key and certificate, kept in PostgreSQL with the
 * private keys encrypted under the platform's data key — so every node signs with the same keys and nothing lives
 * only on one node's disk. A key is created on first use; a new node racing another takes whichever row won.
 * Public keys are immutable, so they are cached; whether a key is revoked is read with each certificate.
 */
@Component
public class TrustStore {

    /** A body's current signing key. */
    public record SigningKey(UUID id, PrivateKey privateKey, X509Certificate certificate) {
    }

    /** A signing key as verification needs it. */
    public record VerifyingKey(UUID id, PublicKey publicKey, String certificatePem, String subject) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;
    private final Map<UUID, VerifyingKey> verifying = new ConcurrentHashMap<>();
    private final Map<UUID, SigningKey> signing = new ConcurrentHashMap<>();
    private volatile X509Certificate root;

    TrustStore(JdbcTemplate jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** The root CA certificate every signing certificate chains to (what an offline verifier trusts). */
    public X509Certificate root() {
        X509Certificate current = root;
        if (current == null) {
            current = Sm2.readCertificate(rootRow()[0]);
            root = current;
        }
        return current;
    }

    private String[] rootRow() {
        var rows = jdbc.query("select certificate, private_key from certificates_root_ca where id = 1",
                (rs, n) -> new String[] { rs.getString(1), rs.getString(2) });
        if (!rows.isEmpty()) {
            return rows.getFirst();
        }
        KeyPair keys = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = Sm2.certificate("通办电子证照根证书", null, keys.getPublic(), null,
                keys.getPrivate(), true, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 30)));
        jdbc.update("insert into certificates_root_ca (id, certificate, private_key) values (1, ?, ?) "
                + "on conflict do nothing", Sm2.pem(certificate), personalData.encrypt(Sm2.pem(keys.getPrivate())));
        return jdbc.queryForObject("select certificate, private_key from certificates_root_ca where id = 1",
                (rs, n) -> new String[] { rs.getString(1), rs.getString(2) });
    }

    /**
     * The body's current signing key, created and certified by the root CA on first use. It joins the caller's
     * transaction (a second connection per issuance could exhaust the pool under load); two nodes creating the
     * first key at once meet on the unique index and both use the one that committed.
     */
    @Transactional
    public SigningKey signingKey(BodySummary body) {
        SigningKey cached = signing.get(body.id());
        if (cached != null && current(body.id()).map(cached.id()::equals).orElse(false)) {
            return cached;
        }
        Optional<UUID> id = current(body.id());
        if (id.isEmpty()) {
            create(body);
            id = current(body.id());
        }
        SigningKey key = jdbc.queryForObject("select id, certificate, private_key from certificates_signing_key "
                + "where id = ?", (rs, n) -> new SigningKey(rs.getObject(1, UUID.class),
                        Sm2.readPrivateKey(personalData.decrypt(rs.getString(3))),
                        Sm2.readCertificate(rs.getString(2))), id.orElseThrow());
        signing.put(body.id(), key);
        return key;
    }

    /**
     * Rotates the body's key: the current one is retired (it keeps verifying what it signed), or revoked — then
     * every certificate it signed from {@code revokedAt} on is no longer valid.
     */
    @Transactional
    public void retire(UUID bodyId, Instant revokedAt) {
        jdbc.update("update certificates_signing_key set retired_at = now(), revoked_at = ? "
                + "where body_id = ? and retired_at is null", revokedAt == null ? null
                        : java.sql.Timestamp.from(revokedAt), bodyId);
        signing.remove(bodyId);
    }

    private Optional<UUID> current(UUID bodyId) {
        return jdbc.queryForList("select id from certificates_signing_key where body_id = ? and retired_at is null",
                UUID.class, bodyId).stream().findFirst();
    }

    private void create(BodySummary body) {
        String[] rootRow = rootRow();
        X509Certificate rootCertificate = Sm2.readCertificate(rootRow[0]);
        PrivateKey rootKey = Sm2.readPrivateKey(personalData.decrypt(rootRow[1]));
        KeyPair keys = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = Sm2.certificate(body.name(), body.creditCode(), keys.getPublic(),
                rootCertificate, rootKey, false, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 10)));
        jdbc.update("""
                insert into certificates_signing_key (id, body_id, body_name, body_credit_code, certificate, private_key)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", UUID.randomUUID(), body.id(), body.name(),
                body.creditCode(), Sm2.pem(certificate), personalData.encrypt(Sm2.pem(keys.getPrivate())));
    }

    /** A signing key by id, for verification (cached: keys never change). */
    public VerifyingKey verifyingKey(UUID id) {
        return verifying.computeIfAbsent(id, k -> {
            String pem = jdbc.queryForObject("select certificate from certificates_signing_key where id = ?",
                    String.class, k);
            X509Certificate certificate = Sm2.readCertificate(pem);
            return new VerifyingKey(k, certificate.getPublicKey(), pem,
                    certificate.getSubjectX500Principal().getName());
        });
    }
}

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
 * The platform root CA (SM2) and each issuing body's signing key and certificate. The certificates (public keys,
 * revocation) are rows in PostgreSQL, so every node verifies; the private keys are in the configured
 * {@link KeyStorage} — a PKCS#12 file under {@code ./data} by default, or the rows themselves encrypted under the
 * data key. A key is created on first use; a new node racing another takes whichever row won.
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
    private final KeyStorage keys;
    private final Map<UUID, VerifyingKey> verifying = new ConcurrentHashMap<>();
    private final Map<UUID, SigningKey> signing = new ConcurrentHashMap<>();
    private volatile X509Certificate root;

    TrustStore(JdbcTemplate jdbc, PersonalData personalData, KeyStorage keys) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.keys = keys;
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

    /** The root CA's private key, to certify the platform's other keys (the time-stamp authority's). */
    PrivateKey rootKey() {
        return privateKey(KeyStorage.ROOT_ALIAS, rootRow()[1]);
    }

    /** Where the private keys are kept ({@code pkcs12} or {@code database}). */
    public String keyStorageKind() {
        return keys.kind();
    }

    private String[] rootRow() {
        var rows = jdbc.query("select certificate, private_key from certificates_root_ca where id = 1",
                (rs, n) -> new String[] { rs.getString(1), rs.getString(2) });
        if (!rows.isEmpty()) {
            return rows.getFirst();
        }
        KeyPair pair = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = Sm2.certificate("通办电子证照根证书", null, pair.getPublic(), null,
                pair.getPrivate(), true, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 30)));
        // The row first: a racing node waits on its primary key and then keeps none of its own.
        if (jdbc.update("insert into certificates_root_ca (id, certificate) values (1, ?) on conflict do nothing",
                Sm2.pem(certificate)) == 1) {
            keys.keep(KeyStorage.ROOT_ALIAS, pair.getPrivate(), new X509Certificate[] { certificate });
        }
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
        Optional<UUID> id = current(body.id());
        if (cached != null && id.map(cached.id()::equals).orElse(false)) {
            return cached;
        }
        if (id.isEmpty()) {
            create(body);
            id = current(body.id());
        }
        UUID keyId = id.orElseThrow();
        SigningKey key = jdbc.queryForObject("select certificate, private_key from certificates_signing_key "
                + "where id = ?", (rs, n) -> new SigningKey(keyId, privateKey(keyId.toString(), rs.getString(2)),
                        Sm2.readCertificate(rs.getString(1))), keyId);
        signing.put(body.id(), key);
        return key;
    }

    /**
     * The private key from the configured storage, or — while a switch of storage is being migrated — from the row's
     * own encrypted column.
     */
    PrivateKey privateKey(String alias, String column) {
        return keys.find(alias).or(() -> Optional.ofNullable(column).map(c -> Sm2.readPrivateKey(
                personalData.decrypt(c)))).orElseThrow(() -> new IllegalStateException("The private key " + alias
                        + " is not in the " + keys.kind() + " key store of this node. With several nodes, use "
                        + "tongban.certificates.key-store=database; after losing the PKCS#12 file, restore it from "
                        + "the backup"));
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

    /**
     * Retires one key by its id (a system administrator's rotation), with who and why; revokes it as well when
     * {@code revokedAt} is given — a key already retired can still be revoked later. Answers whether a row changed.
     */
    @Transactional
    public boolean retire(UUID keyId, Instant revokedAt, UUID by, String byName, String reason) {
        int rows = revokedAt == null
                ? jdbc.update("""
                        update certificates_signing_key set retired_at = now(), retired_by = ?, retired_by_name = ?,
                            retire_reason = ? where id = ? and retired_at is null""", by, byName, reason, keyId)
                : jdbc.update("""
                        update certificates_signing_key set retired_at = coalesce(retired_at, now()), revoked_at = ?,
                            retired_by = ?, retired_by_name = ?, retire_reason = ?
                        where id = ? and revoked_at is null""", java.sql.Timestamp.from(revokedAt), by, byName, reason,
                        keyId);
        signing.values().removeIf(k -> k.id().equals(keyId));
        return rows == 1;
    }

    private Optional<UUID> current(UUID bodyId) {
        return jdbc.queryForList("select id from certificates_signing_key where body_id = ? and retired_at is null",
                UUID.class, bodyId).stream().findFirst();
    }

    private void create(BodySummary body) {
        String[] rootRow = rootRow();
        X509Certificate rootCertificate = Sm2.readCertificate(rootRow[0]);
        PrivateKey rootKey = privateKey(KeyStorage.ROOT_ALIAS, rootRow[1]);
        KeyPair pair = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = Sm2.certificate(body.name(), body.creditCode(), pair.getPublic(),
                rootCertificate, rootKey, false, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365L * 10)));
        UUID id = UUID.randomUUID();
        // The row first (a racing creator waits on the unique index, then inserts nothing), then the private key,
        // in the same transaction: a key store that cannot be written rolls the row back.
        if (jdbc.update("""
                insert into certificates_signing_key (id, body_id, body_name, body_credit_code, certificate)
                values (?, ?, ?, ?, ?) on conflict do nothing""", id, body.id(), body.name(), body.creditCode(),
                Sm2.pem(certificate)) == 1) {
            keys.keep(id.toString(), pair.getPrivate(), new X509Certificate[] { certificate, rootCertificate });
        }
    }

    /** When the key was revoked, if it was (read each time: revocation can happen any moment). */
    public Optional<Instant> revokedAt(UUID keyId) {
        return jdbc.query("select revoked_at from certificates_signing_key where id = ?",
                (rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant), keyId).stream()
                .findFirst().flatMap(o -> o);
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

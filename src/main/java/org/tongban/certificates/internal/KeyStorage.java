package org.tongban.certificates.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * Where the private keys of the platform root CA and of the issuing bodies' signing keys live — the seam between
 * {@link TrustStore} and a key store. The public certificates always stay in PostgreSQL
 * ({@code certificates_root_ca}, {@code certificates_signing_key}), so every node verifies; only signing needs the
 * private key.
 *
 * <p>Implementations: {@link Pkcs12KeyStorage} (a PKCS#12 file under {@code ./data}, the default for one node) and
 * {@link DatabaseKeyStorage} (the key in its row, encrypted with the platform's data key, for several nodes). Chosen
 * by {@code tongban.certificates.key-store}. A hardware security module (PKCS#11, e.g. through the JDK's SunPKCS11
 * provider with an SM2-capable token) would be a third implementation: it keeps the key inside the token, answers
 * {@link #find} with a key handle, and may refuse {@link #keep} for keys generated outside it. None is provided yet.
 *
 * <p>Aliases: {@value #ROOT_ALIAS} for the root CA, the key's id (UUID) for a body's signing key, and
 * {@value #TIME_STAMP_PREFIX} followed by the key's id for a key of the platform's time-stamp authority.
 */
public interface KeyStorage {

    /** The alias of the platform root CA's private key. */
    String ROOT_ALIAS = "root-ca";

    /** The alias prefix of the time-stamp authority's keys ({@code certificates_time_stamp_key}). */
    String TIME_STAMP_PREFIX = "tsa-";

    /** The value of {@code tongban.certificates.key-store} this storage answers to. */
    String kind();

    /**
     * Keeps a new private key with its certificate chain (the key's certificate first). Called after the row that
     * names the key was inserted, in the same transaction: if this fails, the row is rolled back with it.
     */
    void keep(String alias, PrivateKey key, X509Certificate[] chain);

    /** Keeps several keys at once (one write), e.g. when keys move here from another storage. */
    default void keepAll(Map<String, Entry> entries) {
        entries.forEach((alias, entry) -> keep(alias, entry.key(), entry.chain()));
    }

    /** The private key, or empty when this storage does not hold it. */
    Optional<PrivateKey> find(String alias);

    /** A private key with its certificate chain. */
    record Entry(PrivateKey key, X509Certificate[] chain) {
    }
}

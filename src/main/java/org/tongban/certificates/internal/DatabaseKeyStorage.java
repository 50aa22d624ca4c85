package org.tongban.certificates.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.identity.PersonalData;

/**
 * Private keys in their own rows ({@code certificates_root_ca.private_key},
 * {@code certificates_signing_key.private_key}, {@code certificates_time_stamp_key.private_key}),
 * PKCS#8 encrypted with the platform's data key (AES-256-GCM): every node signs with the same keys, and nothing lives
 * only on one node's disk. The price: database backups carry the (encrypted) keys, and the data key opens them.
 */
public final class DatabaseKeyStorage implements KeyStorage {

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;

    public DatabaseKeyStorage(JdbcTemplate jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @Override
    public String kind() {
        return "database";
    }

    @Override
    public void keep(String alias, PrivateKey key, X509Certificate[] chain) {
        String sealed = personalData.encrypt(Sm2.pem(key));
        int rows = ROOT_ALIAS.equals(alias)
                ? jdbc.update("update certificates_root_ca set private_key = ? where id = 1", sealed)
                : jdbc.update("update " + table(alias) + " set private_key = ? where id = ?", sealed, id(alias));
        if (rows != 1) {
            throw new IllegalStateException("No key row for " + alias);
        }
    }

    @Override
    public Optional<PrivateKey> find(String alias) {
        var sealed = ROOT_ALIAS.equals(alias)
                ? jdbc.queryForList("select private_key from certificates_root_ca where id = 1", String.class)
                : jdbc.queryForList("select private_key from " + table(alias) + " where id = ?", String.class,
                        id(alias));
        return sealed.stream().filter(java.util.Objects::nonNull).findFirst()
                .map(s -> Sm2.readPrivateKey(personalData.decrypt(s)));
    }

    /** The table of a key that is not the root's: a time-stamp authority's or an issuing body's. */
    private static String table(String alias) {
        return alias.startsWith(TIME_STAMP_PREFIX) ? "certificates_time_stamp_key" : "certificates_signing_key";
    }

    private static UUID id(String alias) {
        return UUID.fromString(alias.startsWith(TIME_STAMP_PREFIX) ? alias.substring(TIME_STAMP_PREFIX.length())
                : alias);
    }
}

package org.tongban.certificates.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.PersonalData;
import org.tongban.platform.audit.AuditTrail;

/**
 * Moves private keys into the configured {@link KeyStorage} on start, after {@code tongban.certificates.key-store}
 * was switched: from the database rows into the PKCS#12 file (written and read back before the columns are emptied,
 * in one transaction, so a failure leaves the keys where they were), or from the PKCS#12 file back into the rows.
 * Audited as {@code signing-keys.moved}.
 */
public class KeyStorageMigration {

    private static final Logger log = LoggerFactory.getLogger(KeyStorageMigration.class);

    private final KeyStorage keys;
    private final Pkcs12KeyStorage previousFile;
    private final JdbcTemplate jdbc;
    private final PersonalData personalData;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    KeyStorageMigration(KeyStorage keys, Pkcs12KeyStorage previousFile, JdbcTemplate jdbc, PersonalData personalData,
            AuditTrail audit, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.keys = keys;
        this.previousFile = previousFile;
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        int moved = moveKeys();
        if (moved > 0) {
            log.info("Moved {} private keys of the certificates module into the {} key store", moved, keys.kind());
        }
    }

    /** Moves every key the configured storage does not hold yet; answers how many were moved. */
    public int moveKeys() {
        return transaction.execute(status -> {
            if (keys instanceof Pkcs12KeyStorage file) {
                return intoFile(file);
            }
            return previousFile == null ? 0 : intoDatabase(previousFile);
        });
    }

    private record Row(String alias, String certificate, String sealed) {
    }

    private int intoFile(Pkcs12KeyStorage file) {
        List<Row> rows = new java.util.ArrayList<>(jdbc.query("select certificate, private_key from certificates_root_ca "
                + "where private_key is not null for update", (rs, n) -> new Row(KeyStorage.ROOT_ALIAS,
                        rs.getString(1), rs.getString(2))));
        rows.addAll(jdbc.query("select id, certificate, private_key from certificates_signing_key "
                + "where private_key is not null for update", (rs, n) -> new Row(rs.getString(1), rs.getString(2),
                        rs.getString(3))));
        rows.addAll(jdbc.query("select id, certificate, private_key from certificates_time_stamp_key "
                + "where private_key is not null for update", (rs, n) -> new Row(KeyStorage.TIME_STAMP_PREFIX
                        + rs.getString(1), rs.getString(2), rs.getString(3))));
        if (rows.isEmpty()) {
            return 0;
        }
        X509Certificate root = Sm2.readCertificate(jdbc.queryForObject(
                "select certificate from certificates_root_ca where id = 1", String.class));
        Map<String, KeyStorage.Entry> entries = new LinkedHashMap<>();
        for (Row row : rows) {
            X509Certificate certificate = Sm2.readCertificate(row.certificate());
            X509Certificate[] chain = KeyStorage.ROOT_ALIAS.equals(row.alias()) ? new X509Certificate[] { certificate }
                    : new X509Certificate[] { certificate, root };
            entries.put(row.alias(), new KeyStorage.Entry(Sm2.readPrivateKey(personalData.decrypt(row.sealed())),
                    chain));
        }
        file.keepAll(entries);
        // Read back before the database forgets them.
        entries.forEach((alias, entry) -> {
            PrivateKey stored = file.find(alias).orElseThrow(() -> new IllegalStateException("Key " + alias
                    + " was not written to " + file.file()));
            if (!Arrays.equals(stored.getEncoded(), entry.key().getEncoded())) {
                throw new IllegalStateException("Key " + alias + " reads back differently from " + file.file());
            }
        });
        for (Row row : rows) {
            if (KeyStorage.ROOT_ALIAS.equals(row.alias())) {
                jdbc.update("update certificates_root_ca set private_key = null where id = 1");
            } else if (row.alias().startsWith(KeyStorage.TIME_STAMP_PREFIX)) {
                jdbc.update("update certificates_time_stamp_key set private_key = null where id = ?",
                        UUID.fromString(row.alias().substring(KeyStorage.TIME_STAMP_PREFIX.length())));
            } else {
                jdbc.update("update certificates_signing_key set private_key = null where id = ?",
                        UUID.fromString(row.alias()));
            }
        }
        audit.record(new AuditTrail.Event("certificates", "signing-keys.moved", null, null, "key-store",
                "pkcs12", rows.size() + " private keys from the database into " + file.file()));
        return rows.size();
    }

    private int intoDatabase(Pkcs12KeyStorage file) {
        List<String> aliases = new java.util.ArrayList<>(jdbc.queryForList(
                "select '" + KeyStorage.ROOT_ALIAS + "' from certificates_root_ca where private_key is null for update",
                String.class));
        aliases.addAll(jdbc.queryForList("select id::text from certificates_signing_key where private_key is null "
                + "for update", String.class));
        aliases.addAll(jdbc.queryForList("select '" + KeyStorage.TIME_STAMP_PREFIX + "' || id from "
                + "certificates_time_stamp_key where private_key is null for update", String.class));
        int moved = 0;
        for (String alias : aliases) {
            var key = file.find(alias);
            if (key.isPresent()) {
                keys.keep(alias, key.get(), new X509Certificate[0]);
                moved++;
            } else {
                log.error("Private key {} is neither in the database nor in {}: it cannot sign any more", alias,
                        file.file());
            }
        }
        if (moved > 0) {
            audit.record(new AuditTrail.Event("certificates", "signing-keys.moved", null, null, "key-store",
                    "database", moved + " private keys from " + file.file() + " into the database"));
        }
        return moved;
    }
}

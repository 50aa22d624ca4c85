package org.tongban.identity.internal;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.EncryptedColumn;
import org.tongban.platform.audit.AuditTrail;

/**
 * Re-encrypts every stored value sealed with an earlier data key (DOMAIN §8: "rotated by re-encryption"). After a
 * deployer configures a new {@code tongban.identity.data-key} with the next {@code data-key-generation} and keeps the
 * old key among {@code previous-data-keys}, each node walks every {@link EncryptedColumn} in batches, 30 s after start and then
 * every {@code tongban.identity.reencrypt-every}, until no value carries an old generation; the old key can then be
 * removed. Without any previous key configured there is nothing a pass could re-encrypt, so none runs (a pass reads
 * every encrypted column's whole table: millions of rows in a province). Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work and never wait for one
 * another. Each finished pass that changed something is recorded in the audit trail.
 */
@Configuration(proxyBeanMethods = false)
public class DataKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRotation.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataCipher cipher;
    private final List<EncryptedColumn> columns;
    private final AuditTrail audit;

    public DataKeyRotation(JdbcTemplate jdbc, TransactionTemplate transactions, PersonalDataCipher cipher,
            List<EncryptedColumn> columns, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.columns = List.copyOf(columns);
        this.audit = audit;
    }

    @Bean
    static EncryptedColumn encryptedAccountIdNumbers() {
        return new EncryptedColumn("identity_account", "id", "id_number_cipher");
    }

    @Bean
    static EncryptedColumn encryptedAccountPhones() {
        return new EncryptedColumn("identity_account", "id", "phone_cipher");
    }

    @Bean
    static EncryptedColumn encryptedSmsInboxPhones() {
        return new EncryptedColumn("identity_sms_message", "id", "phone_cipher");
    }

    @Bean
    static EncryptedColumn encryptedSsoAuthorizations() {
        return new EncryptedColumn("identity_sso_authorization", "id", "data");
    }

    @Bean
    static EncryptedColumn encryptedSigningKeys() {
        return new EncryptedColumn("identity_signing_key", "kid", "jwk_cipher");
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${tongban.identity.reencrypt-every:PT1H}")
    public void reencryptAll() {
        if (!cipher.hasPreviousKeys()) {
            log.debug("No previous data key configured: nothing to re-encrypt");
            return;
        }
        Map<String, Integer> done = new java.util.LinkedHashMap<>();
        for (EncryptedColumn column : columns) {
            int count = reencrypt(column);
            if (count > 0) {
                done.put(column.table() + "." + column.column(), count);
            }
        }
        if (!done.isEmpty()) {
            log.info("Re-encrypted with data key generation {}: {}", cipher.currentPrefix(), done);
            audit.recordAlone(new org.tongban.platform.audit.AuditTrail.Event("identity", "DATA_KEY_REENCRYPTED",
                    null, null, "data-key", cipher.currentPrefix(), done.toString()));
        }
    }

    /** Re-encrypts one column's old values, batch by batch; how many were re-encrypted. */
    int reencrypt(EncryptedColumn column) {
        String select = "select " + column.key() + ", " + column.column() + " from " + column.table() + " where "
                + column.column() + " is not null and " + column.column() + " not like ? limit " + BATCH
                + " for update skip locked";
        String update = "update " + column.table() + " set " + column.column() + " = ? where " + column.key() + " = ?";
        int total = 0;
        while (true) {
            Integer batch = transactions.execute(status -> {
                List<Map<String, Object>> rows = jdbc.queryForList(select, cipher.currentPrefix() + "%");
                for (Map<String, Object> row : rows) {
                    String sealed = (String) row.get(column.column());
                    jdbc.update(update, cipher.reencrypt(sealed), row.get(column.key()));
                }
                return rows.size();
            });
            total += batch == null ? 0 : batch;
            if (batch == null || batch < BATCH) {
                return total;
            }
        }
    }

    /** How many values of the column are still sealed with an earlier key. */
    public long remaining(EncryptedColumn column) {
        Long count = jdbc.queryForObject("select count(*) from " + column.table() + " where " + column.column()
                + " is not null and " + column.column() + " not like ?", Long.class, cipher.currentPrefix() + "%");
        return count == null ? 0 : count;
    }
}

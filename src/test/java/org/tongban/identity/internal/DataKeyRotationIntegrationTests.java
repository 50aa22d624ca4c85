package org.tongban.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.EncryptedColumn;
import org.tongban.identity.IdentityProperties;
import org.tongban.platform.audit.AuditTrail;

/**
 * Rotating the data key: values sealed with generation 1 are re-encrypted with generation 2 in batches, read back
 * unchanged, and a value of an unknown generation is refused. Runs on a table of its own with keys of its own, so the
 * platform's data is untouched.
 */
@TongbanIntegrationTest
class DataKeyRotationIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuditTrail audit;
    @Autowired
    List<EncryptedColumn> declared;

    @TempDir
    Path keys;

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private PersonalDataCipher cipher(String dataKey, int generation, Map<Integer, String> previous) {
        return new PersonalDataCipher(new IdentityProperties(dataKey, newKey(), keys, 5, Duration.ofMinutes(1),
                Duration.ofHours(1), 30, Duration.ofMinutes(10), "argon2id", 7168, 5, 10, "auto", null, 0, generation, previous));
    }

    @Test
    void everyValueSealedWithTheOldKeyIsReencryptedWithTheNewOneAndReadsTheSame() {
        jdbc.execute("create table if not exists test_key_rotation (id uuid primary key, secret text)");
        String oldKey = newKey();
        PersonalDataCipher before = cipher(oldKey, 1, Map.of());
        int rows = 1203; // more than two batches
        for (int i = 0; i < rows; i++) {
            jdbc.update("insert into test_key_rotation values (?, ?)", UUID.randomUUID(),
                    i % 100 == 0 ? null : before.encrypt("21010219800101" + String.format("%04d", i)));
        }
        assertThat(jdbc.queryForList("select secret from test_key_rotation where secret is not null", String.class))
                .allMatch(v -> v.startsWith("v1:"));

        PersonalDataCipher after = cipher(newKey(), 2, Map.of(1, oldKey));
        EncryptedColumn column = new EncryptedColumn("test_key_rotation", "id", "secret");
        DataKeyRotation rotation = new DataKeyRotation(jdbc, transactions, after, List.of(column), audit);
        assertThat(rotation.remaining(column)).isEqualTo(rows - 13);

        rotation.reencryptAll();

        assertThat(rotation.remaining(column)).isZero();
        List<String> sealed = jdbc.queryForList("select secret from test_key_rotation where secret is not null",
                String.class);
        assertThat(sealed).hasSize(rows - 13).allMatch(v -> v.startsWith("v2:"));
        assertThat(sealed.stream().map(after::decrypt)).allMatch(v -> v.matches("21010219800101\\d{4}"));
        assertThat(jdbc.queryForObject("select count(*) from test_key_rotation where secret is null", Integer.class))
                .isEqualTo(13);
        // Without the old key, values of generation 1 cannot be read: the old key must stay until rotation is done.
        assertThatThrownBy(() -> cipher(newKey(), 2, Map.of()).decrypt(before.encrypt("x")))
                .hasMessageContaining("Unknown key generation");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'DATA_KEY_REENCRYPTED' and target_id = 'v2:'", Integer.class)).isEqualTo(1);

        rotation.reencryptAll();
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'DATA_KEY_REENCRYPTED' and target_id = 'v2:'", Integer.class)).as("nothing left to do").isEqualTo(1);
        jdbc.execute("drop table test_key_rotation");
    }

    @Test
    void withoutAPreviousKeyNoPassRunsAndNothingIsTouched() {
        jdbc.execute("create table if not exists test_key_no_rotation (id uuid primary key, secret text)");
        PersonalDataCipher first = cipher(newKey(), 1, Map.of());
        String sealed = first.encrypt("secret");
        jdbc.update("insert into test_key_no_rotation values (?, ?)", UUID.randomUUID(), sealed);
        // A new key of generation 2 configured without the old one: the old values cannot be read, so a pass would
        // only fail on them; none runs, the value stays as it was, and nothing is audited.
        PersonalDataCipher second = cipher(newKey(), 2, Map.of());
        assertThat(second.hasPreviousKeys()).isFalse();
        int audited = jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'DATA_KEY_REENCRYPTED'", Integer.class);
        new DataKeyRotation(jdbc, transactions, second,
                List.of(new EncryptedColumn("test_key_no_rotation", "id", "secret")), audit).reencryptAll();
        assertThat(jdbc.queryForObject("select secret from test_key_no_rotation", String.class)).isEqualTo(sealed);
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'DATA_KEY_REENCRYPTED'", Integer.class)).isEqualTo(audited);
        assertThat(first.hasPreviousKeys()).isFalse();
        assertThat(cipher(newKey(), 2, Map.of(1, newKey())).hasPreviousKeys()).isTrue();
        jdbc.execute("drop table test_key_no_rotation");
    }

    @Test
    void everyEncryptedColumnOfThePlatformIsDeclaredForRotation() {
        assertThat(declared).extracting(c -> c.table() + "." + c.column()).contains(
                "identity_account.id_number_cipher", "identity_account.phone_cipher",
                "identity_sms_message.phone_cipher", "identity_sso_authorization.data",
                "identity_signing_key.jwk_cipher", "certificates_certificate.payload_cipher",
                "certificates_signing_key.private_key", "certificates_root_ca.private_key",
                "exchange_person.id_number_cipher", "cases_application.form_values_sealed");
        for (EncryptedColumn column : declared) {
            assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where table_name = ? "
                    + "and column_name = ?", Integer.class, column.table(), column.column()))
                    .as(column.toString()).isEqualTo(1);
        }
    }
}

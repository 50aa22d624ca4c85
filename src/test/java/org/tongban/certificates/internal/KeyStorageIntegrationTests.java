package org.tongban.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tongban.TongbanIntegrationTest;
import org.tongban.certificates.CertificateStatus;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.IssueRequest;
import org.tongban.identity.PersonalData;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

/** Private keys in the PKCS#12 key store (the test profile's default), moving keys between storages, first use. */
@TongbanIntegrationTest
class KeyStorageIntegrationTests {

    /** 建设工程规划许可证, issued by natural-resources bodies, a company as holder. */
    static final String PLANNING_PERMIT = "11100000MB0T000500001";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(8300);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KeyStorage keys;
    @Autowired
    KeyStorageMigration migration;
    @Autowired
    TrustStore trust;
    @Autowired
    Certificates certificates;
    @Autowired
    CertificateVerification verification;
    @Autowired
    Organization organization;
    @Autowired
    PersonalData personalData;
    @Autowired
    AuditTrail audit;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TimeStampAuthority timeStamps;

    /** A natural-resources body outside 浑南区 that has no signing key yet (each test its own). */
    static BodySummary freshBody(Organization organization, JdbcTemplate jdbc) {
        for (int page = 0; page < 50; page++) {
            var bodies = organization.bodies(DivisionCode.of("210000"), true, page, 200);
            for (BodySummary body : bodies.getContent()) {
                if (body.category() == BodyCategory.NATURAL_RESOURCES && !"210112".equals(body.divisionCode())
                        && jdbc.queryForObject("select count(*) from certificates_signing_key where body_id = ?",
                                Integer.class, body.id()) == 0) {
                    return body;
                }
            }
            if (!bodies.hasNext()) {
                break;
            }
        }
        throw new IllegalStateException("no natural-resources body without a signing key left");
    }

    static IssueRequest permit(BodySummary body) {
        String code = UnifiedSocialCreditCode.withCheckCharacter("91210106MA0TD" + "%04d".formatted(SEQUENCE
                .incrementAndGet())).value();
        return new IssueRequest(PLANNING_PERMIT, body.id(), Holder.company("辽宁密钥测试有限公司", code),
                Map.of("JSXM", "测试楼", "JSWZ", "测试路1号", "JSGM", "1000平方米"), null, "OFFICER", null, null);
    }

    private UUID keyOf(CertificateView certificate) {
        return jdbc.queryForObject("select key_id from certificates_certificate where id = ?", UUID.class,
                certificate.id());
    }

    @Test
    void privateKeysLiveInThePkcs12FileAndNotInTheDatabase() {
        BodySummary body = freshBody(organization, jdbc);
        CertificateView issued = certificates.issue(permit(body));
        UUID keyId = keyOf(issued);

        assertThat(keys).isInstanceOf(Pkcs12KeyStorage.class);
        assertThat(((Pkcs12KeyStorage) keys).file()).exists();
        assertThat(jdbc.queryForObject("select private_key from certificates_signing_key where id = ?", String.class,
                keyId)).isNull();
        assertThat(jdbc.queryForObject("select private_key from certificates_root_ca where id = 1", String.class))
                .isNull();
        assertThat(keys.find(keyId.toString())).isPresent();
        assertThat(keys.find(KeyStorage.ROOT_ALIAS)).isPresent();
        // The chain kept with the key: the body's certificate, then the root.
        X509Certificate[] chain = ((Pkcs12KeyStorage) keys).chain(keyId.toString());
        assertThat(chain[0]).isEqualTo(Sm2.readCertificate(trust.verifyingKey(keyId).certificatePem()));
        assertThat(List.of(chain)).contains(trust.root());
        assertThat(verification.byIdentifier(issued.identifier(), issued.verificationCode()).status())
                .isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void keysHeldInTheDatabaseMoveIntoTheFileAndKeepSigning() {
        BodySummary body = freshBody(organization, jdbc);
        CertificateView before = certificates.issue(permit(body));
        // A key as the database storage kept it before the switch: the private key encrypted in its row.
        trust.retire(body.id(), null);
        KeyPair pair = Sm2.newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = Sm2.certificate(body.name(), body.creditCode(), pair.getPublic(), trust.root(),
                keys.find(KeyStorage.ROOT_ALIAS).orElseThrow(), false, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        UUID legacyKey = UUID.randomUUID();
        jdbc.update("""
                insert into certificates_signing_key (id, body_id, body_name, body_credit_code, certificate, private_key)
                values (?, ?, ?, ?, ?, ?)""", legacyKey, body.id(), body.name(), body.creditCode(),
                Sm2.pem(certificate), personalData.encrypt(Sm2.pem(pair.getPrivate())));
        assertThat(keys.find(legacyKey.toString())).isEmpty();

        assertThat(migration.moveKeys()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject("select private_key from certificates_signing_key where id = ?", String.class,
                legacyKey)).isNull();
        assertThat(keys.find(legacyKey.toString())).get().extracting(k -> k.getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'certificates' "
                + "and action = 'signing-keys.moved' and target_id = 'pkcs12'", Integer.class)).isPositive();
        // Nothing left to move: a second start moves nothing.
        assertThat(migration.moveKeys()).isZero();
        // The moved key signs, and both certificates verify.
        CertificateView after = certificates.issue(permit(body));
        assertThat(keyOf(after)).isEqualTo(legacyKey);
        assertThat(verification.byIdentifier(after.identifier(), after.verificationCode()).status())
                .isEqualTo(CertificateStatus.VALID);
        assertThat(verification.byIdentifier(before.identifier(), before.verificationCode()).status())
                .isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void switchingBackToTheDatabaseMovesTheKeysOutOfTheFileAndForwardAgain() {
        BodySummary body = freshBody(organization, jdbc);
        UUID keyId = keyOf(certificates.issue(permit(body)));
        timeStamps.stamp(new byte[] { 1 }, "key-storage-test"); // the time-stamp authority's key exists
        String tsa = KeyStorage.TIME_STAMP_PREFIX + jdbc.queryForObject(
                "select id from certificates_time_stamp_key where retired_at is null", UUID.class);
        var database = new DatabaseKeyStorage(jdbc, personalData);
        var toDatabase = new KeyStorageMigration(database, (Pkcs12KeyStorage) keys, jdbc, personalData, audit,
                transactions);

        assertThat(toDatabase.moveKeys()).isGreaterThanOrEqualTo(2); // at least the root and this key
        assertThat(database.find(keyId.toString())).get().extracting(k -> k.getEncoded())
                .isEqualTo(keys.find(keyId.toString()).orElseThrow().getEncoded());
        assertThat(database.find(KeyStorage.ROOT_ALIAS)).isPresent();
        assertThat(database.find(tsa)).get().extracting(k -> k.getEncoded())
                .isEqualTo(keys.find(tsa).orElseThrow().getEncoded());

        // And back to the file, as this context is configured (the columns emptied again).
        assertThat(migration.moveKeys()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from certificates_signing_key where private_key is not null",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select private_key from certificates_root_ca", String.class)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from certificates_time_stamp_key where private_key is not null",
                Integer.class)).isZero();
    }

    @Test
    void manyIssuancesRacingForABodysFirstKeyAllSignWithTheOneKeyThatWon() throws Exception {
        BodySummary body = freshBody(organization, jdbc);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CertificateView> issued = new ArrayList<>();
        try {
            List<Future<CertificateView>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                IssueRequest request = permit(body);
                futures.add(pool.submit(() -> {
                    start.await();
                    return certificates.issue(request);
                }));
            }
            start.countDown();
            for (Future<CertificateView> f : futures) {
                issued.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("select count(*) from certificates_signing_key where body_id = ?",
                Integer.class, body.id())).isOne();
        assertThat(issued.stream().map(this::keyOf).distinct()).hasSize(1);
        for (CertificateView c : issued) {
            assertThat(verification.byIdentifier(c.identifier(), c.verificationCode()).status())
                    .isEqualTo(CertificateStatus.VALID);
        }
    }
}

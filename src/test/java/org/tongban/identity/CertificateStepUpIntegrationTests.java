package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.identity.AssuranceSupport.PASSWORD;
import static org.tongban.identity.AssuranceSupport.newAddress;
import static org.tongban.identity.AssuranceSupport.newPerson;
import static org.tongban.identity.AssuranceSupport.register;
import static org.tongban.identity.AssuranceSupport.sessionPrincipal;
import static org.tongban.identity.AssuranceSupport.signIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.AssuranceSupport.Person;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.identity.internal.Sm2Certificates;

/**
 * L4 by SM2 client certificate: certificates issued here with BouncyCastle by the demo CA the test context trusts
 * (generated under tongban.identity.l4.demo-directory) and by a CA nobody trusts.
 */
@TongbanIntegrationTest
class CertificateStepUpIntegrationTests {

    private static final String SIGNER_ID = "1234567812345678";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    CertificateStepUp stepUp;
    @Autowired
    CertificateProperties properties;

    X509Certificate ca;
    PrivateKey caKey;
    final Instant now = Instant.now();

    @BeforeEach
    void trustedCa() throws Exception {
        ca = Sm2Certificates.readCertificates(Files.readString(properties.demoDirectory().resolve("demo-ca.pem")))
                .getFirst();
        caKey = Sm2Certificates.readPrivateKey(Files.readString(properties.demoDirectory().resolve("demo-ca-key.pem")));
    }

    private UUID registered(Person person) throws Exception {
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        return jdbc.queryForObject("select id from identity_account where phone_hash = ?", UUID.class,
                cipher.lookupHash("phone:" + person.phone()));
    }

    private X509Certificate issue(KeyPair keys, String idNumber) {
        return Sm2Certificates.personCertificate(ca, caKey, keys.getPublic(), "测试", idNumber,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), KeyUsage.digitalSignature);
    }

    private String sign(KeyPair keys, String text) {
        return Base64.getEncoder().encodeToString(
                Sm2Certificates.sign(keys.getPrivate(), text.getBytes(StandardCharsets.UTF_8), SIGNER_ID));
    }

    private int level(UUID account) {
        return jdbc.queryForObject("select assurance_level from identity_account where id = ?", Integer.class, account);
    }

    /** Each refusal on a fresh challenge; the challenge is used up either way. */
    private void refused(UUID account, KeyPair keys, X509Certificate certificate, String code) {
        var challenge = stepUp.challenge(account);
        assertThatThrownBy(() -> stepUp.verify(account, challenge.id(), Sm2Certificates.pem(certificate),
                sign(keys, challenge.text()))).hasMessageContaining(code);
        assertThat(level(account)).isEqualTo(1);
    }

    @Test
    void aPersonWithTheirOwnCertificateReachesLevelFourAndReturnsToTheService() throws Exception {
        Person person = newPerson("韩证书");
        UUID account = registered(person);
        KeyPair keys = Sm2Certificates.newKeyPair();
        String pem = Sm2Certificates.pem(issue(keys, person.idNumber()));
        Cookie session = signIn(mvc, person.phone(), PASSWORD, newAddress());

        String page = mvc.perform(post("/account/assurance/certificate/challenge").with(csrf()).cookie(session)
                        .param("needed", "4").param("continue", "/account"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        var id = Pattern.compile("name=\"challengeId\" value=\"([0-9a-f-]{36})\"").matcher(page);
        var text = Pattern.compile("id=\"challenge-text\">(tongban-l4:[A-Za-z0-9_-]+)<").matcher(page);
        assertThat(id.find()).isTrue();
        assertThat(text.find()).isTrue();

        mvc.perform(post("/account/assurance/certificate").with(csrf()).cookie(session).param("needed", "4")
                        .param("continue", "/account").param("challengeId", id.group(1)).param("certificate", pem)
                        .param("signature", sign(keys, text.group(1) + "x")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("签名验证失败")))
                .andExpect(content().string(containsString("BEGIN CERTIFICATE")));
        // That challenge is spent; a new one, signed right.
        mvc.perform(post("/account/assurance/certificate").with(csrf()).cookie(session).param("needed", "4")
                        .param("challengeId", id.group(1)).param("certificate", pem)
                        .param("signature", sign(keys, text.group(1))))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("已失效或已使用")));
        var challenge = stepUp.challenge(account);
        // A challenge is the account's own: another person's session cannot use it.
        mvc.perform(post("/account/assurance/certificate").with(csrf()).cookie(session).param("needed", "4")
                        .param("continue", "/account").param("challengeId", challenge.id().toString())
                        .param("certificate", pem).param("signature", sign(keys, challenge.text())))
                .andExpect(redirectedUrl("/account"));
        assertThat(level(account)).isEqualTo(4);
        assertThat(sessionPrincipal(jdbc, session).assuranceLevel()).isEqualTo(4);
        assertThat(jdbc.queryForObject("select details from identity_assurance_audit where account_id = ? "
                + "and method = 'CERTIFICATE'", String.class, account)).contains("certificate serial");
    }

    @Test
    void certificatesThatDoNotProveThisPersonAreRefused() throws Exception {
        Person person = newPerson("杨拒绝");
        UUID account = registered(person);
        KeyPair keys = Sm2Certificates.newKeyPair();

        // Someone else's certificate (another ID number), from the trusted CA.
        refused(account, keys, issue(keys, newPerson("别人").idNumber()), "identity.certificate.other-person");
        // A CA nobody configured.
        KeyPair rogueKeys = Sm2Certificates.newKeyPair();
        X509Certificate rogue = Sm2Certificates.selfSignedCa(rogueKeys, "Rogue CA", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        refused(account, keys, Sm2Certificates.personCertificate(rogue, rogueKeys.getPrivate(), keys.getPublic(),
                "测试", person.idNumber(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                KeyUsage.digitalSignature), "identity.certificate.untrusted");
        // Expired.
        refused(account, keys, Sm2Certificates.personCertificate(ca, caKey, keys.getPublic(), "测试",
                person.idNumber(), now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)),
                KeyUsage.digitalSignature), "identity.certificate.expired");
        // Not for signatures.
        refused(account, keys, Sm2Certificates.personCertificate(ca, caKey, keys.getPublic(), "测试",
                person.idNumber(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                KeyUsage.keyEncipherment), "identity.certificate.key-usage");
        // The right certificate, signed by another key.
        X509Certificate right = issue(keys, person.idNumber());
        refused(account, Sm2Certificates.newKeyPair(), right, "identity.certificate.signature");
        // The right signature over the wrong signer ID.
        var challenge = stepUp.challenge(account);
        String wrongId = Base64.getEncoder().encodeToString(Sm2Certificates.sign(keys.getPrivate(),
                challenge.text().getBytes(StandardCharsets.UTF_8), "8765432187654321"));
        assertThatThrownBy(() -> stepUp.verify(account, challenge.id(), Sm2Certificates.pem(right), wrongId))
                .hasMessageContaining("identity.certificate.signature");
        // Not a certificate at all, and an expired challenge.
        var garbage = stepUp.challenge(account);
        assertThatThrownBy(() -> stepUp.verify(account, garbage.id(), "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----", "AAAA")).hasMessageContaining("identity.certificate.unreadable");
        var stale = stepUp.challenge(account);
        jdbc.update("update identity_certificate_challenge set expires_at = now() - interval '1 second' where id = ?",
                stale.id());
        assertThatThrownBy(() -> stepUp.verify(account, stale.id(), Sm2Certificates.pem(right),
                sign(keys, stale.text()))).hasMessageContaining("identity.certificate.challenge");
        // Another account's challenge.
        UUID other = registered(newPerson("秦他人"));
        var foreign = stepUp.challenge(other);
        assertThatThrownBy(() -> stepUp.verify(account, foreign.id(), Sm2Certificates.pem(right),
                sign(keys, foreign.text()))).hasMessageContaining("identity.certificate.challenge");
        assertThat(level(account)).isEqualTo(1);
        // Finally the right one works.
        var good = stepUp.challenge(account);
        assertThat(stepUp.verify(account, good.id(), Sm2Certificates.pem(right), sign(keys, good.text())))
                .isEqualTo(4);
    }
}

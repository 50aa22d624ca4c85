package org.tongban.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class Sm2SignatureTests {

    private final KeyPair body = Sm2.newKeyPair();

    private static Map<String, Object> payload() {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("ZZMC", "营业执照");
        payload.put("CZZT", "沈阳示例有限公司");
        payload.put("ZZXX", new TreeMap<>(Map.of("JYFW", "软件开发\n\"咨询\"", "ZCZB", "100万元")));
        return payload;
    }

    @Test
    void canonicalFormIsTheSameWhateverTheOrderOfMembers() {
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("ZZXX", new java.util.LinkedHashMap<>(Map.of("ZCZB", "100万元", "JYFW", "软件开发\n\"咨询\"")));
        reordered.put("CZZT", "沈阳示例有限公司");
        reordered.put("ZZMC", "营业执照");

        assertThat(CanonicalJson.bytes(reordered)).isEqualTo(CanonicalJson.bytes(payload()));
        assertThat(new String(CanonicalJson.bytes(payload()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"CZZT\":\"沈阳示例有限公司\",\"ZZMC\":\"营业执照\",\"ZZXX\":{\"JYFW\":\"软件开发\\n\\\"咨询\\\"\","
                        + "\"ZCZB\":\"100万元\"}}");
    }

    @Test
    void signatureOfTheBodyVerifiesWithItsPublicKey() {
        byte[] data = CanonicalJson.bytes(payload());
        byte[] signature = Sm2.sign(body.getPrivate(), data);

        assertThat(Sm2.verify(body.getPublic(), data, signature)).isTrue();
        // Reused per-thread Signature objects must not carry state from one call to the next.
        assertThat(Sm2.verify(body.getPublic(), data, signature)).isTrue();
    }

    @Test
    void aTamperedPayloadFailsVerification() {
        byte[] signature = Sm2.sign(body.getPrivate(), CanonicalJson.bytes(payload()));
        Map<String, Object> tampered = payload();
        tampered.put("CZZT", "沈阳示例有限公司 ");

        assertThat(Sm2.verify(body.getPublic(), CanonicalJson.bytes(tampered), signature)).isFalse();
    }

    @Test
    void anotherKeyFailsVerification() {
        byte[] data = CanonicalJson.bytes(payload());
        byte[] signature = Sm2.sign(body.getPrivate(), data);

        assertThat(Sm2.verify(Sm2.newKeyPair().getPublic(), data, signature)).isFalse();
        assertThat(Sm2.verify(body.getPublic(), data, new byte[] { 1, 2, 3 })).isFalse();
        assertThat(Sm2.verify(body.getPublic(), data, signature)).isTrue();
    }

    @Test
    void bodyCertificatesChainToTheRootAndNotToAnotherRoot() {
        Instant now = Instant.now();
        KeyPair rootKeys = Sm2.newKeyPair();
        var root = Sm2.certificate("根", null, rootKeys.getPublic(), null, rootKeys.getPrivate(), true,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        var certificate = Sm2.certificate("沈阳市浑南区市场监督管理局", "11210112000000019X", body.getPublic(), root,
                rootKeys.getPrivate(), false, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        KeyPair otherKeys = Sm2.newKeyPair();
        var other = Sm2.certificate("另一个根", null, otherKeys.getPublic(), null, otherKeys.getPrivate(), true,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

        assertThat(Sm2.issuedBy(certificate, root, now)).isTrue();
        assertThat(Sm2.issuedBy(certificate, other, now)).isFalse();
        assertThat(Sm2.readCertificate(Sm2.pem(certificate)).getPublicKey()).isEqualTo(body.getPublic());
        assertThat(Sm2.readPrivateKey(Sm2.pem(body.getPrivate()))).isEqualTo(body.getPrivate());
    }
}

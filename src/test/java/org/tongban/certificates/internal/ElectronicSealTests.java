package org.tongban.certificates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;
import org.tongban.certificates.OfflineVerifier;

/**
 * GB/T 38540-2020 structures as written and read back, and the verdicts of the OFD verification that need no server:
 * a seal used outside its validity, an expired certificate, trust decided by the given roots only.
 */
class ElectronicSealTests {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final String ISSUER_CODE = "11210112MB0T00012X";

    private final KeyPair rootKeys = Sm2.newKeyPair();
    private final X509Certificate root = Sm2.certificate("测试根", null, rootKeys.getPublic(), null,
            rootKeys.getPrivate(), true, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3650)));
    private final KeyPair bodyKeys = Sm2.newKeyPair();
    private final X509Certificate body = Sm2.certificate("测试局", ISSUER_CODE, bodyKeys.getPublic(), root,
            rootKeys.getPrivate(), false, NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(365)));

    private byte[] seal(Instant validStart, Instant validEnd) throws Exception {
        return ElectronicSeal.seal(new ElectronicSeal.SealInfo(ISSUER_CODE + "-1", ElectronicSeal.TYPE_ORGANIZATION,
                "测试局电子证照专用章", List.of(body.getEncoded()), NOW, validStart, validEnd, "PNG",
                SealImage.png("测试局", "电子证照专用章", Optional.empty()), 40, 40), body, bodyKeys.getPrivate());
    }

    private byte[] ofd(byte[] seal, Instant at, String until) {
        return OfdPackage.write(new OfdPackage.Content("测试证", "测试局", "编号：1", List.of(List.of("证照编号", "1")),
                List.of("正文"), "测试局", "2026年11月24日", "https://example.invalid/v", Map.of("ZZBS",
                        "1.2.156.3005.2.11100000MB0T00040Y001." + ISSUER_CODE + ".1.001.X", "ZZYXQJZRQ", until)),
                new OfdPackage.Signer("k", "测试局", bodyKeys.getPrivate(), body, seal), at);
    }

    @Test
    void theSealAndTheSignatureAreTheVersion4StructuresAndReadBackAsWritten() throws Exception {
        byte[] seal = seal(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        ASN1Sequence top = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(seal));
        assertThat(top.size()).isEqualTo(4); // eSealInfo, cert, signAlgID, signedValue
        ASN1Sequence sealInfo = ASN1Sequence.getInstance(top.getObjectAt(0));
        assertThat(sealInfo.size()).isEqualTo(4); // header, esID, property, picture (no extDatas)
        assertThat(ASN1Sequence.getInstance(sealInfo.getObjectAt(2)).size()).isEqualTo(7);

        byte[] signature = ElectronicSeal.sign(seal, NOW, new byte[32], "/Doc_0/Signs/Sign_0/Signature.xml", body,
                bodyKeys.getPrivate());
        ElectronicSeal.Signature read = ElectronicSeal.readSignature(signature);
        assertThat(read.seal().der()).isEqualTo(seal);
        assertThat(read.time()).isEqualTo(NOW);
        assertThat(read.dataHash()).hasSize(32);
        assertThat(read.seal().info().validStart()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(Sm2.verify(body.getPublicKey(), read.signedContent(), read.signature())).isTrue();
        assertThat(Sm2.verify(body.getPublicKey(), read.seal().signedContent(), read.seal().signedValue())).isTrue();
        assertThatThrownBy(() -> ElectronicSeal.readSignature(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x04 }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIntactCopyIsValidUnderItsRootUntrustedUnderAnotherAndExpiredAfterItsLastDay() throws Exception {
        byte[] ofd = ofd(seal(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))), NOW, "2026-12-31");
        assertThat(OfdVerification.verify(ofd, List.of(root)).problems()).isEmpty();
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(root), NOW).status()).isEqualTo("VALID");
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(root), Instant.parse("2027-01-02T00:00:00Z")).status())
                .isEqualTo("EXPIRED");
        KeyPair other = Sm2.newKeyPair();
        X509Certificate otherRoot = Sm2.certificate("别的根", null, other.getPublic(), null, other.getPrivate(), true,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(otherRoot), NOW).status()).isEqualTo("UNTRUSTED");
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(), NOW).status()).isEqualTo("UNTRUSTED");
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(otherRoot, root), NOW).status()).isEqualTo("VALID");
    }

    @Test
    void aSealUsedOutsideItsValidityIsRefused() throws Exception {
        byte[] ofd = ofd(seal(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))), NOW, "长期");
        assertThat(OfdVerification.verify(ofd, List.of(root)).problems()).containsExactly("seal");
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(root), NOW).status()).isEqualTo("TAMPERED");
    }
}

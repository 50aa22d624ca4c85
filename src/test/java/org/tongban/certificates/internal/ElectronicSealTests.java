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
        return ofd(seal, at, until, null);
    }

    private byte[] ofd(byte[] seal, Instant at, String until, java.util.function.UnaryOperator<byte[]> timeStamper) {
        return OfdPackage.write(new OfdPackage.Content("测试证", "测试局", "编号：1", List.of(List.of("证照编号", "1")),
                List.of("正文"), "测试局", "2026年11月24日", "https://example.invalid/v", Map.of("ZZBS",
                        "1.2.156.3005.2.11100000MB0T00040Y001." + ISSUER_CODE + ".1.001.X", "ZZYXQJZRQ", until)),
                new OfdPackage.Signer("k", "测试局", bodyKeys.getPrivate(), body, seal, timeStamper), at);
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
                bodyKeys.getPrivate(), null);
        ElectronicSeal.Signature read = ElectronicSeal.readSignature(signature);
        assertThat(read.timeStamped()).isFalse();
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

    // ------------------------------------------------------------------ time stamps (GB/T 20520)

    private final KeyPair authorityKeys = Sm2.newKeyPair();
    private final X509Certificate authority = Sm2.timeStampingCertificate("测试时间戳服务", authorityKeys.getPublic(),
            root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(365)));

    private java.util.function.UnaryOperator<byte[]> stamper(X509Certificate certificate, java.security.PrivateKey key,
            Instant at) {
        return signature -> TimeStamps.stamp(key, certificate, signature, java.math.BigInteger.valueOf(7), at);
    }

    @Test
    void theTimeStampIsTheImplicitlyTaggedFifthMemberOverTheSignatureValue() throws Exception {
        byte[] seal = seal(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        byte[] signature = ElectronicSeal.sign(seal, NOW, new byte[32], "/Doc_0/Signs/Sign_0/Signature.xml", body,
                bodyKeys.getPrivate(), stamper(authority, authorityKeys.getPrivate(), NOW.plusSeconds(1)));
        ASN1Sequence top = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
        assertThat(top.size()).isEqualTo(5);
        assertThat(org.bouncycastle.asn1.ASN1TaggedObject.getInstance(top.getObjectAt(4)).getTagNo()).isZero();
        ElectronicSeal.Signature read = ElectronicSeal.readSignature(signature);
        assertThat(read.timeStamped()).isTrue();
        var verified = TimeStamps.verify(read.timeStamp(), read.signature(), List.of(root)).orElseThrow();
        assertThat(verified.time()).isEqualTo(NOW.plusSeconds(1));
        assertThat(verified.serial()).isEqualTo(7);
        assertThat(verified.authority()).isEqualTo(authority);
        // Over this signature value only.
        assertThat(TimeStamps.verify(read.timeStamp(), new byte[64], List.of(root))).isEmpty();
    }

    @Test
    void aTimeStampedCopyVerifiesAndReportsTheAttestedTime() throws Exception {
        byte[] ofd = ofd(seal(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))), NOW, "长期",
                stamper(authority, authorityKeys.getPrivate(), NOW.plusMillis(250)));
        var report = OfdVerification.verify(ofd, List.of(root));
        assertThat(report.problems()).isEmpty();
        assertThat(report.signedAt()).isEqualTo(NOW);
        assertThat(report.timeStampedAt()).isEqualTo(NOW.plusMillis(250));
        assertThat(OfflineVerifier.verifyOfd(ofd, List.of(root), NOW).detail()).contains("time-stamped "
                + NOW.plusMillis(250));
    }

    @Test
    void aTimeStampFromAnUntrustedOrUnfitAuthorityOrEarlierThanTheSignatureClaimsIsTampering() throws Exception {
        byte[] seal = seal(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        // An authority under another root.
        KeyPair otherKeys = Sm2.newKeyPair();
        X509Certificate otherRoot = Sm2.certificate("别的根", null, otherKeys.getPublic(), null, otherKeys.getPrivate(),
                true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        KeyPair foreignKeys = Sm2.newKeyPair();
        X509Certificate foreign = Sm2.timeStampingCertificate("别的时间戳服务", foreignKeys.getPublic(), otherRoot,
                otherKeys.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        assertThat(OfdVerification.verify(ofd(seal, NOW, "长期", stamper(foreign, foreignKeys.getPrivate(), NOW)),
                List.of(root)).problems()).containsExactly("time-stamp");
        // A certificate of the right root that is not for time stamping (a body's signing certificate) cannot even
        // make a token (RFC 3161 §2.3; BouncyCastle's generator refuses it as the verifier would).
        assertThatThrownBy(() -> ofd(seal, NOW, "长期", stamper(body, bodyKeys.getPrivate(), NOW)))
                .hasRootCauseMessage("Certificate must have an ExtendedKeyUsage extension.");
        // A signature claiming to be made well after it was stamped: the claim is false.
        assertThat(OfdVerification.verify(ofd(seal, NOW, "长期", stamper(authority, authorityKeys.getPrivate(),
                NOW.minus(Duration.ofMinutes(10)))), List.of(root)).problems()).containsExactly("time-stamp");
        // A stamp outside the authority's certificate's validity.
        assertThat(OfdVerification.verify(ofd(seal, NOW, "长期", stamper(authority, authorityKeys.getPrivate(),
                NOW.plus(Duration.ofDays(400)))), List.of(root)).problems()).contains("time-stamp");
        // One flipped byte in the token (the last: its signature's).
        byte[] good = ofd(seal, NOW, "长期", stamper(authority, authorityKeys.getPrivate(), NOW));
        var signature = ElectronicSeal.readSignature(unzip(good).get(OfdPackage.SIGNED_VALUE_PATH));
        byte[] token = signature.timeStamp().clone();
        token[token.length - 1] ^= 0x01;
        assertThat(TimeStamps.verify(signature.timeStamp(), signature.signature(), List.of(root))).isPresent();
        assertThat(TimeStamps.verify(token, signature.signature(), List.of(root))).isEmpty();
        assertThat(TimeStamps.verify(new byte[] { 1, 2, 3 }, signature.signature(), List.of(root))).isEmpty();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}

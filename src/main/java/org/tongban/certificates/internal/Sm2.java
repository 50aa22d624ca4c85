package org.tongban.certificates.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * SM2 with SM3 for e-certificates (GB/T 35275, DOMAIN §10): the signer ID is pinned, and the {@link Signature}
 * objects are kept per thread and re-initialised per key — creating one per call costs about four times the
 * verification itself (DESIGN.md). The provider is used by instance, never registered globally.
 */
public final class Sm2 {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** GB/T 35276 default signer ID, pinned (DOMAIN §10). */
    public static final String SIGNER_ID = "1234567812345678";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Signature> SIGNATURES = ThreadLocal.withInitial(Sm2::newSignature);

    private Sm2() {
    }

    private static Signature newSignature() {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.setParameter(new SM2ParameterSpec(SIGNER_ID.getBytes(StandardCharsets.US_ASCII)));
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        Signature signature = SIGNATURES.get();
        try {
            signature.initSign(key, RANDOM);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** False for a wrong key, changed data or a malformed signature; never throws on bad input. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        Signature signature = SIGNATURES.get();
        try {
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            SIGNATURES.remove(); // a failed verify may leave the object mid-operation
            return false;
        }
    }

    /**
     * An X.509 certificate (GB/T 20518 profile): a CA certificate when {@code issuerKey} signs its own subject
     * ({@code ca}), else a document-signing certificate (digital signature, non-repudiation) of an issuing body.
     */
    public static X509Certificate certificate(String subjectName, String subjectCreditCode, PublicKey subjectKey,
            X509Certificate issuer, PrivateKey issuerKey, boolean ca, Instant from, Instant to) {
        return certificate(subjectName, subjectCreditCode, subjectKey, issuer, issuerKey, ca, false, from, to);
    }

    /**
     * The certificate of a time-stamp authority (GB/T 20520, RFC 3161 §2.3): digital signature and non-repudiation,
     * and the extended key usage id-kp-timeStamping as its only purpose, marked critical — a verifier refuses a time
     * stamp signed under any other certificate, and this key can sign nothing else a verifier would accept.
     */
    public static X509Certificate timeStampingCertificate(String subjectName, PublicKey subjectKey,
            X509Certificate issuer, PrivateKey issuerKey, Instant from, Instant to) {
        return certificate(subjectName, null, subjectKey, issuer, issuerKey, false, true, from, to);
    }

    private static X509Certificate certificate(String subjectName, String subjectCreditCode, PublicKey subjectKey,
            X509Certificate issuer, PrivateKey issuerKey, boolean ca, boolean timeStamping, Instant from, Instant to) {
        X500NameBuilder names = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "通办电子证照");
        if (subjectCreditCode != null) {
            names.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, subjectCreditCode);
        }
        X500Name subject = names.addRDN(BCStyle.CN, subjectName).build();
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        try {
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(from), Date.from(to), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (timeStamping) {
                builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            var signer = new JcaContentSignerBuilder("SM3WITHSM2").setProvider(BC).build(issuerKey);
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code certificate} was signed by the key of {@code issuer} and is within its validity at {@code at}. */
    public static boolean issuedBy(X509Certificate certificate, X509Certificate issuer, Instant at) {
        try {
            certificate.verify(issuer.getPublicKey(), BC);
            certificate.checkValidity(Date.from(at));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static X509Certificate readCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a certificate", e);
        }
    }

    /** A DER-encoded certificate (as GB/T 38540 carries it). */
    public static X509Certificate readCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Not a certificate", e);
        }
    }

    /** Every certificate in a PEM text (a list of trusted roots); at least one. */
    public static java.util.List<X509Certificate> readCertificates(String pem) {
        try {
            var all = CertificateFactory.getInstance("X.509", BC).generateCertificates(
                    new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            if (all.isEmpty()) {
                throw new IllegalArgumentException("No certificate");
            }
            return all.stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a certificate", e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey((PrivateKeyInfo) parser.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

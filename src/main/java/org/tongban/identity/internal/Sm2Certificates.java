package org.tongban.identity.internal;

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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * SM2 keys and X.509 certificates with BouncyCastle (GB/T 35275 SM2 signatures with SM3, GB/T 20518 certificate
 * profile): what the demo CA issues, what tests issue, and the parsing and signature checks of L4 step-up. The
 * provider is used by instance, never registered globally.
 */
public final class Sm2Certificates {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** Subject attribute that carries the holder's ID number (X.520 serialNumber, as issuing CAs use it). */
    public static final ASN1ObjectIdentifier ID_NUMBER_ATTRIBUTE = BCStyle.SERIALNUMBER;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2Certificates() {
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

    /** A self-signed CA certificate (basic constraints CA, key usage certificate and CRL signing). */
    public static X509Certificate selfSignedCa(KeyPair keys, String commonName, Instant from, Instant to) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "通办")
                .addRDN(BCStyle.CN, commonName).build();
        return build(name, keys.getPublic(), name, keys.getPrivate(), from, to, true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /**
     * A client certificate for a person: subject CN = name, serialNumber = ID number.
     *
     * @param keyUsage the key-usage bits ({@code KeyUsage.digitalSignature} for a signing certificate)
     */
    public static X509Certificate personCertificate(X509Certificate issuer, PrivateKey issuerKey, PublicKey subjectKey,
            String name, String idNumber, Instant from, Instant to, int keyUsage) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.CN, name)
                .addRDN(ID_NUMBER_ATTRIBUTE, idNumber).build();
        return build(subject, subjectKey, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey, from, to, false, keyUsage);
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
            Instant from, Instant to, boolean ca, int keyUsage) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, RANDOM).add(BigInteger.ONE),
                    Date.from(from), Date.from(to), subject, subjectKey);
            var extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            var signer = new JcaContentSignerBuilder("SM3WITHSM2").setProvider(BC).build(issuerKey);
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SM2 signature with SM3 over {@code data}, DER encoded, with the given signer ID (DOMAIN §10). */
    public static byte[] sign(PrivateKey key, byte[] data, String signerId) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.setParameter(new SM2ParameterSpec(signerId.getBytes(StandardCharsets.US_ASCII)));
            signature.initSign(key, RANDOM);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies an SM2/SM3 signature. A {@link Signature} is not thread-safe, so each call creates its own: L4
     * step-ups are rare (one per person, ever), where reuse per thread would only pay off at thousands per second.
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes, String signerId) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.setParameter(new SM2ParameterSpec(signerId.getBytes(StandardCharsets.US_ASCII)));
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the key is an SM2 key (EC on the sm2p256v1 curve). */
    public static boolean isSm2(PublicKey key) {
        try {
            var algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
            return GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every certificate in a PEM text (in order); empty when there is none. */
    public static List<X509Certificate> readCertificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(
                    new java.io.ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of();
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKeyInfo info = object instanceof org.bouncycastle.openssl.PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : (PrivateKeyInfo) object;
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM text of a certificate or key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The subject's ID number attribute, when present. */
    public static java.util.Optional<String> idNumber(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        var rdns = subject.getRDNs(ID_NUMBER_ATTRIBUTE);
        if (rdns.length != 1 || rdns[0].getFirst() == null) {
            return java.util.Optional.empty();
        }
        return rdns[0].getFirst().getValue() instanceof org.bouncycastle.asn1.ASN1String text
                ? java.util.Optional.of(text.getString()) : java.util.Optional.empty();
    }

}

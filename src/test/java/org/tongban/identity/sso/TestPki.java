package org.tongban.identity.sso;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA for tests of department systems' certificates (ECDSA P-256, as the JDK's PKIX validator checks them): issues
 * client certificates that may name an OCSP responder (AIA) and a CRL distribution point, delegated OCSP responder
 * certificates, and CRLs.
 */
public final class TestPki {

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    final String name;
    final KeyPair keys;
    public final X509Certificate certificate;

    private TestPki(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed root CA. */
    public static TestPki ca(String name) throws Exception {
        KeyPair keys = keys();
        return new TestPki(name, keys, build(name, keys.getPublic(), name, keys.getPrivate(), true, null, null, false));
    }

    /** A self-signed certificate that is not a CA's (a system registered for self_signed_tls_client_auth). */
    public static Issued selfSigned(String subject) throws Exception {
        KeyPair pair = keys();
        return new Issued(pair, build(subject, pair.getPublic(), subject, pair.getPrivate(), false, null, null, false));
    }

    /** An intermediate CA issued by this one. */
    TestPki intermediate(String name) throws Exception {
        KeyPair pair = keys();
        return new TestPki(name, pair, build(name, pair.getPublic(), this.name, keys.getPrivate(), true, null, null,
                false));
    }

    /** A department system's certificate without AIA or CRL distribution point. */
    public Issued issue(String subject) throws Exception {
        return issue(subject, null, null);
    }

    /** A department system's certificate naming an OCSP responder and/or a CRL distribution point (either nullable). */
    Issued issue(String subject, URI ocsp, URI crlDistributionPoint) throws Exception {
        KeyPair pair = keys();
        return new Issued(pair, build(subject, pair.getPublic(), name, keys.getPrivate(), false, ocsp,
                crlDistributionPoint, false));
    }

    /** A delegated OCSP responder's certificate, with or without id-kp-OCSPSigning. */
    Issued responder(String subject, boolean ocspSigning) throws Exception {
        KeyPair pair = keys();
        return new Issued(pair, build(subject, pair.getPublic(), name, keys.getPrivate(), false, null, null,
                ocspSigning));
    }

    /** A DER CRL of this CA, valid from {@code thisUpdate} to {@code nextUpdate}, revoking the given certificates. */
    X509CRLHolder crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) throws Exception {
        return crl(thisUpdate, nextUpdate, keys.getPrivate(), null, false, revoked);
    }

    X509CRLHolder crl(Instant thisUpdate, Instant nextUpdate, PrivateKey signer, URI partition, boolean delta,
            X509Certificate... revoked) throws Exception {
        var builder = new X509v2CRLBuilder(x500(name), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        if (partition != null) {
            builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                    new DistributionPointName(new GeneralNames(uri(partition))), false, false));
        }
        if (delta) {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(1));
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
    }

    /** A current CRL (from an hour ago to a day ahead) revoking the given certificates. */
    public X509CRLHolder currentCrl(X509Certificate... revoked) throws Exception {
        Instant now = Instant.now();
        return crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), revoked);
    }

    /** Replaces a file the way the README asks deployers to: a temporary file renamed over it. */
    public static void replace(Path file, String contents) throws Exception {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "replacing", ".tmp");
        Files.writeString(temporary, contents);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String pem(Object object) throws Exception {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X500Name x500(String dn) {
        return X500Name.getInstance(new X500Principal(dn).getEncoded());
    }

    private static GeneralName uri(URI uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString());
    }

    private static X509Certificate build(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
            boolean authority, URI ocsp, URI crlDistributionPoint, boolean ocspSigning) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(x500(issuer), new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), x500(subject),
                key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (ocsp != null) {
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(AccessDescription.id_ad_ocsp, uri(ocsp)));
        }
        if (crlDistributionPoint != null) {
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(uri(crlDistributionPoint))), null,
                            null) }));
        }
        if (ocspSigning) {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}

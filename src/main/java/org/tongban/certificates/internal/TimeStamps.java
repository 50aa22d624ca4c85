package org.tongban.certificates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Time stamps as GB/T 20520-2006 (信息安全技术 公钥基础设施 时间戳规范) defines them, which is the token of RFC 3161:
 * a CMS SignedData over {@code TSTInfo} (policy, message imprint, serial number, generation time, accuracy), here
 * with the national algorithms — the imprint is SM3 (1.2.156.10197.1.401) and the signature SM2 with SM3 under the
 * pinned signer ID (DOMAIN §10), BouncyCastle's default for SM2 in CMS. The token carries the authority's certificate
 * (certReq), so it verifies with nothing but the province's root CA certificate, offline included.
 *
 * <p>A GB/T 38540 electronic signature carries such a token in {@code SES_Signature.timeStamp}, over the signature
 * value: it proves the seal existed at that time, which the signer's own {@code timeInfo} cannot — a signer whose
 * key was later revoked could write any time there.
 */
public final class TimeStamps {

    /**
     * The policy under which the platform's authority issues time stamps (RFC 3161 §2.4.2 {@code policy}): time from
     * the server's clock, kept by NTP, accuracy one second. An OID from the UUID arc (ITU-T X.667), which needs no
     * registration.
     */
    public static final String POLICY = "2.25.319294227875133894371309370521814442520";
    /** The accuracy the tokens state. */
    public static final int ACCURACY_SECONDS = 1;

    /** What a verified token attests: the time, and the authority that signed it. */
    public record Verified(Instant time, X509Certificate authority, BigInteger serial) {
    }

    private TimeStamps() {
    }

    /**
     * A time-stamp token (DER) for {@code data} — its SM3 digest is the imprint — at {@code time}, signed with the
     * authority's key and carrying its certificate.
     */
    public static byte[] stamp(PrivateKey key, X509Certificate authority, byte[] data, BigInteger serial,
            Instant time) {
        try {
            var requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            var request = requests.generate(GMObjectIdentifiers.sm3, OfdPackage.sm3(data));
            var digests = new JcaDigestCalculatorProviderBuilder().setProvider(Sm2.BC).build();
            var signer = new JcaSignerInfoGeneratorBuilder(digests).build(
                    new JcaContentSignerBuilder("SM3WITHSM2").setProvider(Sm2.BC).build(key), authority);
            // ESSCertIDv2 (RFC 5816) names the authority's certificate by its SM3 digest.
            var generator = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(GMObjectIdentifiers.sm3)), new ASN1ObjectIdentifier(POLICY));
            generator.setAccuracySeconds(ACCURACY_SECONDS);
            // genTime to the millisecond (RFC 3161 allows fractions): orders a stamp against a revocation made
            // within the same second.
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            generator.addCertificates(new JcaCertStore(List.of(authority)));
            return generator.generate(request, serial, Date.from(time)).getEncoded();
        } catch (OperatorCreationException | CertificateException | TSPException e) {
            throw new IllegalStateException("Cannot make a time stamp", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Verifies a token for {@code data}: an SM3 imprint equal to the digest of the data, the signature of the
     * certificate the token names (ESSCertID), that certificate being for time stamping only (RFC 3161 §2.3: the
     * critical extended key usage) and valid at the stamped time, and issued by one of the trusted roots then.
     * Empty when any of it fails, or the bytes are no token; never throws on bad input.
     */
    public static Optional<Verified> verify(byte[] token, byte[] data, List<X509Certificate> trustedRoots) {
        try {
            var stamp = new TimeStampToken(ContentInfo.getInstance(ASN1Primitive.fromByteArray(token)));
            TimeStampTokenInfo info = stamp.getTimeStampInfo();
            if (!GMObjectIdentifiers.sm3.equals(info.getMessageImprintAlgOID())
                    || !MessageDigest.isEqual(info.getMessageImprintDigest(), OfdPackage.sm3(data))) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked") // SignerId is a raw Selector
            java.util.Collection<X509CertificateHolder> named = stamp.getCertificates().getMatches(stamp.getSID());
            if (named.size() != 1) {
                return Optional.empty();
            }
            X509CertificateHolder holder = named.iterator().next();
            X509Certificate authority = new JcaX509CertificateConverter().setProvider(Sm2.BC).getCertificate(holder);
            // Signature, ESSCertID(v2) against the certificate, its extended key usage and validity at genTime.
            stamp.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Sm2.BC).build(holder));
            Instant time = info.getGenTime().toInstant();
            if (trustedRoots.stream().noneMatch(root -> Sm2.issuedBy(authority, root, time))) {
                return Optional.empty();
            }
            return Optional.of(new Verified(time, authority, info.getSerialNumber()));
        } catch (IOException | TSPException | OperatorCreationException | CertificateException
                | RuntimeException e) {
            return Optional.empty();
        }
    }
}

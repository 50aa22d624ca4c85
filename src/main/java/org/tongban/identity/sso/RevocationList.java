package org.tongban.identity.sso;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.tongban.identity.internal.Sm2Certificates;

/**
 * One certificate revocation list (CRL, 证书撤销列表) read from a file, as RFC 5280 lets a relying party use it: a
 * complete CRL for the certificates of its issuer, or the part of them its Issuing Distribution Point names
 * (§5.2.5). What Tongban does not process makes the CRL unusable rather than half-read (§5.2: a CRL with a critical
 * extension the application cannot process MUST NOT be used): delta CRLs (§5.2.4), indirect CRLs (§5.2.5, §5.3.3),
 * CRLs limited to some reasons, and any other critical CRL or entry extension. Signatures are checked with
 * BouncyCastle by instance, so an SM2-signed CRL verifies as well as an RSA or ECDSA one.
 */
final class RevocationList {

    private final Path file;
    private final X500Principal issuer;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final IssuingDistributionPoint scope;
    private final Map<BigInteger, X509CRLEntryHolder> entries;
    private final String unusable;
    private final X509CRLHolder holder;
    /** Signature checks already made, per issuer certificate: a CRL is verified once, not at every request. */
    private final Map<X509Certificate, Boolean> verified = new ConcurrentHashMap<>();

    RevocationList(Path file, X509CRLHolder holder) throws IOException {
        this.file = file;
        this.holder = holder;
        this.issuer = new X500Principal(holder.getIssuer().getEncoded());
        this.thisUpdate = holder.getThisUpdate().toInstant();
        Date next = holder.getNextUpdate();
        this.nextUpdate = next == null ? null : next.toInstant();
        Extension idp = holder.getExtension(Extension.issuingDistributionPoint);
        this.scope = idp == null ? null : IssuingDistributionPoint.getInstance(idp.getParsedValue());
        this.entries = new HashMap<>();
        String problem = null;
        for (Object each : holder.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) each;
            if (!entry.getCriticalExtensionOIDs().isEmpty()) {
                problem = "it has an entry with a critical extension " + entry.getCriticalExtensionOIDs();
            }
            entries.put(entry.getSerialNumber(), entry);
        }
        this.unusable = problem != null ? problem : unusable(holder, scope);
    }

    private static String unusable(X509CRLHolder holder, IssuingDistributionPoint scope) {
        if (holder.getNextUpdate() == null) {
            // RFC 5280 §5.1.2.5: conforming CRL issuers MUST include nextUpdate; without it freshness is unknowable.
            return "it has no nextUpdate";
        }
        if (holder.getExtension(Extension.deltaCRLIndicator) != null) {
            return "it is a delta CRL (only complete CRLs are read)";
        }
        if (scope != null && scope.isIndirectCRL()) {
            return "it is an indirect CRL (not supported)";
        }
        if (scope != null && scope.getOnlySomeReasons() != null) {
            return "it covers only some revocation reasons (not supported)";
        }
        @SuppressWarnings("unchecked")
        Set<ASN1ObjectIdentifier> critical = holder.getCriticalExtensionOIDs();
        for (ASN1ObjectIdentifier oid : critical) {
            if (!oid.equals(Extension.issuingDistributionPoint)) {
                return "it has a critical extension Tongban cannot process (" + oid + ")";
            }
        }
        return null;
    }

    X500Principal issuer() {
        return issuer;
    }

    Instant nextUpdate() {
        return nextUpdate;
    }

    /** Why this CRL cannot decide anything, or {@code null}. */
    String unusable() {
        return unusable;
    }

    /** Whether the CRL's scope includes the certificate (RFC 5280 §5.2.5, §6.3.3 (b)); its issuer is compared apart. */
    boolean covers(X509Certificate certificate) {
        if (scope == null) {
            return true;
        }
        boolean authority = certificate.getBasicConstraints() >= 0;
        if (scope.onlyContainsAttributeCerts() || (scope.onlyContainsCACerts() && !authority)
                || (scope.onlyContainsUserCerts() && authority)) {
            return false;
        }
        DistributionPointName partition = scope.getDistributionPoint();
        if (partition == null) {
            return true;
        }
        // A partitioned CRL covers the certificates that name one of its distribution point names (§6.3.3 (b)(2)(i)).
        if (partition.getType() != DistributionPointName.FULL_NAME) {
            return false; // nameRelativeToCRLIssuer: not supported, so not taken to cover anything
        }
        Set<GeneralName> names = Set.of(GeneralNames.getInstance(partition.getName()).getNames());
        for (DistributionPoint point : distributionPoints(certificate)) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName each : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (names.contains(each)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the issuer's key signed this CRL. */
    boolean signedBy(X509Certificate issuerCertificate) {
        return verified.computeIfAbsent(issuerCertificate, key -> {
            try {
                return holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider(Sm2Certificates.BC).build(key.getPublicKey()));
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Why the CRL is not current at {@code now}, or {@code null} (RFC 5280 §6.3.3 (a): nextUpdate is after now). */
    String outdated(Instant now, Duration skew) {
        if (thisUpdate.isAfter(now.plus(skew))) {
            return "it is not valid before its thisUpdate " + thisUpdate;
        }
        if (nextUpdate != null && now.minus(skew).isAfter(nextUpdate)) {
            return "it is past its nextUpdate " + nextUpdate;
        }
        return null;
    }

    /** The certificate's entry as "revoked on ... (reason)", or {@code null} when the CRL does not list it. */
    String revocation(BigInteger serial) {
        X509CRLEntryHolder entry = entries.get(serial);
        if (entry == null) {
            return null;
        }
        Extension reason = entry.getExtension(Extension.reasonCode);
        return "revoked on " + entry.getRevocationDate().toInstant()
                + (reason == null ? "" : " (" + RevocationStatus.reason(
                        ASN1Enumerated.getInstance(reason.getParsedValue()).intValueExact()) + ")");
    }

    /** For the log: "the CRL of CN=... in /etc/...crl.pem (next update ...)". */
    String describe() {
        return "the CRL of " + issuer.getName() + " in " + file.toAbsolutePath()
                + (nextUpdate == null ? "" : " (next update " + nextUpdate + ")");
    }

    private static DistributionPoint[] distributionPoints(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return new DistributionPoint[0];
        }
        try {
            return CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getDistributionPoints();
        } catch (IOException | RuntimeException e) {
            return new DistributionPoint[0];
        }
    }
}

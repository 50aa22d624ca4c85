package org.tongban.identity.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.tongban.identity.internal.Sm2Certificates;

/**
 * Asks the CA's OCSP responder (RFC 6960) whether a department system's certificate is revoked: the responder its
 * Authority Information Access extension names (RFC 5280 §4.2.2.1), or the one configured for all. Only an answer
 * this class can trust counts; anything else — no answer within the timeout, an HTTP or OCSP error status, a bad
 * signature, a responder the CA did not authorise, a nonce that is not ours, a stale answer, status "unknown" — is
 * "unknown" with the reason, which the caller refuses (or, in {@code ocsp-or-crl}, asks the CRLs about).
 * <p>
 * Checks on an answer (RFC 6960 §3.2, §4.2.2.2): signed by the CA itself or by a delegated responder whose
 * certificate the CA issued directly with {@code id-kp-OCSPSigning} and that is valid now (its own revocation is not
 * checked: RFC 6960 §4.2.2.2.1 leaves that to policy, and CAs mark such certificates {@code id-pkix-ocsp-nocheck});
 * about this certificate; thisUpdate not in the future and nextUpdate not passed ({@link RevocationLists#CLOCK_SKEW}
 * tolerated), and without nextUpdate a thisUpdate from the last minutes; our nonce echoed when the responder echoes
 * one (RFC 8954: many pre-produce their answers and cannot). Good and revoked answers are kept until their nextUpdate,
 * so that a department system's token requests cost the responder one query per validity period; the memory is
 * bounded (emptied when full). Signatures are checked with BouncyCastle by instance (SM2 too).
 * <p>
 * Queries use their own {@link HttpClient} with a connect timeout and a deadline for the whole exchange — no JVM-wide
 * system properties (unlike the JDK's {@code PKIXRevocationChecker}), so nothing here changes other code's behaviour.
 * The responder URL comes from a certificate that already chains to a configured client CA, never from the caller.
 */
final class OcspResponders {

    private static final ASN1ObjectIdentifier NONCE = OCSPObjectIdentifiers.id_pkix_ocsp_nonce;

    private record Known(RevocationStatus status, Instant until) {
    }

    /** Why an answer is missing or cannot be trusted. */
    private static final class Untrusted extends Exception {
        Untrusted(String message) {
            super(message, null, false, false);
        }
    }

    private final URI override;
    private final Duration timeout;
    private final Clock clock;
    private final int capacity;
    private final HttpClient http;
    private final DigestCalculatorProvider digests;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<CertificateID, Known> known = new ConcurrentHashMap<>();

    OcspResponders(URI override, Duration timeout, Clock clock, int capacity) {
        this.override = override;
        this.timeout = timeout;
        this.clock = clock;
        this.capacity = capacity;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Sm2Certificates.BC).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The revocation status of a certificate issued by {@code issuer}, by OCSP. */
    RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
        X509CertificateHolder authority;
        CertificateID id;
        try {
            authority = new JcaX509CertificateHolder(issuer);
            // SHA-1 CertID: what every responder understands (RFC 5019 §2.1.1); it names, it does not protect.
            id = new CertificateID(digests.get(CertificateID.HASH_SHA1), authority, certificate.getSerialNumber());
        } catch (GeneralSecurityException | OCSPException | OperatorCreationException e) {
            return RevocationStatus.unknown("cannot form the OCSP request: " + e.getMessage());
        }
        Instant now = clock.instant();
        Known remembered = known.get(id);
        if (remembered != null) {
            if (now.isBefore(remembered.until())) {
                return remembered.status();
            }
            known.remove(id, remembered);
        }
        List<URI> responders = responders(certificate);
        if (responders.isEmpty()) {
            return RevocationStatus.unknown("the certificate names no OCSP responder (Authority Information Access) "
                    + "and tongban.identity.sso.mtls.ocsp-responder is unset");
        }
        List<String> problems = new ArrayList<>();
        for (URI responder : responders) {
            try {
                return ask(responder, id, authority, now);
            } catch (Untrusted e) {
                problems.add("OCSP responder " + responder + ": " + e.getMessage());
            }
        }
        return RevocationStatus.unknown(String.join("; ", problems));
    }

    private RevocationStatus ask(URI responder, CertificateID id, X509CertificateHolder authority, Instant now)
            throws Untrusted {
        byte[] nonce = new byte[32]; // RFC 8954 §2.1: 1 to 32 octets, 32 recommended
        random.nextBytes(nonce);
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(NONCE, false,
                            new DEROctetString(nonce).getEncoded())))
                    .build().getEncoded();
        } catch (IOException | OCSPException e) {
            throw new Untrusted("cannot form the request: " + e.getMessage());
        }
        BasicOCSPResp answer = basic(post(responder, request));
        X509CertificateHolder signer = signer(answer, authority, now);
        try {
            if (!answer.isSignatureValid(verifier(signer))) {
                throw new Untrusted("the answer's signature does not verify with the key of " + signer.getSubject());
            }
        } catch (OCSPException e) {
            throw new Untrusted("the answer's signature cannot be checked: " + e.getMessage());
        }
        Extension echoed = answer.getExtension(NONCE);
        if (echoed != null && !echoes(echoed, nonce)) {
            throw new Untrusted("the answer carries another request's nonce (a replay?)");
        }
        @SuppressWarnings("unchecked")
        Set<ASN1ObjectIdentifier> critical = answer.getCriticalExtensionOIDs();
        if (critical.stream().anyMatch(oid -> !oid.equals(NONCE))) {
            throw new Untrusted("the answer has a critical extension Tongban cannot process " + critical);
        }
        SingleResp single = about(answer, id, authority);
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Date next = single.getNextUpdate();
        Instant nextUpdate = next == null ? null : next.toInstant();
        if (thisUpdate.isAfter(now.plus(RevocationLists.CLOCK_SKEW))) {
            throw new Untrusted("the answer's thisUpdate " + thisUpdate + " is in the future");
        }
        if (nextUpdate != null && now.minus(RevocationLists.CLOCK_SKEW).isAfter(nextUpdate)) {
            throw new Untrusted("the answer is stale: its nextUpdate " + nextUpdate + " has passed");
        }
        if (nextUpdate == null && thisUpdate.isBefore(now.minus(RevocationLists.CLOCK_SKEW))) {
            // RFC 6960 §4.2.2.1: no nextUpdate means newer information is always available; this is old.
            throw new Untrusted("the answer has no nextUpdate and its thisUpdate " + thisUpdate + " is old");
        }
        CertificateStatus status = single.getCertStatus();
        RevocationStatus result;
        if (status == CertificateStatus.GOOD) {
            result = RevocationStatus.good("OCSP responder " + responder + " (next update "
                    + (nextUpdate == null ? "not given" : nextUpdate) + ")");
        } else if (status instanceof RevokedStatus revoked) {
            result = RevocationStatus.revoked("revoked on " + revoked.getRevocationTime().toInstant()
                    + (revoked.hasRevocationReason() ? " (" + RevocationStatus.reason(revoked.getRevocationReason())
                            + ")" : "") + " per OCSP responder " + responder);
        } else {
            throw new Untrusted("the responder does not know the certificate (status unknown)");
        }
        if (nextUpdate != null && nextUpdate.isAfter(now)) {
            remember(id, new Known(result, nextUpdate));
        }
        return result;
    }

    private byte[] post(URI responder, byte[] request) throws Untrusted {
        // RFC 6960 Appendix A.1: POST with the DER request as body.
        // No request timeout of its own: it raced the one deadline below and could turn a slow answer into a failure
        // to connect. The client's connect timeout still tells an unreachable responder apart.
        HttpRequest post = HttpRequest.newBuilder(responder)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(post,
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // One deadline for connecting, sending and reading the whole body: a responder that trickles is cut off.
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Untrusted("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new Untrusted("cannot be reached: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new Untrusted("interrupted while waiting for the answer");
        }
        if (response.statusCode() != 200) {
            throw new Untrusted("answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static BasicOCSPResp basic(byte[] body) throws Untrusted {
        try {
            OCSPResp response = new OCSPResp(body);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                // RFC 6960 §4.2.1: malformedRequest(1), internalError(2), tryLater(3), sigRequired(5), unauthorized(6)
                throw new Untrusted("answered OCSP response status " + response.getStatus());
            }
            if (response.getResponseObject() instanceof BasicOCSPResp basic) {
                return basic;
            }
            throw new Untrusted("the answer is not a basic OCSP response");
        } catch (IOException | OCSPException | RuntimeException e) {
            throw new Untrusted("the answer is not an OCSP response: " + e.getMessage());
        }
    }

    /**
     * Who signed the answer, if authorised (RFC 6960 §4.2.2.2): the CA, or a certificate included in the answer that
     * the CA issued directly for OCSP signing and that is valid now.
     */
    private X509CertificateHolder signer(BasicOCSPResp answer, X509CertificateHolder authority, Instant now)
            throws Untrusted {
        ResponderID responder = answer.getResponderId().toASN1Primitive();
        if (names(responder, authority)) {
            return authority;
        }
        for (X509CertificateHolder included : answer.getCerts()) {
            if (!names(responder, included)) {
                continue;
            }
            boolean issuedByCa;
            try {
                issuedByCa = included.getIssuer().equals(authority.getSubject())
                        && included.isSignatureValid(verifier(authority));
            } catch (Exception e) {
                issuedByCa = false;
            }
            if (!issuedByCa) {
                throw new Untrusted("the answer is signed by " + included.getSubject() + ", not issued by the CA");
            }
            ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(included.getExtensions());
            if (usage == null || !usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
                throw new Untrusted("the answer is signed by " + included.getSubject()
                        + ", which the CA did not authorise for OCSP signing (id-kp-OCSPSigning)");
            }
            if (!included.isValidOn(Date.from(now))) {
                throw new Untrusted("the answer is signed by " + included.getSubject() + ", whose certificate is "
                        + "not valid now");
            }
            return included;
        }
        throw new Untrusted("the answer is signed by a responder that is neither the CA nor a certificate it includes");
    }

    /** Whether the ResponderID (by name or by SHA-1 key hash, RFC 6960 §4.2.1) names the certificate's subject. */
    private static boolean names(ResponderID responder, X509CertificateHolder certificate) {
        if (responder.getName() != null) {
            return X500Name.getInstance(responder.getName()).equals(certificate.getSubject());
        }
        try {
            byte[] keyHash = MessageDigest.getInstance("SHA-1").digest(
                    certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
            return MessageDigest.isEqual(keyHash, responder.getKeyHash());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The answer's single response about our certificate (a responder may add others, §4.2.2.3). */
    private SingleResp about(BasicOCSPResp answer, CertificateID id, X509CertificateHolder authority)
            throws Untrusted {
        for (SingleResp single : answer.getResponses()) {
            CertificateID answered = single.getCertID();
            try {
                if (answered.getSerialNumber().equals(id.getSerialNumber())
                        && answered.matchesIssuer(authority, digests)) {
                    if (!single.getCriticalExtensionOIDs().isEmpty()) {
                        throw new Untrusted("the answer has a critical extension Tongban cannot process "
                                + single.getCriticalExtensionOIDs());
                    }
                    return single;
                }
            } catch (OCSPException e) {
                // an answer about a certificate named with a hash algorithm we lack: not ours
            }
        }
        throw new Untrusted("the answer is not about this certificate");
    }

    private static boolean echoes(Extension echoed, byte[] nonce) {
        byte[] value = echoed.getExtnValue().getOctets();
        try {
            return Arrays.equals(ASN1OctetString.getInstance(value).getOctets(), nonce);
        } catch (RuntimeException e) {
            return Arrays.equals(value, nonce); // a responder that echoes the bare octets
        }
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder certificate) throws Untrusted {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(Sm2Certificates.BC).build(certificate);
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new Untrusted("cannot check signatures of " + certificate.getSubject() + ": " + e.getMessage());
        }
    }

    /** Whether there is a responder to ask about the certificate (configured, or named by the certificate). */
    boolean named(X509Certificate certificate) {
        return !responders(certificate).isEmpty();
    }

    /** The configured responder, or the http(s) OCSP responders of the certificate's AIA (RFC 5280 §4.2.2.1). */
    private List<URI> responders(X509Certificate certificate) {
        if (override != null) {
            return List.of(override);
        }
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return List.of();
        }
        List<URI> responders = new ArrayList<>();
        try {
            for (AccessDescription access : AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value)).getAccessDescriptions()) {
                GeneralName location = access.getAccessLocation();
                if (access.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(DERIA5String.getInstance(location.getName()).getString());
                    if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                        responders.add(uri);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return responders;
    }

    private void remember(CertificateID id, Known answer) {
        if (known.size() >= capacity) {
            Instant now = clock.instant();
            known.values().removeIf(k -> !now.isBefore(k.until()));
            if (known.size() >= capacity) {
                known.clear();
            }
        }
        known.put(id, answer);
    }
}

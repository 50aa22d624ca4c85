package org.tongban.identity.sso;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small OCSP responder (RFC 6960) for tests, on a free local port: answers every request with a basic response
 * signed by the CA (or by whatever key and responder certificate a test sets, to forge or delegate), "revoked" for the
 * serials it was told and "good" for the others, echoing the request's nonce; it can also echo a wrong nonce, answer
 * stale, or not answer in time.
 */
final class TestOcspResponder implements AutoCloseable {

    private final TestPki ca;
    private final Clock clock;
    private final HttpServer server;
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile PrivateKey signingKey;
    private volatile X509Certificate responderCertificate;
    private volatile Duration age = Duration.ZERO;
    private volatile Duration validity = Duration.ofHours(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile byte[] nonce;

    TestOcspResponder(TestPki ca, Clock clock) throws IOException {
        this.ca = ca;
        this.clock = clock;
        this.signingKey = ca.keys.getPrivate();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ocsp", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    int requests() {
        return requests.get();
    }

    void revoke(X509Certificate certificate) {
        revoked.add(certificate.getSerialNumber());
    }

    /** Signs as another responder: the given key, naming (and including) the given certificate. */
    void signAs(PrivateKey key, X509Certificate responder) {
        this.signingKey = key;
        this.responderCertificate = responder;
    }

    /** Signs with another key while still naming the CA as the responder: a forgery. */
    void forgeWith(PrivateKey key) {
        this.signingKey = key;
        this.responderCertificate = null;
    }

    /** Answers with thisUpdate {@code age} ago and nextUpdate {@code validity} after it. */
    void answerAged(Duration age, Duration validity) {
        this.age = age;
        this.validity = validity;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Echoes this nonce instead of the request's (as a replayed answer would). */
    void echo(byte[] nonce) {
        this.nonce = nonce;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Instant thisUpdate = clock.instant().minus(age);
            X509CertificateHolder signer = new JcaX509CertificateHolder(
                    responderCertificate != null ? responderCertificate : ca.certificate);
            var builder = new BasicOCSPRespBuilder(new RespID(signer.getSubject()));
            for (Req each : request.getRequestList()) {
                CertificateStatus status = revoked.contains(each.getCertID().getSerialNumber())
                        ? new RevokedStatus(Date.from(thisUpdate), CRLReason.keyCompromise) : CertificateStatus.GOOD;
                builder.addResponse(each.getCertID(), status, Date.from(thisUpdate),
                        Date.from(thisUpdate.plus(validity)), null);
            }
            Extension asked = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(nonce).getEncoded())));
            } else if (asked != null) {
                builder.setResponseExtensions(new Extensions(asked));
            }
            X509CertificateHolder[] chain = responderCertificate == null ? null : new X509CertificateHolder[] {
                    signer };
            var basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey), chain,
                    Date.from(clock.instant()));
            byte[] body = new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL, basic).getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

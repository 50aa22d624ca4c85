package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.IdentityProperties;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * Revoked department-system certificates at the token endpoint, with real TLS handshakes on the mutual-TLS port and
 * the test profile's {@code ocsp-or-crl} checking: a certificate naming an OCSP responder is asked about there (a
 * small responder in this test, signing with the CA's key), one that names none — or whose responder is down — by
 * the CA's CRL file, which the tests replace while the platform runs. Shares the one application context.
 */
@TongbanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ClientCertificatesRevocationIntegrationTests {

    private static final String CA = "CN=通办吊销测试 CA,O=通办测试,C=CN";

    @Autowired
    WebServerApplicationContext context;
    @Autowired
    Environment environment;
    @Autowired
    IdentityProperties identity;
    @Autowired
    ClientSystems clientSystems;
    @Autowired
    Organization organization;

    private TestPki ca;
    private TestOcspResponder responder;
    private Path crl;
    private String bodyCreditCode;

    @BeforeAll
    void clientCa() throws Exception {
        ca = TestPki.ca(CA);
        responder = new TestOcspResponder(ca, Clock.systemUTC());
        TestPki.replace(Path.of(environment.getRequiredProperty("tongban.identity.sso.mtls.client-ca")),
                TestPki.pem(ca.certificate));
        crl = Path.of(environment.getRequiredProperty("tongban.identity.sso.mtls.crl"));
        bodyCreditCode = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow().creditCode();
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void tokenForAGoodCertificateAndNoneForOneItsResponderOrTheCrlRevokes() throws Exception {
        TestPki.Issued revokedByCrl = ca.issue(dn("乙"));
        TestPki.replace(crl, TestPki.pem(ca.currentCrl(revokedByCrl.certificate())));

        TestPki.Issued good = ca.issue(dn("甲"), responder.uri(), null);
        int asked = responder.requests();
        assertThat(token(good).statusCode()).isEqualTo(200);
        assertThat(responder.requests()).as("the responder was asked").isEqualTo(asked + 1);

        // Revoked at the responder: refused, although the CRL (older news) does not list it.
        TestPki.Issued revokedByOcsp = ca.issue(dn("丙"), responder.uri(), null);
        responder.revoke(revokedByOcsp.certificate());
        var refused = token(revokedByOcsp);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid_client");

        // No responder named: the CRL decides.
        assertThat(token(revokedByCrl).statusCode()).isEqualTo(401);
        assertThat(token(ca.issue(dn("丁"))).statusCode()).isEqualTo(200);
    }

    @Test
    void crlFileReplacedWhileThePlatformRunsCountsFromTheNextTokenRequest() throws Exception {
        TestPki.Issued system = ca.issue(dn("戊"));
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));
        assertThat(token(system).statusCode()).isEqualTo(200);

        TestPki.replace(crl, TestPki.pem(ca.currentCrl(system.certificate())));

        assertThat(token(system).statusCode()).isEqualTo(401);
    }

    @Test
    void responderDownFallsBackToTheCrlAndNeitherVouchingRefusesWithAWarning(CapturedOutput output)
            throws Exception {
        URI down;
        try (var socket = new ServerSocket(0)) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
        TestPki.Issued system = ca.issue(dn("己"), down, null);
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));
        assertThat(token(system).statusCode()).isEqualTo(200);

        // The CA's CRL expired (its nextUpdate an hour ago) and was not renewed.
        Instant now = Instant.now();
        TestPki.replace(crl, TestPki.pem(ca.crl(now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)))));

        assertThat(token(system).statusCode()).isEqualTo(401);
        assertThat(token(ca.issue(dn("庚"))).statusCode()).as("no responder named, expired CRL").isEqualTo(401);
        assertThat(output.getOut()).contains("revocation status unknown (fail closed")
                .contains(down + ": cannot be reached").contains("past its nextUpdate");
    }

    // --- helpers

    private static String dn(String which) {
        return "CN=吊销测试系统" + which + ",O=浑南区市场监督管理局,C=CN";
    }

    /** Registers a system for the certificate's subject and asks for a token over mutual TLS. */
    private HttpResponse<String> token(TestPki.Issued system) throws Exception {
        String subject = system.certificate().getSubjectX500Principal().getName();
        String clientId = clientSystems.register(new ClientSystems.Registration("吊销测试系统 " + UUID.randomUUID(),
                bodyCreditCode, "https://mtls.example.gov.cn/callback", "", "", Set.of("openid"), false,
                "tls_client_auth", subject, null), UUID.randomUUID()).clientId();
        return MutualTlsClients.token(MutualTlsClients.client(identity, system, ca.certificate),
                MutualTlsClients.port(context), clientId);
    }
}

package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.identity.sso.RevocationStatus.State;

/**
 * OCSP (RFC 6960) against a real HTTP responder on a free port: which answers are trusted, which are not, and that
 * a trusted answer is remembered until its nextUpdate.
 */
class OcspRespondersTests {

    private final MovableClock clock = new MovableClock();
    private TestPki ca;
    private TestOcspResponder responder;

    @BeforeEach
    void responder() throws Exception {
        ca = TestPki.ca("CN=OCSP 测试 CA,O=通办测试,C=CN");
        responder = new TestOcspResponder(ca, clock);
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private OcspResponders ocsp() {
        return new OcspResponders(null, Duration.ofSeconds(2), clock, 100);
    }

    private TestPki.Issued system() throws Exception {
        return ca.issue("CN=部门系统,O=通办测试,C=CN", responder.uri(), null);
    }

    @Test
    void goodAnswerOfTheCaIsTrustedAndRememberedUntilItsNextUpdate() throws Exception {
        OcspResponders ocsp = ocsp();
        TestPki.Issued system = system();

        RevocationStatus first = ocsp.status(system.certificate(), ca.certificate);
        assertThat(first.state()).as(first.explanation()).isEqualTo(State.GOOD);
        assertThat(first.explanation()).contains(responder.uri().toString());
        assertThat(ocsp.status(system.certificate(), ca.certificate).state()).isEqualTo(State.GOOD);
        assertThat(responder.requests()).isEqualTo(1);

        // Past the answer's nextUpdate (an hour): the responder is asked again, and now says revoked.
        responder.revoke(system.certificate());
        clock.advance(Duration.ofMinutes(61));
        assertThat(ocsp.status(system.certificate(), ca.certificate).state()).isEqualTo(State.REVOKED);
        assertThat(responder.requests()).isEqualTo(2);
    }

    @Test
    void revokedAnswerRevokesWithTheResponderAndTheReasonForTheLog() throws Exception {
        TestPki.Issued system = system();
        responder.revoke(system.certificate());

        RevocationStatus status = ocsp().status(system.certificate(), ca.certificate);

        assertThat(status.state()).isEqualTo(State.REVOKED);
        assertThat(status.explanation()).contains("keyCompromise").contains(responder.uri().toString());
    }

    @Test
    void answerSignedWithAnotherKeyInTheCasNameIsNotTrusted() throws Exception {
        TestPki.Issued system = system();
        responder.forgeWith(TestPki.keys().getPrivate());

        RevocationStatus status = ocsp().status(system.certificate(), ca.certificate);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("signature does not verify");
    }

    @Test
    void delegatedResponderIsTrustedOnlyWithAnOcspSigningCertificateFromTheCa() throws Exception {
        TestPki.Issued system = system();
        TestPki.Issued delegated = ca.responder("CN=OCSP 签名,O=通办测试,C=CN", true);
        responder.signAs(delegated.keys().getPrivate(), delegated.certificate());
        assertThat(ocsp().status(system.certificate(), ca.certificate).state()).isEqualTo(State.GOOD);

        TestPki.Issued notForOcsp = ca.responder("CN=OCSP 签名,O=通办测试,C=CN", false);
        responder.signAs(notForOcsp.keys().getPrivate(), notForOcsp.certificate());
        RevocationStatus withoutUsage = ocsp().status(system.certificate(), ca.certificate);
        assertThat(withoutUsage.state()).isEqualTo(State.UNKNOWN);
        assertThat(withoutUsage.explanation()).contains("id-kp-OCSPSigning");

        // The same names, issued by another CA that took the first one's name: not the CA's delegate.
        TestPki impostor = TestPki.ca("CN=OCSP 测试 CA,O=通办测试,C=CN");
        TestPki.Issued foreign = impostor.responder("CN=OCSP 签名,O=通办测试,C=CN", true);
        responder.signAs(foreign.keys().getPrivate(), foreign.certificate());
        RevocationStatus fromElsewhere = ocsp().status(system.certificate(), ca.certificate);
        assertThat(fromElsewhere.state()).isEqualTo(State.UNKNOWN);
        assertThat(fromElsewhere.explanation()).contains("not issued by the CA");
    }

    @Test
    void answerCarryingAnotherRequestsNonceIsNotTrusted() throws Exception {
        responder.echo(new byte[32]);

        RevocationStatus status = ocsp().status(system().certificate(), ca.certificate);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("nonce");
    }

    @Test
    void staleAnswerIsNotTrusted() throws Exception {
        responder.answerAged(Duration.ofHours(3), Duration.ofHours(1));

        RevocationStatus status = ocsp().status(system().certificate(), ca.certificate);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("stale");
    }

    @Test
    void responderThatDoesNotAnswerInTimeGivesNoStatusAfterTheTimeout() throws Exception {
        responder.delay(Duration.ofSeconds(3));
        OcspResponders ocsp = new OcspResponders(null, Duration.ofMillis(300), clock, 100);

        long start = System.nanoTime();
        RevocationStatus status = ocsp.status(system().certificate(), ca.certificate);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("no answer within 300 ms");
    }

    @Test
    void responderThatIsDownGivesNoStatus() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TestPki.Issued system = ca.issue("CN=部门系统,O=通办测试,C=CN", URI.create("http://127.0.0.1:" + closed + "/ocsp"),
                null);

        RevocationStatus status = ocsp().status(system.certificate(), ca.certificate);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("cannot be reached");
    }

    @Test
    void configuredResponderIsAskedAboutCertificatesThatNameNone() throws Exception {
        TestPki.Issued withoutAia = ca.issue("CN=部门系统,O=通办测试,C=CN");

        RevocationStatus unnamed = ocsp().status(withoutAia.certificate(), ca.certificate);
        assertThat(unnamed.state()).isEqualTo(State.UNKNOWN);
        assertThat(unnamed.explanation()).contains("names no OCSP responder");

        responder.revoke(withoutAia.certificate());
        var configured = new OcspResponders(responder.uri(), Duration.ofSeconds(2), clock, 100);
        assertThat(configured.status(withoutAia.certificate(), ca.certificate).state()).isEqualTo(State.REVOKED);
    }
}

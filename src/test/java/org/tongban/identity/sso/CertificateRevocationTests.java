package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.identity.sso.MtlsProperties.Revocation;
import org.tongban.identity.sso.RevocationStatus.State;

/** The revocation modes of {@code tongban.identity.sso.mtls.revocation} over whole certificate paths. */
class CertificateRevocationTests {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private TestPki ca;
    private TestOcspResponder responder;
    private Path crl;
    private URI down;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.ca("CN=模式测试 CA,O=通办测试,C=CN");
        responder = new TestOcspResponder(ca, clock);
        crl = directory.resolve("ca.crl");
        try (var socket = new ServerSocket(0)) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private CertificateRevocation revocation(Revocation mode) {
        return new CertificateRevocation(mode, new RevocationLists(List.of(crl), clock),
                new OcspResponders(null, Duration.ofSeconds(1), clock, 100));
    }

    private RevocationStatus status(CertificateRevocation revocation, TestPki.Issued system) {
        return revocation.status(List.of(system.certificate()), ca.certificate);
    }

    @Test
    void ocspOrCrlAsksTheCrlWhenTheResponderIsDownButTakesItsRevokedAsFinal() throws Exception {
        TestPki.Issued unreachable = ca.issue("CN=响应器不可达,O=通办测试,C=CN", down, null);
        TestPki.Issued revokedByOcsp = ca.issue("CN=OCSP 撤销,O=通办测试,C=CN", responder.uri(), null);
        responder.revoke(revokedByOcsp.certificate());
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));
        CertificateRevocation revocation = revocation(Revocation.OCSP_OR_CRL);

        assertThat(status(revocation, unreachable).state()).isEqualTo(State.GOOD);
        assertThat(status(revocation, revokedByOcsp).state()).isEqualTo(State.REVOKED);

        TestPki.replace(crl, TestPki.pem(ca.currentCrl(unreachable.certificate())));
        assertThat(status(revocation, unreachable).state()).isEqualTo(State.REVOKED);
    }

    @Test
    void ocspOrCrlFailsClosedWhenNeitherVouchesAndSaysWhyForBoth() throws Exception {
        TestPki.Issued unreachable = ca.issue("CN=响应器不可达,O=通办测试,C=CN", down, null);
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));
        clock.advance(Duration.ofDays(2));

        RevocationStatus status = status(revocation(Revocation.OCSP_OR_CRL), unreachable);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("cannot be reached").contains("past its nextUpdate");
    }

    @Test
    void ocspFailsClosedWhenTheResponderIsDownEvenWithAGoodCrl() throws Exception {
        TestPki.Issued unreachable = ca.issue("CN=响应器不可达,O=通办测试,C=CN", down, null);
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));

        assertThat(status(revocation(Revocation.OCSP), unreachable).state()).isEqualTo(State.UNKNOWN);
        assertThat(status(revocation(Revocation.CRL), unreachable).state()).isEqualTo(State.GOOD);
    }

    @Test
    void crlModeDoesNotAskTheResponder() throws Exception {
        TestPki.Issued system = ca.issue("CN=部门系统,O=通办测试,C=CN", responder.uri(), null);
        responder.revoke(system.certificate());
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));

        assertThat(status(revocation(Revocation.CRL), system).state()).isEqualTo(State.GOOD);
        assertThat(responder.requests()).isZero();
        assertThat(status(revocation(Revocation.OFF), system).state()).isEqualTo(State.GOOD);
    }

    @Test
    void intermediateCaCertificateOfThePathIsCheckedAgainstTheRootsCrl() throws Exception {
        TestPki intermediate = ca.intermediate("CN=中间 CA,O=通办测试,C=CN");
        TestPki.Issued system = intermediate.issue("CN=部门系统,O=通办测试,C=CN");
        Path intermediateCrl = directory.resolve("intermediate.crl");
        TestPki.replace(intermediateCrl, TestPki.pem(intermediate.currentCrl()));
        TestPki.replace(crl, TestPki.pem(ca.currentCrl()));
        var revocation = new CertificateRevocation(Revocation.CRL,
                new RevocationLists(List.of(crl, intermediateCrl), clock),
                new OcspResponders(null, Duration.ofSeconds(1), clock, 100));
        List<java.security.cert.X509Certificate> path = List.of(system.certificate(), intermediate.certificate);

        assertThat(revocation.status(path, ca.certificate).state()).isEqualTo(State.GOOD);

        TestPki.replace(crl, TestPki.pem(ca.currentCrl(intermediate.certificate)));
        RevocationStatus status = revocation.status(path, ca.certificate);
        assertThat(status.state()).isEqualTo(State.REVOKED);
        assertThat(status.explanation()).contains("中间 CA");
    }

    @Test
    void defaultModeChecksCrlsWhenFilesAreConfiguredAndNothingOtherwise() {
        assertThat(properties(null, List.of()).revocationChecking()).isEqualTo(Revocation.OFF);
        assertThat(properties(null, List.of(crl)).revocationChecking()).isEqualTo(Revocation.CRL);
        assertThat(properties(Revocation.OCSP, List.of(crl)).revocationChecking()).isEqualTo(Revocation.OCSP);
        assertThatThrownBy(() -> properties(Revocation.CRL, List.of()))
                .hasMessageContaining("tongban.identity.sso.mtls.crl");
    }

    private static MtlsProperties properties(Revocation revocation, List<Path> crl) {
        return new MtlsProperties(true, 0, null, null, List.of(), revocation, crl, null, Duration.ofSeconds(2));
    }
}

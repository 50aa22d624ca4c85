package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.identity.sso.RevocationStatus.State;

/** CRLs from files (RFC 5280 §5, §6.3): what they revoke, when they cannot be used, and files replaced at runtime. */
class RevocationListsTests {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private TestPki ca;
    private TestPki.Issued revoked;
    private TestPki.Issued good;
    private Path file;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.ca("CN=CRL 测试 CA,O=通办测试,C=CN");
        revoked = ca.issue("CN=被撤销的系统,O=通办测试,C=CN");
        good = ca.issue("CN=正常的系统,O=通办测试,C=CN");
        file = directory.resolve("client-ca.crl");
    }

    private RevocationStatus status(RevocationLists lists, TestPki.Issued system) {
        return lists.status(system.certificate(), ca.certificate);
    }

    @Test
    void certificateListedInTheCurrentCrlIsRevokedAndOthersAreGood() throws Exception {
        TestPki.replace(file, TestPki.pem(ca.currentCrl(revoked.certificate())));
        var lists = new RevocationLists(List.of(file), clock);

        RevocationStatus listed = status(lists, revoked);
        assertThat(listed.state()).isEqualTo(State.REVOKED);
        assertThat(listed.explanation()).contains("keyCompromise").contains(file.toString());
        assertThat(status(lists, good).state()).isEqualTo(State.GOOD);
    }

    @Test
    void derFilesAreReadToo() throws Exception {
        Files.write(file, ca.currentCrl(revoked.certificate()).getEncoded());
        var lists = new RevocationLists(List.of(file), clock);

        assertThat(status(lists, revoked).state()).isEqualTo(State.REVOKED);
        assertThat(status(lists, good).state()).isEqualTo(State.GOOD);
    }

    @Test
    void crlPastItsNextUpdateGivesNoStatus() throws Exception {
        TestPki.replace(file, TestPki.pem(ca.currentCrl()));
        var lists = new RevocationLists(List.of(file), clock);
        assertThat(status(lists, good).state()).isEqualTo(State.GOOD);

        clock.advance(Duration.ofDays(1).plusMinutes(10));
        RevocationStatus expired = status(lists, good);

        assertThat(expired.state()).isEqualTo(State.UNKNOWN);
        assertThat(expired.explanation()).contains("past its nextUpdate");
    }

    @Test
    void crlSignedWithAnotherKeyInTheCasNameGivesNoStatus() throws Exception {
        Instant now = Instant.now();
        TestPki.replace(file, TestPki.pem(ca.crl(now, now.plus(Duration.ofDays(1)), TestPki.keys().getPrivate(),
                null, false)));

        RevocationStatus forged = status(new RevocationLists(List.of(file), clock), good);

        assertThat(forged.state()).isEqualTo(State.UNKNOWN);
        assertThat(forged.explanation()).contains("signature does not verify");
    }

    @Test
    void replacedFileCountsFromTheNextQuestionWithoutANewInstance() throws Exception {
        TestPki.replace(file, TestPki.pem(ca.currentCrl()));
        var lists = new RevocationLists(List.of(file), clock);
        assertThat(status(lists, revoked).state()).isEqualTo(State.GOOD);

        TestPki.replace(file, TestPki.pem(ca.currentCrl(revoked.certificate())));
        assertThat(status(lists, revoked).state()).isEqualTo(State.REVOKED);

        // Written over in place (same file, new contents) rather than renamed over: read again as well.
        Files.writeString(file, TestPki.pem(ca.currentCrl()));
        assertThat(status(lists, revoked).state()).isEqualTo(State.GOOD);
    }

    @Test
    void missingOrBrokenFileGivesNoStatusUntilAGoodOneIsThere() throws Exception {
        var lists = new RevocationLists(List.of(file), clock);
        RevocationStatus missing = status(lists, good);
        assertThat(missing.state()).isEqualTo(State.UNKNOWN);
        assertThat(missing.explanation()).contains("cannot be read");

        TestPki.replace(file, "-----BEGIN X509 CRL-----\nnot base64\n-----END X509 CRL-----\n");
        assertThat(status(lists, good).state()).isEqualTo(State.UNKNOWN);

        TestPki.replace(file, TestPki.pem(ca.currentCrl()));
        assertThat(status(lists, good).state()).isEqualTo(State.GOOD);
    }

    @Test
    void crlOfAnotherCaGivesNoStatus() throws Exception {
        TestPki other = TestPki.ca("CN=另一个 CA,O=通办测试,C=CN");
        TestPki.replace(file, TestPki.pem(other.currentCrl()));

        RevocationStatus status = status(new RevocationLists(List.of(file), clock), good);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("no current CRL of");
    }

    @Test
    void partitionedCrlCoversOnlyTheCertificatesNamingItsDistributionPoint() throws Exception {
        URI partition = URI.create("http://crl.example.gov.cn/part-1.crl");
        TestPki.Issued inPartition = ca.issue("CN=分区内,O=通办测试,C=CN", null, partition);
        TestPki.Issued elsewhere = ca.issue("CN=分区外,O=通办测试,C=CN", null,
                URI.create("http://crl.example.gov.cn/part-2.crl"));
        Instant now = Instant.now();
        TestPki.replace(file, TestPki.pem(ca.crl(now, now.plus(Duration.ofDays(1)), ca.keys.getPrivate(),
                partition, false, inPartition.certificate())));
        var lists = new RevocationLists(List.of(file), clock);

        assertThat(status(lists, inPartition).state()).isEqualTo(State.REVOKED);
        assertThat(status(lists, elsewhere).state()).isEqualTo(State.UNKNOWN);
        assertThat(status(lists, good).state()).as("no CRL distribution point at all").isEqualTo(State.UNKNOWN);
    }

    @Test
    void deltaCrlAloneGivesNoStatus() throws Exception {
        Instant now = Instant.now();
        TestPki.replace(file, TestPki.pem(ca.crl(now, now.plus(Duration.ofDays(1)), ca.keys.getPrivate(), null,
                true)));

        RevocationStatus status = status(new RevocationLists(List.of(file), clock), good);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.explanation()).contains("delta CRL");
    }
}

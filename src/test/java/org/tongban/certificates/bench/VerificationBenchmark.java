package org.tongban.certificates.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tongban.TongbanIntegrationTest;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.IssueRequest;
import org.tongban.certificates.internal.CanonicalJson;
import org.tongban.certificates.internal.Sm2;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Rough figures for issue 7 (not a test: run with {@code -Dtest=VerificationBenchmark}): raw BouncyCastle SM2 verify
 * rate with reused {@code Signature} objects, verification through the service, verification over HTTP (GET by
 * identifier and code), and issuance without rendering — all in one run so they can be compared as ratios.
 */
@TongbanIntegrationTest
class VerificationBenchmark {

    private static final long SECONDS = 5;
    private static final int THREADS = 2;

    @Autowired
    Certificates certificates;
    @Autowired
    CertificateVerification verification;
    @Autowired
    Organization organization;
    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        var body = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
        Map<String, String> data = Map.of("QYLX", "有限责任公司", "FDDBR", "测试", "ZCZB", "1万元", "CLRQ",
                "2025-01-01", "ZS", "沈阳", "JYFW", "软件");
        int[] n = { 0 };
        double issuance = rate(1, () -> certificates.issue(new IssueRequest("11100000MB0T00010U001", body.id(),
                Holder.company("基准测试公司", UnifiedSocialCreditCode.withCheckCharacter("91210106MA0TD"
                        + "%04d".formatted(n[0]++ % 10_000)).value()), data, null, "OFFICER", null, null)));
        CertificateView sample = certificates.issue(new IssueRequest("11100000MB0T00010U001", body.id(),
                Holder.company("基准测试公司", "91210112MA0TB00116"), data, null, "OFFICER", null, null));

        KeyPair keys = Sm2.newKeyPair();
        byte[] payload = CanonicalJson.bytes(Map.of("ZZBS", sample.identifier(), "CZZT", "基准测试公司"));
        byte[] signature = Sm2.sign(keys.getPrivate(), payload);
        double raw = rate(THREADS, () -> Sm2.verify(keys.getPublic(), payload, signature));
        double service = rate(THREADS, () -> verification.byIdentifier(sample.identifier(),
                sample.verificationCode()));
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + "/api/v1/certificates/verification?identifier="
                + URLEncoder.encode(sample.identifier(), StandardCharsets.UTF_8) + "&code="
                + sample.verificationCode());
        double http = rate(THREADS * 4, () -> {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"VALID\"")) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return null;
        });
        System.out.printf("BENCH cores=%d issuance=%.0f/s rawSm2Verify(%d threads)=%.0f/s serviceVerify=%.0f/s "
                + "httpVerify(%d clients)=%.0f/s http/raw=%.2f%n", Runtime.getRuntime().availableProcessors(),
                issuance, THREADS, raw, service, THREADS * 4, http, http / raw);
    }

    private static double rate(int threads, Callable<?> work) throws Exception {
        for (int i = 0; i < 200; i++) {
            work.call(); // warm-up
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long count = 0;
                while (System.nanoTime() < end) {
                    work.call();
                    count++;
                }
                return count;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }
}

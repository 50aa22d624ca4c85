package org.tongban.certificates.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tongban.TongbanApplication;
import org.tongban.bench.Wrk;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.IssueRequest;
import org.tongban.certificates.internal.CanonicalJson;
import org.tongban.certificates.internal.Sm2;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Certificates benchmark of issue 7 / issue 10 (not a test; {@code bench/certificates.sh}): Tongban with demo data on
 * a throw-away embedded PostgreSQL, and in one run
 * <ul>
 * <li>the reference: raw BouncyCastle SM2/SM3 verification ({@code SM3withSM2}, one reused {@link Signature} per
 * thread, the signer ID pinned as the platform does);</li>
 * <li>HTTP verification: {@code GET /api/v1/certificates/verification?identifier=…&code=…} by wrk's concurrent
 * connections (database look-up, payload decryption, signature check, the whole filter chain), with liveness on the
 * same server by the same wrk as the HTTP reference;</li>
 * <li>batch verification over HTTP: {@code POST /api/v1/certificates/verifications} with {@code bench.batch} (100)
 * certificates a request, counted per certificate;</li>
 * <li>issuance without rendering: {@code Certificates.issue} (payload, SM2 signature, encrypted row, ledger);</li>
 * <li>OFD rendering: {@code Certificates.ofdCopy} (layout, package, SM3 digests, SM2 signature) per certificate.</li>
 * </ul>
 * System properties: {@code bench.seconds} per rate (10), {@code bench.threads} for the raw verify (2, the cores),
 * {@code bench.clients} wrk connections (8), {@code bench.issuers} issuing threads (2), {@code bench.ofd} OFD copies
 * (200), {@code bench.report}, and those of {@link Wrk}.
 */
public final class CertificatesBenchmark {

    /**
     * Seconds each rate runs, at its own concurrency, before it is measured (bench.warmup): 300 calls were too few for
     * the JIT to compile the HTTP path's Spring MVC, security and Hibernate code, so the measured 10 s also paid for
     * the compilation (959/s measured for 10 s, 1,433/s for 30 s, same build, 25 Nov).
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 30);

    private CertificatesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int threads = Integer.getInteger("bench.threads", 2);
        int clients = Integer.getInteger("bench.clients", 8);
        int issuers = Integer.getInteger("bench.issuers", 2);
        int ofdCopies = Integer.getInteger("bench.ofd", 200);
        int batch = Integer.getInteger("bench.batch", CertificateVerification.MAX_BATCH);
        Path keys = Files.createTempDirectory("tongban-bench-keys");
        String[] properties = { "--tongban.embedded-database.ephemeral=true", "--tongban.demo.enabled=true",
                "--tongban.identity.key-directory=" + keys, "--server.port=0", "--logging.level.root=WARN",
                "--logging.file.name=", "--tongban.identity.l4.demo-directory=" + keys.resolve("l4"),
                "--spring.jpa.properties.hibernate.search.backend.directory.type=local-heap" };
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class)
                .run(properties)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Certificates certificates = app.getBean(Certificates.class);
            var body = app.getBean(Organization.class).bodies(DivisionCode.of("210112"), false, 0, 50).getContent()
                    .stream().filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
            Map<String, String> data = Map.of("QYLX", "有限责任公司", "FDDBR", "基准", "ZCZB", "100万元", "CLRQ",
                    "2025-01-01", "ZS", "沈阳市浑南区", "JYFW", "软件开发");
            AtomicInteger serial = new AtomicInteger();
            Callable<CertificateView> issue = () -> {
                String code = UnifiedSocialCreditCode.withCheckCharacter("91210112MA0T"
                        + "%05d".formatted(serial.getAndIncrement() % 100_000)).value();
                return certificates.issue(new IssueRequest("11100000MB0T00010U001", body.id(),
                        Holder.company("基准测试公司", code), data, null, "OFFICER", null, null));
            };

            // The reference: raw BouncyCastle SM2 verification, one reused Signature per thread.
            BouncyCastleProvider bc = new BouncyCastleProvider();
            KeyPair keyPair = Sm2.newKeyPair();
            byte[] payload = CanonicalJson.bytes(Map.of("ZZBS", "benchmark", "CZZT", "基准测试公司", "YXQZ",
                    "2030-12-31"));
            byte[] signatureBytes = Sm2.sign(keyPair.getPrivate(), payload);
            ThreadLocal<Signature> signatures = ThreadLocal.withInitial(() -> {
                try {
                    Signature s = Signature.getInstance("SM3withSM2", bc);
                    s.setParameter(new SM2ParameterSpec(Sm2.SIGNER_ID.getBytes(StandardCharsets.US_ASCII)));
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Rate raw = rate(threads, seconds, () -> {
                Signature s = signatures.get();
                s.initVerify(keyPair.getPublic());
                s.update(payload);
                if (!s.verify(signatureBytes)) {
                    throw new IllegalStateException("raw verification failed");
                }
                return null;
            });

            // HTTP verification of a few hundred certificates, round robin.
            List<CertificateView> issued = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                issued.add(issue.call());
            }
            Path paths = keys.resolve("verification-paths.txt");
            Files.write(paths, issued.stream().map(c -> "/api/v1/certificates/verification?identifier="
                    + URLEncoder.encode(c.identifier(), StandardCharsets.UTF_8) + "&code="
                    + URLEncoder.encode(c.verificationCode(), StandardCharsets.UTF_8)).toList());
            // An answer counts when it is 200 and says the certificate is valid.
            Wrk wrk = Wrk.of(clients, Map.of("WRK_PATHS", paths.toString()));
            Map<String, String> valid = Map.of("WRK_EXPECT", "\"VALID\"");
            String base = "http://127.0.0.1:" + port;
            wrk.run(base, "paths", WARMUP_SECONDS, valid);
            Wrk.Run verifyRun = wrk.run(base, "paths", seconds, valid);
            Rate httpVerify = new Rate(verifyRun.ok(), verifyRun.failures(), verifyRun.seconds());
            // Batch verification (POST /verifications): `batch` certificates a request, each batch a different window
            // of the 300; a request counts when it is 200 and every answer in it says VALID.
            Path bodies = keys.resolve("verification-batches.txt");
            List<String> batches = new ArrayList<>();
            for (int start = 0; start < issued.size(); start++) {
                // Identifiers and codes are letters, digits and dots: nothing to escape.
                StringBuilder json = new StringBuilder("{\"queries\":[");
                for (int k = 0; k < batch; k++) {
                    CertificateView c = issued.get((start + k) % issued.size());
                    json.append(k == 0 ? "" : ",").append("{\"identifier\":\"").append(c.identifier())
                            .append("\",\"code\":\"").append(c.verificationCode()).append("\"}");
                }
                batches.add(json.append("]}").toString());
            }
            Files.write(bodies, batches);
            Map<String, String> allValid = Map.of("WRK_BODIES", bodies.toString(), "WRK_EXPECT", "\"VALID\"",
                    "WRK_EXPECT_COUNT", Integer.toString(batch));
            wrk.run(base + "/api/v1/certificates/verifications", "bodies", WARMUP_SECONDS, allValid);
            Wrk.Run batchRun = wrk.run(base + "/api/v1/certificates/verifications", "bodies", seconds, allValid);
            Rate batchVerify = new Rate(batchRun.ok() * batch, batchRun.failures() * batch, batchRun.seconds());
            wrk.run(base + "/actuator/health/liveness", "plain", WARMUP_SECONDS, Map.of());
            Wrk.Run liveness = wrk.run(base + "/actuator/health/liveness", "plain", seconds, Map.of());

            // Issuance without rendering.
            Rate issuance = rate(issuers, seconds, issue);

            // OFD rendering per certificate, for the holding company's agent.
            // issued.get(i) went to the company of serial number i
            List<SignedIn> agents = new ArrayList<>();
            for (int i = 0; i < issued.size(); i++) {
                String creditCode = UnifiedSocialCreditCode.withCheckCharacter("91210112MA0T"
                        + "%05d".formatted(i)).value();
                agents.add(new SignedIn(UUID.randomUUID(), "基准代办人", false, 3, Set.of(), null, null,
                        new ActingFor(UUID.randomUUID(), "基准测试公司", creditCode, Set.of(), null)));
            }
            String link = "https://tongban.example/certificates/verify";
            for (int i = 0; i < 30; i++) {
                certificates.ofdCopy(agents.getFirst(), issued.getFirst().id(), link);
            }
            double[] ofdMillis = new double[ofdCopies];
            long ofdBytes = 0;
            for (int i = 0; i < ofdCopies; i++) {
                int n = i % issued.size();
                long start = System.nanoTime();
                byte[] ofd = certificates.ofdCopy(agents.get(n), issued.get(n).id(), link).ofd();
                ofdMillis[i] = (System.nanoTime() - start) / 1e6;
                ofdBytes += ofd.length;
            }
            Arrays.sort(ofdMillis);
            double ofdMedian = ofdMillis[ofdCopies / 2];
            double ofdP95 = ofdMillis[Math.min(ofdCopies - 1, (int) Math.ceil(ofdCopies * 0.95) - 1)];

            String summary = String.format(Locale.ROOT, """
                    ## Certificates (%d cores, %d s per rate after %d s of warm-up at the same concurrency)

                    | what | threads / clients | calls | failures | rate | ratio to raw SM2 verify |
                    |---|---:|---:|---:|---:|---:|
                    | reference: raw BouncyCastle SM3withSM2 verify, reused `Signature` | %d | %,d | %,d | **%,.0f/s** | 1 |
                    | `GET /api/v1/certificates/verification` (HTTP, wrk connections; p50 / p95 %.1f / %.1f ms) | %d | %,d | %,d | **%,.0f/s** | %.3f |
                    | `POST /api/v1/certificates/verifications`, %d a request (HTTP, wrk connections; request p50 / p95 %.1f / %.1f ms) | %d | %,d | %,d | **%,.0f/s** | %.3f |
                    | issuance without rendering (`Certificates.issue`) | %d | %,d | %,d | **%,.1f/s** | %.3f |

                    HTTP reference on the same server, same wrk: `GET /actuator/health/liveness` %,.0f/s (verification /
                    liveness %.3f).

                    OFD copy (`Certificates.ofdCopy`: layout, package, SM3 digests, SM2 signature, time stamp,
                    audit) over %d certificates, one at a time: median **%.1f ms**, p95 %.1f ms, max %.1f ms;
                    %,d bytes on average.
                    """, Runtime.getRuntime().availableProcessors(), seconds, WARMUP_SECONDS, threads, raw.calls(),
                    raw.failures(), raw.rate(), verifyRun.p50(), verifyRun.p95(), clients, httpVerify.calls(),
                    httpVerify.failures(), httpVerify.rate(),
                    httpVerify.rate() / raw.rate(), batch, batchRun.p50(), batchRun.p95(), clients,
                    batchVerify.calls(), batchVerify.failures(), batchVerify.rate(), batchVerify.rate() / raw.rate(),
                    issuers, issuance.calls(), issuance.failures(), issuance.rate(),
                    issuance.rate() / raw.rate(), liveness.rate(), httpVerify.rate() / liveness.rate(), ofdCopies,
                    ofdMedian, ofdP95, ofdMillis[ofdCopies - 1],
                    ofdBytes / ofdCopies);
            System.out.println(summary);
            // For bench/regressions.sh (record_printed_figures in bench/lib.sh).
            System.out.printf(Locale.ROOT, "FIGURE\tHTTP verifications/s, %d clients\t%.1f\t/s\thigher\t%.1f%n",
                    clients, httpVerify.rate(), raw.rate());
            System.out.printf(Locale.ROOT, "FIGURE\tHTTP batch verifications/s, %d a request, %d clients\t%.1f\t/s\t"
                    + "higher\t%.1f%n", batch, clients, batchVerify.rate(), raw.rate());
            System.out.printf(Locale.ROOT, "FIGURE\tissuances/s without rendering, %d threads\t%.1f\t/s\thigher\t%.1f%n",
                    issuers, issuance.rate(), raw.rate());
            System.out.printf(Locale.ROOT, "FIGURE\tOFD copy per certificate, median\t%.2f\tms\tlower\t%.5f%n",
                    ofdMedian, 1000.0 / raw.rate() * threads);
            System.out.printf(Locale.ROOT, "FIGURE\traw SM2 verify/s, %d threads\t%.1f\t/s\thigher%n", threads,
                    raw.rate());
            String report = System.getProperty("bench.report");
            if (report != null) {
                Files.writeString(Path.of(report), summary);
            }
            if (httpVerify.failures() > 0 || batchVerify.failures() > 0 || issuance.failures() > 0) {
                System.exit(1);
            }
        }
    }

    record Rate(long calls, long failures, double seconds) {
        double rate() {
            return calls / seconds;
        }
    }

    /** Warm-up, then {@code threads} threads calling {@code work} back to back for {@code seconds}. */
    private static Rate rate(int threads, int seconds, Callable<?> work) throws Exception {
        measure(threads, WARMUP_SECONDS, work);
        return measure(threads, seconds, work);
    }

    private static Rate measure(int threads, int seconds, Callable<?> work) throws Exception {
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Long>> counts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    long count = 0;
                    while (System.nanoTime() < end) {
                        try {
                            work.call();
                            count++;
                        } catch (Exception e) {
                            if (failures.incrementAndGet() <= 3) {
                                System.err.println("failure: " + e);
                            }
                        }
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return new Rate(total, failures.get(), (System.nanoTime() - start) / 1e9);
        }
    }
}

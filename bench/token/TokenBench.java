import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Token endpoint throughput: CONCURRENCY clients each send requests back to back for DURATION seconds (after a
 * warm-up), and the same harness measures a reference endpoint of the same server in the same run. Prints one
 * markdown table row per scenario. Run with: java bench/token/TokenBench.java (JDK 21+ source launcher).
 */
public class TokenBench {

    record Result(String scenario, long ok, long failed, double seconds, long[] latenciesMicros) {
        double perSecond() {
            return ok / seconds;
        }

        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            return latenciesMicros[Math.min(latenciesMicros.length - 1, (int) (latenciesMicros.length * p))];
        }
    }

    public static void main(String[] args) throws Exception {
        String base = env("BASE_URL", "http://localhost:8080");
        String client = env("CLIENT_ID", "demo-dept");
        String secret = env("CLIENT_SECRET", "Tongban-Demo-Dept-2026");
        int concurrency = Integer.parseInt(env("CONCURRENCY", "16"));
        int seconds = Integer.parseInt(env("DURATION", "20"));
        int warmup = Integer.parseInt(env("WARMUP", "10"));
        String basic = "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest token = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpRequest reference = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> probe = http.send(token, HttpResponse.BodyHandlers.ofString());
        if (probe.statusCode() != 200 || !probe.body().contains("access_token")) {
            throw new IllegalStateException("Token endpoint answered " + probe.statusCode() + ": " + probe.body());
        }
        // The access token's JWS algorithm, from its header (the first part of the JWT, base64url JSON).
        String jwt = probe.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        String algorithm = header.replaceAll("(?s).*\"alg\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        run(http, token, concurrency, warmup, "warm-up");
        List<Result> results = new ArrayList<>();
        results.add(run(http, reference, concurrency, seconds, "reference: GET /actuator/health/liveness"));
        results.add(run(http, token, concurrency, seconds, "POST /oauth2/token (client_credentials, JWT " + algorithm + ")"));
        results.add(run(http, reference, concurrency, seconds, "reference again"));
        System.out.println("| Scenario | Requests/s | Failed | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %.0f | %d | %.1f | %.1f |%n", r.scenario(), r.perSecond(), r.failed(),
                    r.percentile(0.50) / 1000.0, r.percentile(0.99) / 1000.0);
        }
        double referenceRate = (results.get(0).perSecond() + results.get(2).perSecond()) / 2;
        System.out.printf("%nToken endpoint: %.0f requests/s = %.2f × the reference (%.0f requests/s), "
                + "%d concurrent clients, %d s each.%n", results.get(1).perSecond(),
                results.get(1).perSecond() / referenceRate, referenceRate, concurrency, seconds);
        // For bench/regressions.sh (record_printed_figures in bench/lib.sh): the rate against the mean reference.
        System.out.printf(java.util.Locale.ROOT, "FIGURE\ttoken requests/s, %d clients\t%.1f\t/s\thigher\t%.1f%n",
                concurrency, results.get(1).perSecond(), referenceRate);
        if (results.get(1).failed() > 0) {
            System.out.printf("FAILED token requests: %d%n", results.get(1).failed());
        }
    }

    static Result run(HttpClient http, HttpRequest request, int concurrency, int seconds, String scenario)
            throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        List<long[]> perThread = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
            for (int i = 0; i < concurrency; i++) {
                long[] latencies = new long[1 << 20];
                perThread.add(latencies);
                int slot = i;
                threads.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() == 200) {
                                ok.increment();
                                if (n < latencies.length) {
                                    latencies[n++] = (System.nanoTime() - t0) / 1000;
                                }
                            } else {
                                failed.increment();
                            }
                        } catch (Exception e) {
                            failed.increment();
                        }
                    }
                    perThread.set(slot, java.util.Arrays.copyOf(latencies, n));
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perThread.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        return new Result(scenario, ok.sum(), failed.sum(), elapsed, all);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package org.tongban.exchange.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanApplication;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.identity.PersonalData;

/**
 * Gateway benchmark of issue 8 (not a test): Tongban with demo data on a throw-away embedded PostgreSQL; concurrent
 * clients call {@code POST /api/v1/exchange/query} as the demo department system (bearer token, the demo grant) for
 * random demo residents, then the same clients call a plain endpoint of the same server ({@code
 * /actuator/health/liveness}) as the reference. Afterwards the access log must hold exactly one entry per gateway call
 * and verify. System properties: {@code bench.clients} (16), {@code bench.warmup} / {@code bench.measure} seconds (10
 * / 30), {@code bench.report}.
 */
public final class GatewayBenchmark {

    private GatewayBenchmark() {
    }

    record Run(long calls, long failures, double seconds) {
        double rate() {
            return calls / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int measure = Integer.getInteger("bench.measure", 30);
        Path keys = Files.createTempDirectory("tongban-bench-keys");
        String[] properties = { "--tongban.embedded-database.ephemeral=true", "--tongban.demo.enabled=true",
                "--tongban.identity.key-directory=" + keys, "--server.port=0", "--logging.level.root=WARN",
                "--logging.file.name=", "--tongban.identity.l4.demo-directory=" + keys.resolve("l4"),
                "--spring.jpa.properties.hibernate.search.backend.directory.type=local-heap" };
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class)
                .run(properties)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://localhost:" + port;
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            PersonalData protection = app.getBean(PersonalData.class);
            List<String> ids = new ArrayList<>();
            jdbc.query("select id_number_cipher from exchange_person limit 1000",
                    (org.springframework.jdbc.core.RowCallbackHandler) rs -> ids.add(protection.decrypt(rs.getString(1))));
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String basic = Base64.getEncoder().encodeToString("demo-dept:Tongban-Demo-Dept-2026"
                    .getBytes(StandardCharsets.UTF_8));
            String tokenJson = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String token = tokenJson.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            long logBefore = jdbc.queryForObject("select count(*) from exchange_access_log", Long.class);
            AtomicLong sequence = new AtomicLong();
            java.util.function.Supplier<HttpRequest> gateway = () -> {
                long n = sequence.incrementAndGet();
                String body = "{\"resource\":\"101001-00001\",\"subjectType\":\"PERSON\",\"subject\":\""
                        + ids.get((int) (n % ids.size())) + "\",\"items\":[\"name\",\"birthDate\"],"
                        + "\"purpose\":\"企业开办登记审核\",\"caseReference\":\"BENCH-" + n + "\"}";
                return HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/query"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            };
            HttpRequest plain = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).build();

            run(http, gateway, clients, warmup);
            Run gatewayRun = run(http, gateway, clients, measure);
            run(http, () -> plain, clients, warmup);
            Run plainRun = run(http, () -> plain, clients, measure);

            long gatewayCalls = sequence.get();
            long logged = jdbc.queryForObject("select count(*) from exchange_access_log", Long.class) - logBefore;
            AccessLog.Verification verification = app.getBean(AccessLog.class).verify();
            String summary = String.format("""
                    ## Exchange gateway (HTTP, %d concurrent clients, %d s measured after %d s warm-up)

                    | endpoint | calls | failures | calls/s |
                    |---|---:|---:|---:|
                    | `POST /api/v1/exchange/query` (bearer token, grant check, base-data read with ID decryption, hash-chained log entry committed per call) | %,d | %,d | **%,.0f** |
                    | reference: `GET /actuator/health/liveness` on the same server | %,d | %,d | %,.0f |

                    Gateway / reference: **%.2f**. Access log after the run: %,d gateway calls made (warm-up included), %,d
                    entries added (%s), chain of %,d entries %s.
                    """, clients, measure, warmup, gatewayRun.calls(), gatewayRun.failures(), gatewayRun.rate(),
                    plainRun.calls(), plainRun.failures(), plainRun.rate(), gatewayRun.rate() / plainRun.rate(),
                    gatewayCalls, logged, logged == gatewayCalls ? "exactly one per call" : "MISMATCH",
                    verification.entries(), verification.intact() ? "verified intact" : "BROKEN at "
                            + verification.firstBrokenId());
            System.out.println(summary);
            // For bench/regressions.sh (record_printed_figures in bench/lib.sh).
            System.out.printf(java.util.Locale.ROOT, "FIGURE\tgateway look-ups/s, %d clients\t%.1f\t/s\thigher\t%.1f%n",
                    clients, gatewayRun.rate(), plainRun.rate());
            String report = System.getProperty("bench.report");
            if (report != null) {
                Files.writeString(Path.of(report), summary);
            }
        }
    }

    private static Run run(HttpClient http, java.util.function.Supplier<HttpRequest> request, int clients,
            int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (running.get()) {
                        try {
                            int status = http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 200) {
                                calls.incrementAndGet();
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
        }
        return new Run(calls.get(), failures.get(), (System.nanoTime() - start) / 1e9);
    }
}

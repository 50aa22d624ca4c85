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
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanApplication;
import org.tongban.bench.Wrk;
import org.tongban.bench.Wrk.Run;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.identity.PersonalData;

/**
 * Gateway benchmark of issue 8 (not a test): Tongban with demo data on a throw-away embedded PostgreSQL; wrk (a load
 * generator in C, so that the client takes as little as it can of the two cores it shares with the server) calls
 * {@code POST /api/v1/exchange/query} as the demo department system (bearer token, the demo grant) for demo residents
 * over concurrent connections, then a plain endpoint of the same server ({@code /actuator/health/liveness}) as the
 * reference. Afterwards the access log must hold exactly one served entry per call sent, each with its own case
 * reference, and verify; otherwise the benchmark fails. System properties: {@code bench.clients} (connections, 16),
 * {@code bench.warmup} / {@code bench.measure} seconds (30 / 30), {@code bench.report}, and those of {@link Wrk}.
 */
public final class GatewayBenchmark {

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        int warmup = Integer.getInteger("bench.warmup", 30);
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
            HttpClient http = HttpClient.newHttpClient();
            String basic = Base64.getEncoder().encodeToString("demo-dept:Tongban-Demo-Dept-2026"
                    .getBytes(StandardCharsets.UTF_8));
            String tokenJson = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String token = tokenJson.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            Path idFile = keys.resolve("ids.txt");
            Files.write(idFile, ids);
            long lastBefore = jdbc.queryForObject("select coalesce(max(id), 0) from exchange_access_log", Long.class);
            Path ackedFile = keys.resolve("acked.txt");
            Wrk wrk = Wrk.of(clients, Map.of("WRK_TOKEN", token, "WRK_IDS", idFile.toString(), "WRK_ACKED",
                    ackedFile.toString()));

            Run warm = wrk.run(base + "/api/v1/exchange/query", "gateway", warmup, Map.of("WRK_RUN", "warm"));
            Run gatewayRun = wrk.run(base + "/api/v1/exchange/query", "gateway", measure, Map.of("WRK_RUN", "measure"));
            // Calls wrk gave up on at the end are still served and logged: let them finish before counting.
            Thread.sleep(2_000);
            long gatewayCalls = warm.sent() + gatewayRun.sent();
            Map<String, Object> log = jdbc.queryForMap("select count(*) as entries, count(distinct case_reference) "
                    + "as refs, count(*) filter (where result in ('SERVED', 'PARTIAL')) as served "
                    + "from exchange_access_log where id > ?", lastBefore);
            long logged = ((Number) log.get("entries")).longValue();
            long distinct = ((Number) log.get("refs")).longValue();
            long served = ((Number) log.get("served")).longValue();
            // Zero lost: every call answered 200 names its access-log entry, and each of those entries is there.
            List<String> ackedLines = Files.readAllLines(ackedFile);
            Long[] acked = ackedLines.stream().filter(l -> l.matches("\\d+")).map(Long::valueOf).toArray(Long[]::new);
            long ackedFound = jdbc.queryForObject("select count(*) from exchange_access_log where id = any(?) "
                    + "and result = 'SERVED'", Long.class, (Object) acked);
            long answered = warm.ok() + gatewayRun.ok();
            wrk.run(base + "/actuator/health/liveness", "plain", warmup, Map.of());
            Run plainRun = wrk.run(base + "/actuator/health/liveness", "plain", measure, Map.of());
            AccessLog.Verification verification = app.getBean(AccessLog.class).verify();
            // Exactly one: no case reference twice, and no entry without a call; the calls that wrk sent but stopped
            // waiting for at the end of a run (sent - answered) may or may not have reached the server.
            boolean exact = ackedLines.size() == answered && acked.length == answered && ackedFound == answered
                    && distinct == logged && served == logged && logged >= answered && logged <= gatewayCalls
                    && warm.failures() + gatewayRun.failures() == 0;
            String summary = String.format(java.util.Locale.ROOT, """
                    ## Exchange gateway (HTTP, wrk with %d connections on 2 threads, %d s measured after %d s warm-up)

                    | endpoint | calls answered 200 | other answers / socket errors | calls/s | p50 / p95 / p99 (ms) |
                    |---|---:|---:|---:|---|
                    | `POST /api/v1/exchange/query` (bearer token, grant check, base-data read, hash-chained log entry committed per call) | %,d | %,d / %,d | **%,.0f** | %.1f / %.1f / %.1f |
                    | reference: `GET /actuator/health/liveness` on the same server | %,d | %,d / %,d | %,.0f | %.1f / %.1f / %.1f |

                    Gateway / reference: **%.2f**. Access log after the run: %,d gateway calls sent (warm-up
                    included), %,d answered 200, each naming an entry that is in the log (%,d found); %,d entries
                    added, %,d distinct case references, %,d of them served (%s; %,d sent at the end of a run and not
                    waited for); chain of %,d entries %s.
                    """, clients, measure, warmup, gatewayRun.ok(), gatewayRun.other(), gatewayRun.errors(),
                    gatewayRun.rate(), gatewayRun.p50(), gatewayRun.p95(), gatewayRun.p99(), plainRun.ok(),
                    plainRun.other(), plainRun.errors(), plainRun.rate(), plainRun.p50(), plainRun.p95(),
                    plainRun.p99(), gatewayRun.rate() / plainRun.rate(), gatewayCalls, answered, ackedFound, logged,
                    distinct, served, exact ? "exactly one entry per call" : "MISMATCH", gatewayCalls - answered,
                    verification.entries(),
                    verification.intact() ? "verified intact" : "BROKEN at " + verification.firstBrokenId());
            System.out.println(summary);
            // For bench/regressions.sh (record_printed_figures in bench/lib.sh).
            System.out.printf(java.util.Locale.ROOT, "FIGURE\tgateway look-ups/s, %d clients\t%.1f\t/s\thigher\t%.1f%n",
                    clients, gatewayRun.rate(), plainRun.rate());
            String report = System.getProperty("bench.report");
            if (report != null) {
                Files.writeString(Path.of(report), summary);
            }
            if (!exact || !verification.intact()) {
                System.exit(1);
            }
        }
    }
}

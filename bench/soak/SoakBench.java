import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed soak of issue 10: an open-loop load — operations arrive at a fixed RATE per second whatever the server's
 * answers take (a late answer does not delay the next arrival, so queueing shows up in the latencies instead of
 * lowering the load) — mixing citizens, officers and systems, for DURATION seconds after WARMUP seconds (climbing to
 * RATE). Each
 * operation's latency runs from its scheduled arrival to its last answer. Prints per-endpoint p50/p95/errors per
 * minute and over the run, and FIGURE lines for bench/regressions.sh. Run by bench/soak.sh (JDK source launcher, no
 * dependencies).
 *
 * <p>Operations (default weights in %, MIX=name:weight,... to change): {@code search} 30 (GET /items?q=, the portal's
 * search page), {@code guide} 25 (GET /items/{code}, a guide page), {@code verify} 13 (GET
 * /api/v1/certificates/verification), {@code gateway} 10 (POST /api/v1/exchange/query as the demo department system,
 * bearer token), {@code todo} 10 (GET /workbench/tasks as the demo approver), {@code application} 3 (a citizen's
 * draft → form values → materials → submission: 3 + slots requests), {@code signin} 2 (GET + POST /signin with a
 * password check: Argon2id by default), {@code reference} 7 (GET /actuator/health/liveness, the same-run reference).
 *
 * <p>Environment: BASE_URL, RATE (200), DURATION (600), WARMUP (120), RAMP_FROM (0.1: the
 * warm-up's first rate as a share of RATE), SEED (20261124), ITEM_CODE (the sole-trader item
 * the citizens file), CITIZENS (16) with PHONE_PREFIX (1373): bench citizens registered and raised to L3 beforehand
 * (bench/submission, password Bench#Submit2026), OFFICER (13800000004), GUIDE_CODES (file: item codes, one a line),
 * CERTIFICATES (file: identifier TAB verification code), MATERIAL_SLOTS (0,1,2), MAX_IN_FLIGHT (4000: beyond it an
 * arrival is counted as an error "overload" instead of sent), OUT (directory for minutes.tsv).
 */
public class SoakBench {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    static final String DEMO_PASSWORD = "Tongban#Demo2026";
    static final String BENCH_PASSWORD = "Bench#Submit2026";
    static final String[] QUERIES = { "营业执照", "个体工商户", "餐饮", "身份证", "社保", "公积金", "出生", "医保", "建筑",
            "食品经营", "户口", "结婚", "退休", "驾驶证", "开办企业", "卫生许可", "消防", "税务登记", "残疾", "养老" };

    static String base;
    static HttpClient http;

    record Citizen(String phone, String idNumber, String session, String csrf) {
    }

    /** Latencies (µs) and errors of one operation kind in one minute. */
    static final class Bucket {
        final List<Long> micros = new ArrayList<>();
        long errors;
        final Map<String, Integer> reasons = new TreeMap<>();

        synchronized void ok(long us) {
            micros.add(us);
        }

        synchronized void error(String reason) {
            errors++;
            reasons.merge(reason, 1, Integer::sum);
        }
    }

    static final Map<String, Map<Integer, Bucket>> BUCKETS = new ConcurrentHashMap<>();
    static final AtomicLong REQUESTS = new AtomicLong();

    static Bucket bucket(String kind, int minute) {
        return BUCKETS.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(minute, m -> new Bucket());
    }

    public static void main(String[] args) throws Exception {
        base = env("BASE_URL", "http://127.0.0.1:8080");
        double rate = Double.parseDouble(env("RATE", "200"));
        int duration = Integer.parseInt(env("DURATION", "600"));
        int warmup = Integer.parseInt(env("WARMUP", "120"));
        // The warm-up climbs from RAMP_FROM (a share of RATE) to RATE, as a load balancer's slow start brings a new
        // node in; RAMP_FROM=1 keeps the whole warm-up at RATE. The measured part is always at RATE.
        double rampFrom = Double.parseDouble(env("RAMP_FROM", "0.1"));
        if (rampFrom <= 0 || rampFrom > 1) {
            throw new IllegalArgumentException("RAMP_FROM must be in (0, 1]");
        }
        long seed = Long.parseLong(env("SEED", "20261124"));
        String itemCode = env("ITEM_CODE", "");
        int citizenCount = Integer.parseInt(env("CITIZENS", "16"));
        String prefix = env("PHONE_PREFIX", "1373");
        int maxInFlight = Integer.parseInt(env("MAX_IN_FLIGHT", "4000"));
        int[] slots = Arrays.stream(env("MATERIAL_SLOTS", "0,1,2").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        List<String> guideCodes = lines(env("GUIDE_CODES", ""));
        List<String[]> certificates = lines(env("CERTIFICATES", "")).stream().map(l -> l.split("\t"))
                .filter(f -> f.length == 2).toList();
        Path out = Path.of(env("OUT", "."));
        Map<String, Integer> mix = mix(env("MIX", "search:30,guide:25,verify:13,gateway:10,todo:10,application:3,"
                + "signin:2,reference:7"));
        if (guideCodes.isEmpty() && mix.getOrDefault("guide", 0) > 0) {
            throw new IllegalArgumentException("GUIDE_CODES: a file of published item codes is needed for guide");
        }
        if (certificates.isEmpty() && mix.getOrDefault("verify", 0) > 0) {
            throw new IllegalArgumentException("CERTIFICATES: a file of identifier<TAB>code is needed for verify");
        }
        if (itemCode.isEmpty() && mix.getOrDefault("application", 0) > 0) {
            throw new IllegalArgumentException("ITEM_CODE is needed for application");
        }

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

        // ---- set-up: sessions of the bench citizens and the officer, the department system's token
        List<Citizen> citizens = new ArrayList<>();
        for (int i = 0; i < citizenCount && mix.getOrDefault("application", 0) + mix.getOrDefault("signin", 0) > 0; i++) {
            String phone = prefix + "%07d".formatted(i);
            String session = signIn(phone, BENCH_PASSWORD);
            HttpResponse<String> account = get("/account", session);
            Matcher token = CSRF.matcher(account.body());
            if (account.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("/account of " + phone + " answered " + account.statusCode());
            }
            String idNumber = idNumber("210112" + (1960 + i / 336) + "%02d".formatted(1 + i % 12)
                    + "%02d".formatted(1 + i / 12 % 28) + prefix.substring(1, 4));
            citizens.add(new Citizen(phone, idNumber, session, token.group(1)));
        }
        String officer = signIn(env("OFFICER", "13800000004"), DEMO_PASSWORD);
        String[] token = { departmentToken() };
        // residents the demo base data names (identity's demo people): the gateway looks them up
        List<String> residents = List.of(idNumber("21011219950606906"), idNumber("21011219700808907"),
                idNumber("21010219821212908"), idNumber("11010519491231002"));
        byte[] pdf = pdf();
        System.err.printf("set-up: %d citizens and the officer signed in, department token obtained%n",
                citizens.size());

        // ---- the operations
        AtomicLong sequence = new AtomicLong();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("search", n -> expect(get("/items?q=" + enc(QUERIES[(int) (n % QUERIES.length)]), null), 200, null));
        ops.put("guide", n -> expect(get("/items/" + guideCodes.get((int) (n % guideCodes.size())), null), 200, null));
        ops.put("verify", n -> {
            String[] c = certificates.get((int) (n % certificates.size()));
            return expect(get("/api/v1/certificates/verification?identifier=" + enc(c[0]) + "&code=" + enc(c[1]),
                    null), 200, "\"VALID\"");
        });
        ops.put("gateway", n -> {
            String body = "{\"resource\":\"101001-00001\",\"subjectType\":\"PERSON\",\"subject\":\""
                    + residents.get((int) (n % residents.size())) + "\",\"items\":[\"name\",\"birthDate\"],"
                    + "\"purpose\":\"企业开办登记审核\",\"caseReference\":\"SOAK-" + sequence.incrementAndGet() + "\"}";
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/exchange/query"))
                    .header("Authorization", "Bearer " + token[0]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (answer.statusCode() == 401) {
                token[0] = departmentToken(); // expired: a system asks for a new one
            }
            return expect(answer, 200, null);
        });
        ops.put("todo", n -> expect(get("/workbench/tasks", officer), 200, null));
        ops.put("signin", n -> {
            Citizen c = citizens.get((int) (n % citizens.size()));
            signIn(c.phone(), BENCH_PASSWORD);
            return null;
        });
        ops.put("application", n -> file(citizens.get((int) (n % citizens.size())), itemCode, slots, pdf));
        ops.put("reference", n -> expect(get("/actuator/health/liveness", null), 200, null));

        List<String> kinds = new ArrayList<>();
        List<Integer> cumulative = new ArrayList<>();
        int total = 0;
        for (var e : mix.entrySet()) {
            if (!ops.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown operation in MIX: " + e.getKey());
            }
            if (e.getValue() > 0) {
                total += e.getValue();
                kinds.add(e.getKey());
                cumulative.add(total);
            }
        }

        // ---- the open-loop schedule: arrival i at start + i / rate
        Random random = new Random(seed);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong warmupErrors = new AtomicLong();
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmup * 1_000_000_000L;
        long rampNanos = warmup * 1_000_000_000L;
        long end = measureFrom + duration * 1_000_000_000L;
        long arrivals = 0;
        long[] perKind = new long[kinds.size()];
        System.err.printf("open loop: %.1f operations/s for %d s after %d s warm-up from %.0f %%%n", rate, duration,
                warmup, rampFrom * 100);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            long next = start;
            for (long i = 0;; i++) {
                long at = next;
                // during the warm-up the gap to the next arrival follows the rate climbing linearly to RATE
                long since = at - start;
                next = since >= rampNanos ? at + period
                        : at + (long) (period / (rampFrom + (1 - rampFrom) * since / (double) rampNanos));
                if (at >= end) {
                    break;
                }
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int pick = random.nextInt(total);
                int k = 0;
                while (cumulative.get(k) <= pick) {
                    k++;
                }
                String kind = kinds.get(k);
                long n = i;
                boolean measured = at >= measureFrom;
                int minute = measured ? (int) ((at - measureFrom) / 60_000_000_000L) : -1;
                if (measured) {
                    arrivals++;
                    perKind[k]++;
                }
                if (inFlight.get() >= maxInFlight) {
                    if (measured) {
                        bucket(kind, minute).error("overload");
                    }
                    continue;
                }
                inFlight.incrementAndGet();
                workers.submit(() -> {
                    String failure;
                    try {
                        failure = ops.get(kind).run(n);
                    } catch (IOException e) {
                        failure = "io:" + e.getClass().getSimpleName();
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    if (measured) {
                        if (failure == null) {
                            bucket(kind, minute).ok((System.nanoTime() - at) / 1000);
                        } else {
                            bucket(kind, minute).error(failure);
                        }
                    } else if (failure != null) {
                        warmupErrors.incrementAndGet();
                    }
                    return null;
                });
            }
            workers.shutdown();
            if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
                System.err.println("operations still running 120 s after the last arrival: not counted");
            }
        }
        double seconds = duration;

        // ---- report
        StringBuilder minutes = new StringBuilder("minute\toperation\tcount\terrors\tp50_ms\tp95_ms\n");
        System.out.printf(Locale.ROOT, "## Mixed soak: %.0f operations/s offered (open loop), %d s measured after %d s "
                + "warm-up (climbing from %.0f %%)%n%n", rate, duration, warmup, rampFrom * 100);
        System.out.println("Per minute (p50 / p95 ms, errors):");
        System.out.println();
        StringBuilder header = new StringBuilder("| Minute |");
        StringBuilder line = new StringBuilder("|---|");
        for (String kind : kinds) {
            header.append(' ').append(kind).append(" |");
            line.append("---|");
        }
        System.out.println(header);
        System.out.println(line);
        int lastMinute = (int) ((duration - 1) / 60);
        for (int m = 0; m <= lastMinute; m++) {
            StringBuilder row = new StringBuilder("| " + (m + 1) + " |");
            for (String kind : kinds) {
                Bucket b = BUCKETS.getOrDefault(kind, Map.of()).get(m);
                long[] sorted = b == null ? new long[0] : sorted(List.of(b));
                long errors = b == null ? 0 : b.errors;
                row.append(String.format(Locale.ROOT, " %.0f / %.0f%s |", pct(sorted, 0.50), pct(sorted, 0.95),
                        errors > 0 ? ", **" + errors + " err**" : ""));
                minutes.append(String.format(Locale.ROOT, "%d\t%s\t%d\t%d\t%.1f\t%.1f%n", m + 1, kind, sorted.length,
                        errors, pct(sorted, 0.50), pct(sorted, 0.95)));
            }
            System.out.println(row);
        }
        Files.writeString(out.resolve("minutes.tsv"), minutes);

        System.out.println();
        System.out.println("Over the run:");
        System.out.println();
        System.out.println("| Operation | Offered | Completed | Errors | Rate /s | p50 ms | p95 ms | p99 ms | Errors by reason |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        List<Bucket> all = new ArrayList<>();
        long allErrors = 0;
        Map<String, long[]> sortedByKind = new LinkedHashMap<>();
        for (int k = 0; k < kinds.size(); k++) {
            String kind = kinds.get(k);
            List<Bucket> buckets = new ArrayList<>(BUCKETS.getOrDefault(kind, Map.of()).values());
            all.addAll(buckets);
            long[] sorted = sorted(buckets);
            sortedByKind.put(kind, sorted);
            long errors = buckets.stream().mapToLong(b -> b.errors).sum();
            allErrors += errors;
            Map<String, Integer> reasons = new TreeMap<>();
            buckets.forEach(b -> b.reasons.forEach((r, c) -> reasons.merge(r, c, Integer::sum)));
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", kind, perKind[k],
                    sorted.length, errors, sorted.length / seconds, pct(sorted, 0.50), pct(sorted, 0.95),
                    pct(sorted, 0.99), reasons.isEmpty() ? "" : reasons.toString());
        }
        long[] everything = sorted(all);
        System.out.printf(Locale.ROOT, "| **all** | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | |%n", arrivals,
                everything.length, allErrors, everything.length / seconds, pct(everything, 0.50),
                pct(everything, 0.95), pct(everything, 0.99));
        System.out.printf(Locale.ROOT, "%nOperations failed during the warm-up (not measured): %d.%n",
                warmupErrors.get());
        System.out.printf(Locale.ROOT, "%nHTTP requests sent (warm-up included): %d; operations completed per second "
                + "in the measured part: %.1f of %.1f offered; error rate %.3f %%.%n", REQUESTS.get(),
                everything.length / seconds, arrivals / seconds, 100.0 * allErrors / Math.max(1, arrivals));

        // For bench/regressions.sh (record_printed_figures in bench/lib.sh); the reference is the liveness p95.
        double referenceP95 = pct(sortedByKind.getOrDefault("reference", new long[0]), 0.95);
        String ref = referenceP95 > 0 ? String.format(Locale.ROOT, "\t%.2f", referenceP95) : "";
        // a cold start at the full rate is another test than a ramped one: its figures carry their own names
        String at = String.format(Locale.ROOT, "%.0f/s", rate) + (rampFrom >= 1 ? " from a cold start" : "");
        System.out.printf(Locale.ROOT, "FIGURE\tsoak p95 of all operations, %s\t%.1f\tms\tlower%s%n", at,
                pct(everything, 0.95), ref);
        System.out.printf(Locale.ROOT, "FIGURE\tsoak error rate, %s\t%.3f\t%%\tlower%n", at,
                100.0 * allErrors / Math.max(1, arrivals));
        System.out.printf(Locale.ROOT, "FIGURE\tsoak operations completed/s, %s\t%.1f\t/s\thigher\t%.1f%n", at,
                everything.length / seconds, arrivals / seconds);
        for (var e : sortedByKind.entrySet()) {
            if (!e.getKey().equals("reference") && e.getValue().length > 0) {
                System.out.printf(Locale.ROOT, "FIGURE\tsoak %s p95, %s\t%.1f\tms\tlower%s%n", e.getKey(), at,
                        pct(e.getValue(), 0.95), ref);
            }
        }
    }

    interface Op {
        /** Null when the operation succeeded, else why not. */
        String run(long n) throws Exception;
    }

    /** A citizen files one application: draft, form values, materials, submission. */
    static String file(Citizen c, String itemCode, int[] slots, byte[] pdf) throws Exception {
        HttpResponse<String> created = send(api("/api/v1/cases/applications", c).header("Content-Type",
                "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"itemCode\":\"" + itemCode + "\"}")).build());
        if (created.statusCode() != 201) {
            return "create:" + created.statusCode();
        }
        String path = "/api/v1/cases/applications/" + field(created.body(), "id");
        String values = """
                {"applicant.phone":"%s","business.form":"PERSONAL","business.operatorId":"%s",
                 "business.scope":"水果零售","business.capital":"1000","business.address.division":"210112",
                 "business.address.detail":"浑南中路 8 号"}""".formatted(c.phone(), c.idNumber());
        HttpResponse<String> saved = send(api(path + "/values", c).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(values)).build());
        if (saved.statusCode() != 200) {
            return "values:" + saved.statusCode();
        }
        for (int slot : slots) {
            String boundary = "----soak" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"材料" + slot
                    + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> uploaded = send(api(path + "/materials/" + slot, c)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, pdf, tail))).build());
            if (uploaded.statusCode() != 201) {
                return "upload:" + uploaded.statusCode();
            }
        }
        HttpResponse<String> submitted = send(api(path + "/submission", c).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"WEB\"}")).build());
        if (submitted.statusCode() / 100 != 2 || field(submitted.body(), "caseNumber") == null) {
            return "submit:" + submitted.statusCode();
        }
        return null;
    }

    static String departmentToken() throws Exception {
        String basic = Base64.getEncoder().encodeToString((env("CLIENT_ID", "demo-dept") + ":"
                + env("CLIENT_SECRET", "Tongban-Demo-Dept-2026")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        String token = field(answer.body(), "access_token");
        if (answer.statusCode() != 200 || token == null) {
            throw new IllegalStateException("the token endpoint answered " + answer.statusCode());
        }
        return token;
    }

    /** Signs in with the password form (GET /signin for the CSRF token, POST /signin); the session cookie. */
    static String signIn(String identifier, String password) throws Exception {
        HttpResponse<String> page = get("/signin", null);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on /signin (" + page.statusCode() + ")");
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + cookie(page))
                .POST(HttpRequest.BodyPublishers.ofString("identifier=" + enc(identifier) + "&password="
                        + enc(password) + "&_csrf=" + enc(token.group(1)))).build());
        String session = cookie(answer);
        if (answer.statusCode() != 302 || session == null || answer.headers().firstValue("Location").orElse("")
                .contains("error")) {
            throw new IllegalStateException("signing in " + identifier + " answered " + answer.statusCode());
        }
        return session;
    }

    static String expect(HttpResponse<String> answer, int status, String contains) {
        if (answer.statusCode() != status) {
            return "status:" + answer.statusCode();
        }
        if (contains != null && !answer.body().contains(contains)) {
            return "body";
        }
        return null;
    }

    static HttpRequest.Builder api(String path, Citizen c) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", "SESSION=" + c.session()).header("X-CSRF-TOKEN", c.csrf())
                .header("Accept", "application/json");
    }

    static HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
        if (session != null) {
            request.header("Cookie", "SESSION=" + session);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        REQUESTS.incrementAndGet();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create(base + path);
    }

    static String cookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static long[] sorted(List<Bucket> buckets) {
        List<Long> all = new ArrayList<>();
        for (Bucket b : buckets) {
            synchronized (b) {
                all.addAll(b.micros);
            }
        }
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1000.0;
    }

    static Map<String, Integer> mix(String spec) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split(":");
            mix.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        return mix;
    }

    static List<String> lines(String file) throws IOException {
        if (file.isEmpty()) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file)).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A small valid one-page PDF. */
    static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length 20 >> stream\n% soak bench page  \nendstream endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** GB 11643: 17 digits plus the ISO 7064 MOD 11-2 check character. */
    static String idNumber(String first17) {
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

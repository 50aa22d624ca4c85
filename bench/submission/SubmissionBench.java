import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application submission throughput against a running Tongban, through the citizen API as a person's browser or app
 * would use it: each of CONCURRENCY citizens (its own account, registered through /register and raised to the
 * item's real-name level by a window officer's in-person check on /workbench/identity/verify — the platform's own
 * paths) repeats, back to back, the whole filing of one application:
 * <ol>
 * <li>{@code POST /api/v1/cases/applications} (start a draft, Idempotency-Key),</li>
 * <li>{@code PUT .../values} (fill in the form),</li>
 * <li>{@code POST .../materials/{i}} for every material slot in MATERIAL_SLOTS (a valid PDF built here; the first
 * slot's file is MATERIAL_KB kilobytes when that is above 0, the others a few hundred bytes),</li>
 * <li>{@code POST .../submission} (Idempotency-Key) → 201 with the case number.</li>
 * </ol>
 * Every acknowledged submission (HTTP 2xx) is appended at once to ACKED_FILE: {@code case number, application id,
 * then slot:sha256 of each uploaded material}, tab-separated, so a drill can check them after a crash.
 * <p>
 * Same-run reference: {@code GET /actuator/health/liveness} by the same CONCURRENCY clients before and after.
 * Errors are counted by step and status and never stop the run (a crash drill kills the server under it).
 * <p>
 * Environment: BASE_URL, ITEM_CODE (required), CONCURRENCY=16, DURATION=20, WARMUP=5, REFERENCE=5 (s),
 * MATERIAL_KB=0, MATERIAL_SLOTS=0,1,2 (the application form, a scan of the ID card — required since the guide asks for it, when it is not taken from the population registry — and the proof of premises), ACKED_FILE, RESULT_JSON, PHONE_PREFIX=1376, OFFICER=13800000003,
 * OFFICER_PASSWORD=Tongban#Demo2026, LABEL, CHECK_EARLIER=1 (first read back every application the citizens filed
 * before, form values included), TIMELINE_FILE (one line per filing: start and end in epoch ms, "ok" or
 * the failure).
 */
public class SubmissionBench {

    static final String PASSWORD = "Bench#Submit2026";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    static final Pattern HALL = Pattern.compile("name=\"hall\"[^>]*>\\s*<option[^>]*value=\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    static String base;
    static String itemCode;
    static PrintWriter acked;
    /** Optional: one line per filing, "start end outcome" (epoch ms; "ok" or the failure), for the drills. */
    static PrintWriter timeline;

    /** A signed-in citizen: session cookie, CSRF token for the API calls, and the data the form needs. */
    record Citizen(String phone, String idNumber, String session, String csrf) {
    }

    /** What one phase measured. */
    static final class Phase {
        final String name;
        final LongAdder ok = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<long[]> flowMicros = new ArrayList<>();
        final List<long[]> submitMicros = new ArrayList<>();
        double seconds;

        Phase(String name) {
            this.name = name;
        }

        void error(String what) {
            errors.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        long failed() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        double perSecond() {
            return ok.sum() / seconds;
        }

        static long[] merged(List<long[]> parts) {
            return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }

        static double percentileMs(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        base = env("BASE_URL", "http://localhost:8080");
        itemCode = env("ITEM_CODE", "");
        if (itemCode.isEmpty()) {
            throw new IllegalArgumentException("ITEM_CODE is required (an online item the bench citizens may apply for)");
        }
        int concurrency = Integer.parseInt(env("CONCURRENCY", "16"));
        int duration = Integer.parseInt(env("DURATION", "20"));
        int warmup = Integer.parseInt(env("WARMUP", "5"));
        int referenceSeconds = Integer.parseInt(env("REFERENCE", "5"));
        int materialKb = Integer.parseInt(env("MATERIAL_KB", "0"));
        int[] slots = Arrays.stream(env("MATERIAL_SLOTS", "0,1,2").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        String prefix = env("PHONE_PREFIX", "1376");
        Path ackedFile = Path.of(env("ACKED_FILE", "acked-cases.tsv"));
        acked = new PrintWriter(Files.newBufferedWriter(ackedFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
        String timelineFile = env("TIMELINE_FILE", "");
        if (!timelineFile.isEmpty()) {
            timeline = new PrintWriter(Files.newBufferedWriter(Path.of(timelineFile), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        }

        String form = get(base + "/api/v1/cases/items/" + itemCode + "/form", null).body();
        for (String key : List.of("business.scope", "business.operatorId", "business.address", "applicant.phone")) {
            if (!form.contains("\"" + key + "\"")) {
                throw new IllegalStateException("the form of " + itemCode + " has no field " + key
                        + ": this client fills the 个体工商户登记 form (basic code 011070003000)");
            }
        }
        byte[] large = materialKb > 0 ? pdf(materialKb * 1024) : pdf(0);
        byte[] small = pdf(0);

        long setupStart = System.nanoTime();
        List<Citizen> citizens = setUp(concurrency, prefix);
        System.err.printf("set-up: %d citizens registered, raised to L3 and signed in (%.1f s)%n", citizens.size(),
                (System.nanoTime() - setupStart) / 1e9);
        if (env("CHECK_EARLIER", "0").equals("1")) {
            System.out.printf("earlier applications read back with their form values: %d%n", readEarlier(citizens));
        }

        if (warmup > 0) {
            Phase w = run("warm-up", citizens, warmup, slots, large, small);
            System.err.printf("warm-up: %d filed, %d errors %s%n", w.ok.sum(), w.failed(), w.errors);
        }
        Phase before = reference("reference before", concurrency, referenceSeconds);
        Phase measured = run(materialKb > 0 ? "file + submit, " + materialKb + " KB material" : "file + submit",
                citizens, duration, slots, large, small);
        Phase after = reference("reference after", concurrency, referenceSeconds);
        acked.close();

        System.out.println("| Phase | Completed/s | Completed | Failed | p50 ms | p95 ms | p99 ms | submit p50 / p95 / p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Phase p : List.of(before, measured, after)) {
            long[] flow = Phase.merged(p.flowMicros);
            long[] submit = Phase.merged(p.submitMicros);
            System.out.printf("| %s | %.1f | %d | %d | %.1f | %.1f | %.1f | %s |%n", p.name, p.perSecond(), p.ok.sum(),
                    p.failed(), Phase.percentileMs(flow, 0.50), Phase.percentileMs(flow, 0.95),
                    Phase.percentileMs(flow, 0.99), submit.length == 0 ? "–" : "%.1f / %.1f / %.1f".formatted(
                            Phase.percentileMs(submit, 0.50), Phase.percentileMs(submit, 0.95),
                            Phase.percentileMs(submit, 0.99)));
        }
        double referenceRate = (before.perSecond() + after.perSecond()) / 2;
        System.out.printf("%nSubmitted applications: %.1f/s = %.3f × the liveness reference (%.0f requests/s); "
                + "%d concurrent citizens, %d s; errors %s%n", measured.perSecond(),
                measured.perSecond() / referenceRate, referenceRate, concurrency, duration, measured.errors);
        String json = env("RESULT_JSON", "");
        if (!json.isEmpty()) {
            Files.writeString(Path.of(json), json(measured, before, after, concurrency, duration, materialKb, slots));
        }
    }

    // ------------------------------------------------------------------------------------------------ the load

    static Phase run(String name, List<Citizen> citizens, int seconds, int[] slots, byte[] large, byte[] small)
            throws Exception {
        Phase phase = new Phase(name);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(citizens.size())) {
            for (Citizen citizen : citizens) {
                long[] flows = new long[1 << 18];
                long[] submits = new long[1 << 18];
                int[] n = new int[1];
                synchronized (phase) {
                    phase.flowMicros.add(flows);
                    phase.submitMicros.add(submits);
                }
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        long began = System.currentTimeMillis();
                        long[] submitTook = new long[1];
                        String failure = fileOne(citizen, slots, large, small, submitTook);
                        if (timeline != null) {
                            timeline.println(began + "\t" + System.currentTimeMillis() + "\t"
                                    + (failure == null ? "ok" : failure));
                        }
                        if (failure == null) {
                            phase.ok.increment();
                            if (n[0] < flows.length) {
                                flows[n[0]] = (System.nanoTime() - t0) / 1000;
                                submits[n[0]++] = submitTook[0] / 1000;
                            }
                        } else {
                            phase.error(failure);
                            if (failure.endsWith(":io")) {
                                sleep(100); // the server is down: do not spin
                            }
                        }
                    }
                    synchronized (phase) {
                        phase.flowMicros.set(phase.flowMicros.indexOf(flows), Arrays.copyOf(flows, n[0]));
                        phase.submitMicros.set(phase.submitMicros.indexOf(submits), Arrays.copyOf(submits, n[0]));
                    }
                    return null;
                });
            }
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        return phase;
    }

    /** Files one application; null when its submission was acknowledged, else "step:status" of the failure. */
    static String fileOne(Citizen c, int[] slots, byte[] large, byte[] small, long[] submitTook) {
        String step = "create";
        try {
            HttpResponse<String> created = send(api("/api/v1/cases/applications", c)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"itemCode\":\"" + itemCode + "\"}")).build());
            if (created.statusCode() != 201) {
                return step + ":" + created.statusCode();
            }
            String id = field(created.body(), "id");
            String path = "/api/v1/cases/applications/" + id;
            step = "values";
            String values = """
                    {"applicant.phone":"%s","business.form":"PERSONAL","business.operatorId":"%s",
                     "business.scope":"水果零售","business.capital":"1000","business.address.division":"210112",
                     "business.address.detail":"浑南中路 2 号"}""".formatted(c.phone(), c.idNumber());
            HttpResponse<String> saved = send(api(path + "/values", c).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(values)).build());
            if (saved.statusCode() != 200) {
                return step + ":" + saved.statusCode();
            }
            StringBuilder materials = new StringBuilder();
            for (int i = 0; i < slots.length; i++) {
                step = "upload";
                byte[] file = i == 0 ? large : small;
                String boundary = "----bench" + UUID.randomUUID();
                byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"材料"
                        + slots[i] + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> uploaded = send(api(path + "/materials/" + slots[i], c)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail))).build());
                if (uploaded.statusCode() != 201) {
                    return step + ":" + uploaded.statusCode();
                }
                String sha = sha256(file);
                if (!sha.equals(field(uploaded.body(), "sha256"))) {
                    return "upload:sha256-mismatch";
                }
                materials.append('\t').append(slots[i]).append(':').append(sha);
            }
            step = "submit";
            long t0 = System.nanoTime();
            HttpResponse<String> submitted = send(api(path + "/submission", c).header("Content-Type",
                    "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"WEB\"}")).build());
            submitTook[0] = System.nanoTime() - t0;
            if (submitted.statusCode() / 100 != 2) {
                return step + ":" + submitted.statusCode();
            }
            String caseNumber = field(submitted.body(), "caseNumber");
            // acknowledged: record it before anything else can go wrong
            acked.println(caseNumber + "\t" + id + materials);
            return caseNumber == null ? "submit:no-case-number" : null;
        } catch (IOException e) {
            return step + ":io";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return step + ":interrupted";
        } catch (RuntimeException e) {
            return step + ":" + e.getClass().getSimpleName();
        }
    }

    static Phase reference(String name, int concurrency, int seconds) throws Exception {
        Phase phase = new Phase(name);
        HttpRequest liveness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
            for (int i = 0; i < concurrency; i++) {
                long[] samples = new long[1 << 20];
                int[] n = new int[1];
                synchronized (phase) {
                    phase.flowMicros.add(samples);
                }
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            if (HTTP.send(liveness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                phase.ok.increment();
                                if (n[0] < samples.length) {
                                    samples[n[0]++] = (System.nanoTime() - t0) / 1000;
                                }
                            } else {
                                phase.error("liveness:status");
                            }
                        } catch (IOException e) {
                            phase.error("liveness:io");
                            sleep(100);
                        }
                    }
                    synchronized (phase) {
                        phase.flowMicros.set(phase.flowMicros.indexOf(samples), Arrays.copyOf(samples, n[0]));
                    }
                    return null;
                });
            }
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        return phase;
    }

    /**
     * Reads every application the citizens filed before (after a restore: through the restored keys, since form
     * values are stored encrypted) and checks the values typed then come back; returns how many were read.
     */
    static int readEarlier(List<Citizen> citizens) throws Exception {
        int read = 0;
        Pattern ids = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        for (Citizen c : citizens) {
            HttpResponse<String> mine = send(api("/api/v1/cases/applications", c).GET().build());
            if (mine.statusCode() != 200) {
                throw new IllegalStateException("listing the applications of " + c.phone() + " answered "
                        + mine.statusCode());
            }
            Matcher m = ids.matcher(mine.body());
            while (m.find()) {
                HttpResponse<String> view = send(api("/api/v1/cases/applications/" + m.group(1), c).GET().build());
                if (view.statusCode() == 200 && view.body().matches("(?s).*\"status\"\\s*:\\s*\"DRAFT\".*")) {
                    continue; // a filing cut off before its submission
                }
                if (view.statusCode() != 200 || !view.body().contains("水果零售")
                        || !view.body().contains(c.idNumber())) {
                    throw new IllegalStateException("application " + m.group(1) + " answered " + view.statusCode()
                            + " without the values filed");
                }
                read++;
            }
        }
        return read;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /**
     * The bench citizens 1376xxxxxxx: registered (or already there from an earlier run), raised to L3 by the demo
     * window officer of 浑南区 in one of the officer's halls, then signed in (the level is read at sign-in).
     */
    static List<Citizen> setUp(int count, String prefix) throws Exception {
        String officer = signIn(env("OFFICER", "13800000003"), env("OFFICER_PASSWORD", "Tongban#Demo2026"));
        HttpResponse<String> verifyPage = get(base + "/workbench/identity/verify", officer);
        Matcher officerCsrf = CSRF.matcher(verifyPage.body());
        if (verifyPage.statusCode() != 200 || !officerCsrf.find()) {
            throw new IllegalStateException("the officer's verification page answered " + verifyPage.statusCode());
        }
        String csrf = officerCsrf.group(1);
        List<Citizen> citizens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = prefix + "%07d".formatted(i);
            String idNumber = idNumber("210112" + (1960 + i / 336) + "%02d".formatted(1 + i % 12)
                    + "%02d".formatted(1 + i / 12 % 28) + prefix.substring(1, 4));
            register(phone, idNumber, i);
            // the officer looks the person up by the document seen, then records the check in a hall
            HttpResponse<String> found = send(officerForm("/workbench/identity/verify/lookup", officer,
                    Map.of("idType", "RESIDENT_ID", "idNumber", idNumber, "_csrf", csrf)));
            Matcher hall = HALL.matcher(found.body());
            if (found.statusCode() != 200 || !hall.find()) {
                throw new IllegalStateException("the officer's look-up of " + idNumber + " answered "
                        + found.statusCode() + " without a hall to choose");
            }
            HttpResponse<String> granted = send(officerForm("/workbench/identity/verify", officer,
                    Map.of("idType", "RESIDENT_ID", "idNumber", idNumber, "hall", hall.group(1), "_csrf", csrf)));
            if (granted.statusCode() != 200) {
                throw new IllegalStateException("the in-person check of " + idNumber + " answered "
                        + granted.statusCode());
            }
            String session = signIn(phone, PASSWORD);
            HttpResponse<String> account = get(base + "/account", session);
            Matcher token = CSRF.matcher(account.body());
            if (account.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("/account answered " + account.statusCode() + " without a CSRF token");
            }
            citizens.add(new Citizen(phone, idNumber, session, token.group(1)));
        }
        return citizens;
    }

    static HttpRequest officerForm(String path, String session, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    static void register(String phone, String idNumber, int i) throws Exception {
        HttpResponse<String> page = get(base + "/register", null);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on /register: is Tongban running at " + base + "?");
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/register"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + cookie(page))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("name", "申报压测" + i, "idType", "RESIDENT_ID",
                        "idNumber", idNumber, "phone", phone, "password", PASSWORD, "passwordAgain", PASSWORD,
                        "_csrf", token.group(1))))).build());
        if (answer.statusCode() != 302 && !answer.body().contains("已注册")) {
            throw new IllegalStateException("registering " + phone + " answered " + answer.statusCode());
        }
    }

    /** Signs in with the password form; returns the session cookie's value. */
    static String signIn(String identifier, String password) throws Exception {
        HttpResponse<String> page = get(base + "/signin", null);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on /signin");
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + cookie(page))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("identifier", identifier, "password", password,
                        "_csrf", token.group(1))))).build());
        String session = cookie(answer);
        if (answer.statusCode() != 302 || session == null) {
            throw new IllegalStateException("signing in " + identifier + " answered " + answer.statusCode());
        }
        return session;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A valid PDF of about {@code size} bytes (one page; the bulk is a comment inside a content stream, which is
     * what a scanner's image data would occupy), or a minimal one when {@code size} is 0.
     */
    static byte[] pdf(int size) {
        String head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n";
        int filler = Math.max(0, size - head.length() - 120);
        StringBuilder stream = new StringBuilder(filler + 16);
        while (stream.length() < filler) {
            stream.append("% bench filler 0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
        }
        stream.setLength(filler);
        String body = head + "4 0 obj << /Length " + stream.length() + " >> stream\n" + stream + "\nendstream endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    static HttpRequest.Builder api(String path, Citizen c) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", "SESSION=" + c.session()).header("X-CSRF-TOKEN", c.csrf())
                .header("Accept", "application/json");
    }

    static HttpResponse<String> get(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (session != null) {
            request.header("Cookie", "SESSION=" + session);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
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

    static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        for (var e : fields.entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** GB 11643: 17 digits plus the ISO 7064 MOD 11-2 check character. */
    static String idNumber(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String json(Phase measured, Phase before, Phase after, int concurrency, int duration, int materialKb,
            int[] slots) {
        long[] flow = Phase.merged(measured.flowMicros);
        long[] submit = Phase.merged(measured.submitMicros);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", env("LABEL", ""));
        out.put("at", Instant.now().toString());
        out.put("baseUrl", base);
        out.put("itemCode", itemCode);
        out.put("concurrency", concurrency);
        out.put("durationSeconds", duration);
        out.put("materialKb", materialKb);
        out.put("materialSlots", Arrays.toString(slots));
        out.put("submittedPerSecond", round(measured.perSecond()));
        out.put("submitted", measured.ok.sum());
        out.put("failed", measured.failed());
        Map<String, Long> errors = new TreeMap<>();
        measured.errors.forEach((k, v) -> errors.put(k, v.sum()));
        out.put("errors", errors);
        out.put("flowMs", percentiles(flow));
        out.put("submitMs", percentiles(submit));
        out.put("referenceBeforePerSecond", round(before.perSecond()));
        out.put("referenceAfterPerSecond", round(after.perSecond()));
        out.put("ratioToReference", round(measured.perSecond() / ((before.perSecond() + after.perSecond()) / 2)));
        out.put("machine", env("MACHINE", ""));
        return toJson(out) + "\n";
    }

    static Map<String, Double> percentiles(long[] sorted) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("p50", Phase.percentileMs(sorted, 0.50));
        out.put("p95", Phase.percentileMs(sorted, 0.95));
        out.put("p99", Phase.percentileMs(sorted, 0.99));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (var e : map.entrySet()) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(toJson(String.valueOf(e.getKey()))).append(": ").append(toJson(e.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        return String.valueOf(value);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

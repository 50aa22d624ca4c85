package org.tongban.cases.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanApplication;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseProgress;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Parallel approval benchmark of issues 6 and 10 (started by {@code bench/parallel-approval.sh}, not a test). Against
 * one PostgreSQL server (the throw-away embedded one Tongban starts), the same concurrent workers
 * drive cases of the shape <i>accept → three parallel department reviews → join → decide → 制证 → 送达 → complete
 * (办结)</i> through
 *
 * <ul>
 * <li><b>Tongban</b>: the demo 并联 item 食品经营许可 of 浑南区 (210112) through {@link CaseAcceptance} and
 * {@link CaseProcessing} with officers of the three bodies (market regulation, housing for fire safety, health),
 * the grant decision, then 制证 and 送达 by the window officer (approving the delivery step confirms an online delivery,
 * 电子送达), which completes the case;</li>
 * <li><b>Flowable 7.2</b> (the peer, {@code bench/flowable-peer}: a Maven project and a JVM of its own, started
 * by this class once Tongban is done): the standalone process engine, no Spring, in a database of its own on the same
 * server, history level {@code audit}, async executor off, a BPMN process of the same shape (accept user task →
 * parallel gateway → three review user tasks → join → decision user task → certify and deliver user tasks → end),
 * each task completed with its opinion or result as a variable.</li>
 * </ul>
 *
 * Each engine: warm-up, then measurement; cases/s and p50/p95/p99 per case and per action. System properties:
 * {@code bench.workers} (16), {@code bench.warmup} / {@code bench.measure} seconds (10 / 30), {@code bench.report}
 * (markdown summary file), {@code bench.json} (results file), {@code bench.engines} ({@code tongban,flowable}),
 * {@code bench.sqlcases} (0: after Tongban's measurement, that many cases one after the other with their statements,
 * commits and rows per table counted), {@code bench.flowable-peer.classpath} (the peer's classes and libraries) and
 * {@code bench.flowable-peer.java-options}.
 */
public final class ParallelApprovalBenchmark {

    private static final String FOOD = "011070001000";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ParallelApprovalBenchmark() {
    }

    /** One engine's way through one case; every step is timed under its action name. */
    interface Driver {
        void runCase(Timer timer) throws Exception;
    }

    /** Latencies of one run, per action and per case (nanoseconds), collected by every worker. */
    static final class Timer {
        final Map<String, long[]> samples = new LinkedHashMap<>();
        final Map<String, Integer> sizes = new HashMap<>();

        <T> T time(String action, ThrowingSupplier<T> step) throws Exception {
            long t = System.nanoTime();
            T result = step.get();
            add(action, System.nanoTime() - t);
            return result;
        }

        void run(String action, ThrowingRunnable step) throws Exception {
            long t = System.nanoTime();
            step.run();
            add(action, System.nanoTime() - t);
        }

        void add(String action, long nanos) {
            long[] a = samples.computeIfAbsent(action, k -> new long[1024]);
            int n = sizes.getOrDefault(action, 0);
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
                samples.put(action, a);
            }
            a[n] = nanos;
            sizes.put(action, n + 1);
        }

        long[] of(String action) {
            return Arrays.copyOf(samples.getOrDefault(action, new long[0]), sizes.getOrDefault(action, 0));
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    record Stats(long count, double p50, double p95, double p99, double max) {
        static Stats of(long[] nanos) {
            if (nanos.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Stats(s.length, pct(s, 0.50), pct(s, 0.95), pct(s, 0.99), s[s.length - 1] / 1e6);
        }

        private static double pct(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /**
     * @param settleSeconds how long after the measurement the work the engine left behind took (Tongban: its
     *        asynchronous event listeners catching up; Flowable: 0, it has none with the async executor off)
     */
    record Run(String engine, long cases, long errors, double seconds, Map<String, Stats> actions, Stats perCase,
            List<String> firstErrors, double settleSeconds) {
        double rate() {
            return cases / seconds;
        }

        /** Cases per second counting the time until everything the cases started was done. */
        double settledRate() {
            return cases / (seconds + settleSeconds);
        }

        Run settled(double settle) {
            return new Run(engine, cases, errors, seconds, actions, perCase, firstErrors, settle);
        }
    }

    public static void main(String[] args) throws Exception {
        int workers = Integer.getInteger("bench.workers", 16);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int measure = Integer.getInteger("bench.measure", 30);
        Set<String> engines = Set.of(System.getProperty("bench.engines", "tongban,flowable").split(","));
        Path keys = Files.createTempDirectory("tongban-bench-keys");
        String[] properties = { "--tongban.embedded-database.ephemeral=true", "--tongban.demo.enabled=true",
                "--tongban.identity.key-directory=" + keys, "--server.port=0", "--logging.level.root=WARN",
                "--logging.file.name=", "--tongban.identity.l4.demo-directory=" + keys.resolve("l4"),
                "--spring.jpa.properties.hibernate.search.backend.directory.type=local-heap" };
        // bench.sqlcases: after Tongban's measurement, that many cases run one after the other while the driver's
        // statements are counted and the server's per-table counters are compared before and after (bench.sqlreport).
        int sqlCases = Integer.getInteger("bench.sqlcases", 0);
        log("starting Tongban (embedded PostgreSQL, demo data)");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class)
                .run(properties)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            HikariDataSource tongbanPool = app.getBean(DataSource.class).unwrap(HikariDataSource.class);
            String server = jdbc.queryForObject("select version()", String.class);
            List<Run> runs = new ArrayList<>();
            List<String> checks = new ArrayList<>();
            String drain = "";
            String sqlReport = "";

            if (engines.contains("tongban")) {
                Driver tongban = tongbanDriver(app, jdbc);
                log("Tongban: warm-up %d s with %d workers", warmup, workers);
                Run w = run("Tongban", tongban, workers, warmup);
                settle(jdbc, 120);
                log("Tongban: measuring %d s", measure);
                Run r = run("Tongban", tongban, workers, measure);
                long t = System.nanoTime();
                long left = incompleteEvents(jdbc);
                long after = settle(jdbc, 120);
                double settleSeconds = (System.nanoTime() - t) / 1e9;
                r = r.settled(settleSeconds);
                runs.add(r);
                drain = String.format(Locale.ROOT, "%,d event publications were still incomplete at the end of "
                        + "Tongban's measurement; %s %.1f s later", left, after == 0 ? "all delivered"
                        : after + " still incomplete", settleSeconds);
                // Every case a worker finished is completed in the database: granted with its decision number,
                // delivered, 办结.
                long granted = jdbc.queryForObject("""
                        select count(*) from cases_case c join cases_application a on a.id = c.application_id
                        where a.applicant_name like '并联基准%' and c.outcome = 'GRANTED'
                            and c.decision_number is not null and c.state = 'COMPLETED'
                            and c.completed_at is not null""", Long.class);
                checks.add(String.format(Locale.ROOT, "Tongban: %,d cases finished by the workers (warm-up included),"
                        + " %,d completed (granted with a decision number, delivered) in the database (%s)",
                        w.cases() + r.cases(), granted, granted == w.cases() + r.cases() ? "match" : "MISMATCH"));
                log("Tongban: %,d cases, %.1f cases/s, %d errors; %s", r.cases(), r.rate(), r.errors(), drain);
                if (sqlCases > 0) {
                    sqlReport = countStatements(jdbc, tongban, sqlCases);
                    log("%s", sqlReport);
                }
            }

            if (engines.contains("flowable")) {
                jdbc.execute("drop database if exists flowable_peer");
                jdbc.execute("create database flowable_peer encoding 'UTF8'");
                String url = tongbanPool.getJdbcUrl()
                        .replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1flowable_peer");
                Peer peer = flowablePeer(url, tongbanPool.getUsername(), tongbanPool.getPassword(),
                        tongbanPool.getMaximumPoolSize(), workers, warmup, measure);
                runs.add(peer.run());
                log("Flowable: %,d cases, %.1f cases/s, %d errors", peer.run().cases(), peer.run().rate(),
                        peer.run().errors());
                checks.add(String.format(Locale.ROOT, "Flowable: %,d cases finished by the workers (warm-up "
                        + "included), %,d finished process instances in the history (%s) with %,d historic "
                        + "tasks and %,d historic variables", peer.finishedByWorkers(), peer.history()[0],
                        peer.history()[0] == peer.finishedByWorkers() ? "match" : "MISMATCH", peer.history()[1],
                        peer.history()[2]));
            }
            checks.add(0, drain);
            report(runs, workers, warmup, measure, tongbanPool.getMaximumPoolSize(), server, sqlReport,
                    String.join(". ", checks.stream().filter(c -> !c.isEmpty()).toList()));
        }
    }

    // ------------------------------------------------------------------ Tongban

    private static Driver tongbanDriver(ConfigurableApplicationContext app, JdbcTemplate jdbc) {
        CaseAcceptance acceptance = app.getBean(CaseAcceptance.class);
        CaseProcessing processing = app.getBean(CaseProcessing.class);
        Map<String, Object> item = jdbc.queryForMap("select code, version, name, body_id, body_name from "
                + "catalog_implementation_item where basic_code = ? and division_code = '210112' "
                + "and status = 'PUBLISHED'", FOOD);
        String code = (String) item.get("code");
        UUID itemBody = (UUID) item.get("body_id");
        UUID housing = body(jdbc, "HOUSING_URBAN_RURAL");
        UUID health = body(jdbc, "HEALTH");
        SignedIn window = officer("窗口甲", itemBody, StaffRole.WINDOW_OFFICER);
        SignedIn approver = officer("市监负责人丙", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        Map<UUID, SignedIn> reviewers = Map.of(itemBody, officer("市监审查乙", itemBody, StaffRole.REVIEWER),
                housing, officer("住建审查丁", housing, StaffRole.REVIEWER),
                health, officer("卫健审查戊", health, StaffRole.REVIEWER));
        Map<UUID, String> opinions = Map.of(itemBody, "经营场所符合食品安全要求", housing, "疏散通道符合要求",
                health, "从业人员健康证明齐全");
        CaseProcessing.ActionInput grant = new CaseProcessing.ActionInput("符合《食品经营许可和备案管理办法》规定的条件",
                null, null, "《中华人民共和国食品安全法》第三十五条", null);
        AtomicInteger sequence = new AtomicInteger();
        return timer -> {
            UUID applicant = UUID.randomUUID();
            SignedIn person = new SignedIn(applicant, "申请人", false, 2, Set.of(), null, null, null);
            // The received application (what the applicant's submission leaves), inserted as the tests do.
            UUID id = timer.time("submit (insert the received application)",
                    () -> received(jdbc, item, code, applicant, sequence.incrementAndGet()));
            timer.run("accept", () -> acceptance.accept(window, id, version(jdbc, id)));
            CaseProgress progress = timer.time("open tasks of the case", () -> processing.progress(person, id));
            if (progress.current().size() != 3) {
                throw new IllegalStateException("expected 3 parallel branches, got " + progress.current().size());
            }
            for (TaskView task : progress.current()) {
                timer.run("approve a branch (opinion)", () -> processing.act(reviewers.get(task.bodyId()), task.id(),
                        task.version(), TaskAction.APPROVE,
                        CaseProcessing.ActionInput.opinion(opinions.get(task.bodyId()))));
            }
            CaseProgress joined = timer.time("open tasks of the case", () -> processing.progress(person, id));
            if (joined.current().size() != 1 || !"DECISION".equals(joined.current().get(0).nodeKind())) {
                throw new IllegalStateException("expected the decision task after the join, got "
                        + joined.current().stream().map(TaskView::nodeName).toList());
            }
            TaskView decide = joined.current().get(0);
            timer.run("decide (grant)", () -> processing.act(approver, decide.id(), decide.version(),
                    TaskAction.GRANT, grant));
            // After the grant: 制证 (the licence made, Art. 44), then 送达 (the officer confirms the online delivery,
            // 电子送达), which completes the case (办结).
            for (String step : List.of("certify", "deliver")) {
                CaseProgress next = timer.time("open tasks of the case", () -> processing.progress(person, id));
                if (next.current().size() != 1 || !step.equals(next.current().get(0).nodeId())) {
                    throw new IllegalStateException("expected the " + step + " task, got "
                            + next.current().stream().map(TaskView::nodeName).toList());
                }
                TaskView task = next.current().get(0);
                timer.run(step.equals("certify") ? "certify" : "deliver (complete)", () -> processing.act(window,
                        task.id(), task.version(), TaskAction.APPROVE, null));
            }
        };
    }

    /** A received application awaiting acceptance (as {@code CaseFixtures.submitted}, received today). */
    private static UUID received(JdbcTemplate jdbc, Map<String, Object> item, String code, UUID applicant, int n) {
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now(Applications.ZONE);
        String number = code + today.format(DAY) + "%06d".formatted(100_000 + n);
        jdbc.update("""
                insert into cases_application (id, applicant_account, applicant_name, applicant_id_type,
                    applicant_id_masked, item_code, item_version, item_name, body_id, body_name, status, form_values,
                    case_number, channel, created_at, updated_at, received_at, received_on, decision_due)
                values (?, ?, ?, 'RESIDENT_ID', '210112********1234', ?, ?, ?, ?, ?, 'SUBMITTED', '{}', ?, 'WEB',
                    now(), now(), now(), ?, ?)""",
                id, applicant, "并联基准" + n, code, item.get("version"), item.get("name"), item.get("body_id"),
                item.get("body_name"), number, java.sql.Date.valueOf(today), java.sql.Date.valueOf(today.plusDays(7)));
        return id;
    }

    private static long version(JdbcTemplate jdbc, UUID application) {
        return jdbc.queryForObject("select version from cases_application where id = ?", Long.class, application);
    }

    private static UUID body(JdbcTemplate jdbc, String category) {
        return jdbc.queryForObject("select id from org_body where division_code = '210112' and category = ?",
                UUID.class, category);
    }

    private static SignedIn officer(String name, UUID body, StaffRole... roles) {
        return new SignedIn(UUID.randomUUID(), name, true, 3, EnumSet.of(roles[0], roles), body, "210112", null);
    }

    /** Statements the PostgreSQL driver executes (its FINEST log of the protocol: one Execute per statement). */
    static final class StatementCounter extends java.util.logging.Handler {
        final AtomicLong executes = new AtomicLong();

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (!POLLING.get() && record.getMessage() != null && record.getMessage().startsWith(" FE=> Execute(")) {
                executes.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Set while the harness itself polls the registry, so that its polling is not counted. */
    private static final ThreadLocal<Boolean> POLLING = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code cases} cases one after the other and counts, per case, the statements sent (the driver's protocol
     * log), the transactions committed and the rows written and indexes/tables scanned per table (PostgreSQL's
     * statistics), listeners included (counted until the registry is empty).
     */
    private static String countStatements(JdbcTemplate jdbc, Driver driver, int cases) throws Exception {
        log("Tongban: %d cases with their statements counted", cases);
        java.util.logging.Logger driverLog = java.util.logging.Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        StatementCounter counter = new StatementCounter();
        Map<String, long[]> before = tableStats(jdbc);
        long commitsBefore = commits(jdbc);
        java.util.logging.Level level = driverLog.getLevel();
        driverLog.setLevel(java.util.logging.Level.FINEST);
        driverLog.addHandler(counter);
        try {
            Timer timer = new Timer();
            for (int i = 0; i < cases; i++) {
                driver.runCase(timer);
            }
            settle(jdbc, 120);
        } finally {
            driverLog.removeHandler(counter);
            driverLog.setLevel(level);
        }
        Thread.sleep(1500); // backends flush their statistics at most once a second
        Map<String, long[]> after = tableStats(jdbc);
        long commitsAfter = commits(jdbc);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Statements per case (%d cases one after "
                + "the other, listeners included, the harness's own insert of the received application and its version "
                + "read included): **%.1f** statements, %.1f commits%n%n| table | inserted | updated | deleted "
                + "| index scans | sequential scans |%n|---|---:|---:|---:|---:|---:|%n", cases,
                counter.executes.get() / (double) cases, (commitsAfter - commitsBefore) / (double) cases));
        after.entrySet().stream().map(e -> {
            long[] b = before.getOrDefault(e.getKey(), new long[5]);
            long[] d = new long[5];
            for (int i = 0; i < 5; i++) {
                d[i] = e.getValue()[i] - b[i];
            }
            return Map.entry(e.getKey(), d);
        }).filter(e -> Arrays.stream(e.getValue()).anyMatch(v -> v != 0))
                .sorted((x, y) -> Long.compare(Arrays.stream(y.getValue()).sum(), Arrays.stream(x.getValue()).sum()))
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                        e.getKey(), e.getValue()[0] / (double) cases, e.getValue()[1] / (double) cases,
                        e.getValue()[2] / (double) cases, e.getValue()[3] / (double) cases,
                        e.getValue()[4] / (double) cases)));
        return out.toString();
    }

    private static Map<String, long[]> tableStats(JdbcTemplate jdbc) {
        Map<String, long[]> stats = new HashMap<>();
        jdbc.query("select relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(idx_scan, 0), seq_scan "
                + "from pg_stat_user_tables", rs -> {
                    stats.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6) });
                });
        return stats;
    }

    private static long commits(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
                Long.class);
    }

    private static long incompleteEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from event_publication where completion_date is null",
                Long.class);
    }

    /** Waits (at most {@code seconds}) until Tongban's event listeners have caught up; returns what is left. */
    private static long settle(JdbcTemplate jdbc, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        POLLING.set(true);
        try {
            long left = incompleteEvents(jdbc);
            while (left > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                left = incompleteEvents(jdbc);
            }
            return left;
        } finally {
            POLLING.set(false);
        }
    }

    // ------------------------------------------------------------------ Flowable

    /** What the Flowable peer reported: its measured run, the cases its workers finished in all, its history. */
    record Peer(Run run, long finishedByWorkers, long[] history) {
    }

    /**
     * Runs the Flowable peer (bench/flowable-peer: its own Maven project and JVM, classpath in
     * {@code bench.flowable-peer.classpath}) against {@code url} and reads what it measured.
     */
    private static Peer flowablePeer(String url, String user, String password, int pool, int workers, int warmup,
            int measure) throws Exception {
        String classpath = System.getProperty("bench.flowable-peer.classpath");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("-Dbench.flowable-peer.classpath is required for the Flowable peer "
                    + "(bench/parallel-approval.sh builds bench/flowable-peer and sets it)");
        }
        Path output = Files.createTempFile("flowable-peer", ".tsv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        String options = System.getProperty("bench.flowable-peer.java-options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, "org.tongban.bench.flowable.FlowablePeer", url,
                user == null ? "" : user, password == null ? "" : password, String.valueOf(pool),
                String.valueOf(workers), String.valueOf(warmup), String.valueOf(measure), output.toString()));
        log("Flowable: starting the peer (its own JVM), %d s warm-up + %d s with %d workers", warmup, measure,
                workers);
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the Flowable peer failed (exit " + process.exitValue() + ")");
        }
        Timer measured = new Timer();
        long[] counts = new long[4]; // warm-up cases, measured cases, measured errors, history finished
        double seconds = 0;
        long[] history = new long[3];
        List<String> firstErrors = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            boolean measuring = f.length > 1 && f[1].equals("measure");
            switch (f[0]) {
                case "run" -> {
                    counts[measuring ? 1 : 0] = Long.parseLong(f[2]);
                    if (measuring) {
                        counts[2] = Long.parseLong(f[3]);
                        seconds = Double.parseDouble(f[4]);
                    }
                }
                case "sample" -> {
                    if (measuring) {
                        measured.add(f[2], Long.parseLong(f[3]));
                    }
                }
                case "error" -> {
                    if (measuring) {
                        firstErrors.add(f[2]);
                    }
                }
                case "history" -> {
                    for (int i = 0; i < 3; i++) {
                        history[i] = Long.parseLong(f[i + 1]);
                    }
                }
                default -> throw new IllegalStateException("unexpected line from the Flowable peer: " + line);
            }
        }
        Files.delete(output);
        return new Peer(summary("Flowable", counts[1], counts[2], seconds, measured, firstErrors),
                counts[0] + counts[1], history);
    }

    // ------------------------------------------------------------------ running and reporting

    private static Run run(String engine, Driver driver, int workers, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong cases = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Timer> timers = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                Timer timer = new Timer();
                timers.put(worker, timer);
                try {
                    while (running.get()) {
                        long t = System.nanoTime();
                        try {
                            driver.runCase(timer);
                            timer.add("case", System.nanoTime() - t);
                            cases.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, engine.toLowerCase(Locale.ROOT) + "-worker-" + w);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Timer all = new Timer();
        for (Timer t : timers.values()) {
            for (String action : t.samples.keySet()) {
                for (long v : t.of(action)) {
                    all.add(action, v);
                }
            }
        }
        return summary(engine, cases.get(), errors.get(), elapsed, all, List.copyOf(firstErrors));
    }

    /** A run's figures from the samples of all its workers. */
    private static Run summary(String engine, long cases, long errors, double elapsed, Timer all,
            List<String> firstErrors) {
        Map<String, Stats> actions = new LinkedHashMap<>();
        for (String action : List.of("submit (insert the received application)",
                "submit (start the process instance)", "accept", "open tasks of the case",
                "approve a branch (opinion)", "decide (grant)", "certify", "deliver (complete)")) {
            if (all.sizes.containsKey(action)) {
                actions.put(action, Stats.of(all.of(action)));
            }
        }
        return new Run(engine, cases, errors, elapsed, actions, Stats.of(all.of("case")), List.copyOf(firstErrors),
                0);
    }

    private static void report(List<Run> runs, int workers, int warmup, int measure, int pool, String server,
            String statements, String notes) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Parallel approval end to end: Tongban vs Flowable 7.2 (%d workers, "
                + "%d s measured after %d s warm-up each, connection pool %d each)%n%n", workers, measure, warmup,
                pool));
        md.append("| engine | cases | errors | cases/s | cases/s until settled | case p50 ms | case p95 ms "
                + "| case p99 ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | **%,.1f** | %,.1f | %.1f | %.1f | %.1f |%n",
                    r.engine(), r.cases(), r.errors(), r.rate(), r.settledRate(), r.perCase().p50(),
                    r.perCase().p95(), r.perCase().p99()));
        }
        md.append("\n\"Until settled\": the same cases over the measurement plus the time Tongban's asynchronous event "
                + "listeners needed afterwards to catch up (Flowable leaves nothing behind).\n");
        md.append("\nPer action (ms):\n\n| engine | action | count | p50 | p95 | p99 | max |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            r.actions().forEach((action, s) -> md.append(String.format(Locale.ROOT,
                    "| %s | %s | %,d | %.2f | %.2f | %.2f | %.1f |%n", r.engine(), action, s.count(), s.p50(),
                    s.p95(), s.p99(), s.max())));
        }
        Run tongban = runs.stream().filter(r -> r.engine().equals("Tongban")).findFirst().orElse(null);
        Run flowable = runs.stream().filter(r -> r.engine().equals("Flowable")).findFirst().orElse(null);
        double throughputRatio = Double.NaN;
        double settledRatio = Double.NaN;
        double p95Ratio = Double.NaN;
        if (tongban != null && flowable != null) {
            throughputRatio = tongban.rate() / flowable.rate();
            settledRatio = tongban.settledRate() / flowable.settledRate();
            p95Ratio = tongban.perCase().p95() / flowable.perCase().p95();
            md.append(String.format(Locale.ROOT, "%nTongban / Flowable: throughput **%.2f×** (%.2f× until settled; "
                    + "goal of issue 6: ≥ 3×), case p95 **%.2f×** (below 1 is better for Tongban).%n",
                    throughputRatio, settledRatio, p95Ratio));
        }
        md.append("\n").append(notes).append(".\n");
        for (Run r : runs) {
            if (!r.firstErrors().isEmpty()) {
                md.append("\nFirst errors of ").append(r.engine()).append(": ").append(r.firstErrors()).append('\n');
            }
        }
        if (!statements.isEmpty()) {
            md.append('\n').append(statements);
        }
        md.append("\nPostgreSQL: ").append(server.replaceAll(" on .*", "")).append('\n');
        System.out.println(md);
        String report = System.getProperty("bench.report");
        if (report != null) {
            Files.writeString(Path.of(report), md, StandardCharsets.UTF_8);
        }
        String json = System.getProperty("bench.json");
        if (json != null) {
            Files.writeString(Path.of(json), json(runs, workers, warmup, measure, pool, throughputRatio,
                    settledRatio, p95Ratio, notes), StandardCharsets.UTF_8);
        }
    }

    private static String json(List<Run> runs, int workers, int warmup, int measure, int pool, double throughputRatio,
            double settledRatio, double p95Ratio, String notes) {
        StringBuilder j = new StringBuilder();
        j.append(String.format(Locale.ROOT, "{%n  \"scenario\": \"parallel-approval\",%n  \"workers\": %d,%n  "
                + "\"warmupSeconds\": %d,%n  \"measureSeconds\": %d,%n  \"connectionPool\": %d,%n  \"runs\": [",
                workers, warmup, measure, pool));
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            j.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "    {\"engine\": \"%s\", \"cases\": %d, "
                    + "\"errors\": %d, \"seconds\": %.3f, \"casesPerSecond\": %.3f, \"settleSeconds\": %.3f, "
                    + "\"casesPerSecondUntilSettled\": %.3f, \"case\": %s, \"actions\": {", r.engine(), r.cases(),
                    r.errors(), r.seconds(), r.rate(), r.settleSeconds(), r.settledRate(), json(r.perCase())));
            int k = 0;
            for (Map.Entry<String, Stats> e : r.actions().entrySet()) {
                j.append(k++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
            }
            j.append("}}");
        }
        j.append(String.format(Locale.ROOT, "%n  ],%n  \"ratioThroughput\": %s,%n  \"ratioThroughputUntilSettled\": %s,"
                + "%n  \"ratioP95\": %s,%n  \"notes\": \"%s\"%n}%n", num(throughputRatio), num(settledRatio),
                num(p95Ratio), notes.replace("\\", "\\\\").replace("\"", "\\\"")));
        return j.toString();
    }

    private static String json(Stats s) {
        return String.format(Locale.ROOT, "{\"count\": %d, \"p50Ms\": %s, \"p95Ms\": %s, \"p99Ms\": %s, \"maxMs\": %s}",
                s.count(), num(s.p50()), num(s.p95()), num(s.p99()), num(s.max()));
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static void log(String format, Object... args) {
        System.err.printf("[parallel-approval %tT] %s%n", System.currentTimeMillis(),
                String.format(Locale.ROOT, format, args));
    }
}

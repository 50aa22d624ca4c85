package org.tongban.bench.flowable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The Flowable 7.2 peer of Tongban's parallel-approval benchmark (issue 6): the standalone process engine (no Spring,
 * history level {@code audit}, async executor off, {@link StrongUuidGenerator} ids, IDM engine and event registry
 * off) drives cases of the shape <i>accept → three parallel reviews → join → decision → certify → deliver → end</i>
 * with as many worker threads as Tongban's run, each worker one case after the other, every step timed.
 *
 * <p>Arguments: {@code jdbcUrl user password poolSize workers warmupSeconds measureSeconds outputFile}. The database
 * must exist (Tongban's benchmark creates {@code flowable_peer} on its own server); the engine creates its schema.
 * The output file holds tab-separated lines that {@code ParallelApprovalBenchmark} reads: {@code run} (phase, cases,
 * errors, seconds), {@code sample} (phase, action, nanoseconds), {@code error} (phase, first messages) and
 * {@code history} (finished process instances, historic tasks, historic variables).
 */
public final class FlowablePeer {

    private static final String KEY = "parallelApproval";
    private static final String ITEM = "011070001000";
    private static final Map<String, String> OPINIONS = Map.of("marketReview", "经营场所符合食品安全要求",
            "fireReview", "疏散通道符合要求", "healthReview", "从业人员健康证明齐全");

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final AtomicLong sequence = new AtomicLong();

    private FlowablePeer(ProcessEngine engine) {
        this.tasks = engine.getTaskService();
        this.runtime = engine.getRuntimeService();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException(
                    "arguments: jdbcUrl user password poolSize workers warmupSeconds measureSeconds outputFile");
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[0]);
        // Empty when the URL carries them (as Tongban's embedded database's does).
        if (!args[1].isEmpty()) {
            pool.setUsername(args[1]);
        }
        if (!args[2].isEmpty()) {
            pool.setPassword(args[2]);
        }
        pool.setMaximumPoolSize(Integer.parseInt(args[3]));
        pool.setPoolName("flowable-peer");
        int workers = Integer.parseInt(args[4]);
        try (HikariDataSource dataSource = new HikariDataSource(pool);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[7]), StandardCharsets.UTF_8))) {
            ProcessEngine engine = engine(dataSource);
            try {
                FlowablePeer peer = new FlowablePeer(engine);
                for (String phase : List.of("warmup", "measure")) {
                    int seconds = Integer.parseInt(args[phase.equals("warmup") ? 5 : 6]);
                    System.err.printf(Locale.ROOT, "[flowable-peer] %s: %d s with %d workers%n", phase, seconds,
                            workers);
                    peer.run(phase, workers, seconds, out);
                }
                HistoryService history = engine.getHistoryService();
                out.printf(Locale.ROOT, "history\t%d\t%d\t%d%n",
                        history.createHistoricProcessInstanceQuery().finished().count(),
                        history.createHistoricTaskInstanceQuery().count(),
                        history.createHistoricVariableInstanceQuery().count());
            } finally {
                engine.close();
            }
        }
    }

    private static ProcessEngine engine(HikariDataSource dataSource) throws IOException {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistoryLevel(HistoryLevel.AUDIT);
        configuration.setAsyncExecutorActivate(false);
        // Flowable's production setting for concurrency (its user guide, "UUID ID generator for high concurrency"):
        // the default DbIdGenerator fetches id blocks in a second transaction, on a second connection, so with as
        // many workers as pooled connections every worker can hold one and wait for another until the pool times
        // out (seen: 30 s stalls). Tongban's ids are UUIDs too.
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setDisableIdmEngine(true);
        configuration.setDisableEventRegistry(true);
        ProcessEngine engine = configuration.buildProcessEngine();
        try (var bpmn = FlowablePeer.class.getResourceAsStream("/parallel-approval.bpmn20.xml")) {
            engine.getRepositoryService().createDeployment().name("parallel approval (bench)")
                    .addInputStream("parallel-approval.bpmn20.xml", bpmn).deploy();
        }
        return engine;
    }

    /** One phase: the workers run cases until the time is up; their samples and counts go to {@code out}. */
    private void run(String phase, int workers, int seconds, PrintWriter out) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong cases = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<String>> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            List<String> mine = new ArrayList<>();
            samples.add(mine);
            threads.add(Thread.ofPlatform().name("flowable-worker-" + w).start(() -> {
                while (running.get()) {
                    long t = System.nanoTime();
                    try {
                        oneCase(mine);
                        mine.add("case\t" + (System.nanoTime() - t));
                        cases.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "run\t%s\t%d\t%d\t%.3f%n", phase, cases.get(), errors.get(), elapsed);
        for (List<String> mine : samples) {
            for (String sample : mine) {
                out.printf("sample\t%s\t%s%n", phase, sample);
            }
        }
        for (String error : firstErrors) {
            out.printf("error\t%s\t%s%n", phase, error.replaceAll("\\s+", " "));
        }
    }

    /** One case from the start to its end; each step's time goes to {@code samples} under its action name. */
    private void oneCase(List<String> samples) {
        long n = sequence.incrementAndGet();
        long t = System.nanoTime();
        String pid = runtime.startProcessInstanceByKey(KEY, "BENCH-" + n,
                Map.of("applicantName", "并联基准" + n, "itemCode", ITEM, "divisionCode", "210112")).getId();
        t = sample(samples, "submit (start the process instance)", t);
        Task accept = single(open(pid), "accept");
        t = sample(samples, "open tasks of the case", t);
        tasks.complete(accept.getId(), Map.of("acceptOpinion", "材料齐全，予以受理"));
        t = sample(samples, "accept", t);
        List<Task> branches = open(pid);
        t = sample(samples, "open tasks of the case", t);
        if (branches.size() != 3) {
            throw new IllegalStateException("expected 3 parallel branches, got " + branches.size());
        }
        for (Task task : branches) {
            String key = task.getTaskDefinitionKey();
            tasks.complete(task.getId(), Map.of(key + "Opinion", OPINIONS.get(key), key + "Outcome", "APPROVE"));
            t = sample(samples, "approve a branch (opinion)", t);
        }
        Task decision = single(open(pid), "decision");
        t = sample(samples, "open tasks of the case", t);
        tasks.complete(decision.getId(), Map.of("outcome", "GRANTED", "decisionOpinion",
                "符合《食品经营许可和备案管理办法》规定的条件", "legalBasis", "《中华人民共和国食品安全法》第三十五条"));
        t = sample(samples, "decide (grant)", t);
        Task certify = single(open(pid), "certify");
        t = sample(samples, "open tasks of the case", t);
        tasks.complete(certify.getId(), Map.of("certified", true));
        t = sample(samples, "certify", t);
        Task deliver = single(open(pid), "deliver");
        t = sample(samples, "open tasks of the case", t);
        tasks.complete(deliver.getId(), Map.of("deliveryMethod", "ONLINE"));
        sample(samples, "deliver (complete)", t);
    }

    private List<Task> open(String processInstance) {
        return tasks.createTaskQuery().processInstanceId(processInstance).list();
    }

    private static long sample(List<String> samples, String action, long since) {
        long now = System.nanoTime();
        samples.add(action + "\t" + (now - since));
        return now;
    }

    private static Task single(List<Task> list, String key) {
        if (list.size() != 1 || !key.equals(list.get(0).getTaskDefinitionKey())) {
            throw new IllegalStateException("expected the " + key + " task, got "
                    + list.stream().map(Task::getTaskDefinitionKey).toList());
        }
        return list.get(0);
    }
}

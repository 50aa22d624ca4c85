package org.tongban.catalog.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanApplication;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.CatalogSearchRequest;
import org.tongban.catalog.CatalogSearchResult;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.Venue;
import org.tongban.catalog.internal.BasicItem;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.catalog.internal.CatalogIndex;
import org.tongban.catalog.internal.Synonyms;
import org.tongban.catalog.internal.transfer.ImplementationListImport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * The catalogue benchmark of issue 3 (started by {@code bench/catalog.sh}, not a test): Tongban runs in this JVM on a
 * benchmark database of its own, with a province-scale catalogue; the benchmark times a full reindex, measures search
 * latency with concurrent clients through the search service and over HTTP, the same queries against raw Lucene on the
 * same index (the reference), the guide page over HTTP, and the import of a 10,000-row spreadsheet.
 *
 * <p>System properties: {@code bench.data} (directory for the database, index, keys and logs, or the working
 * directory of a platform whose {@code ./data} holds them, such as bench/province.sh's; required),
 * {@code bench.items} (300000), {@code bench.clients} (32), {@code bench.warmup} / {@code bench.measure} (seconds per
 * scenario, 20 / 30), {@code bench.port} (18090), {@code bench.import-rows} (10000), {@code bench.reindex} (true),
 * {@code bench.report} (a file the summary is also written to).
 */
public final class CatalogBenchmark {

    /** What people type: item names and parts of them, everyday words (synonyms, aliases), materials, sub-items. */
    static final List<String> QUERIES = List.of("营业执照", "食品经营许可", "护照", "驾驶证换证", "低保", "失业保险金",
            "宅基地", "施工许可证", "医师执业注册", "契税", "残疾人补贴", "个体户", "公司注销", "港澳通行证", "预售许可",
            "卫生许可", "出生医学证明", "户口迁移", "公积金提取", "养老保险", "开饭店", "工商登记", "社保", "医保", "驾照",
            "结婚", "上户口", "房产证", "退休", "身份证", "开药店", "劳务派遣", "高龄津贴", "食品 变更", "营业执照 注销",
            "护照 补办", "社会保险 登记", "不动产 登记", "户籍证明", "授权委托书", "居民身份证 复印件", "医疗机构 执业",
            "建设工程 规划", "税务 登记", "残疾人", "殡葬", "工伤", "生育津贴", "农村 建房", "道路运输");

    private static final PrintStream OUT = System.out;

    private CatalogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(required("bench.data")).toAbsolutePath();
        long items = Long.getLong("bench.items", 300_000);
        int clients = Integer.getInteger("bench.clients", 32);
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "20"));
        double measure = Double.parseDouble(System.getProperty("bench.measure", "30"));
        int port = Integer.getInteger("bench.port", 18090);
        int importRows = Integer.getInteger("bench.import-rows", 10_000);
        boolean reindex = Boolean.parseBoolean(System.getProperty("bench.reindex", "true"));
        String reportFile = System.getProperty("bench.report");
        double think = Double.parseDouble(System.getProperty("bench.think", "1000"));
        Set<String> scenarios = Set.of(System.getProperty("bench.scenarios", "search,raw,api,guide,import").split(","));

        Map<String, Object> properties = new LinkedHashMap<>();
        // A directory laid out as the platform's own working directory (./data/postgres, ./data/index, keys,
        // certificates...: the province data of bench/province.sh) runs as it is, from there; the catalogue
        // benchmark's own data directory holds only the database, index, keys and logs.
        boolean appLayout = Files.isDirectory(data.resolve("data").resolve("postgres"));
        if (!appLayout) {
            properties.put("tongban.embedded-database.data-directory", data.resolve("postgres").toString());
            properties.put("tongban.catalog.index-directory", data.resolve("index").toString());
            properties.put("tongban.identity.key-directory", data.resolve("keys").toString());
        }
        properties.put("tongban.log-directory", data.resolve("logs").toString());
        properties.put("server.port", port);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.tongban", "INFO");

        List<String> report = new ArrayList<>();
        long t = System.nanoTime();
        log("starting Tongban on %s (port %d)", data, port);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            double startSeconds = seconds(t);
            log("started in %.1f s", startSeconds);
            BenchCatalogData catalogData = new BenchCatalogData(app);
            t = System.nanoTime();
            long generated = catalogData.ensure(items);
            double generateSeconds = seconds(t);
            long published = catalogData.published();
            log("catalogue: %d published implementation items (%d generated now in %.1f s)", published, generated,
                    generateSeconds);

            // (a) full reindex with the mass indexer, as CatalogIndex does it on start when the index is off
            double reindexSeconds = Double.NaN;
            double reindexCpu = Double.NaN;
            TransactionTemplate readOnly = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            readOnly.setReadOnly(true);
            CatalogIndex index = app.getBean(CatalogIndex.class);
            if (reindex || generated > 0) {
                log("reindexing %d items", published);
                t = System.nanoTime();
                long cpu = Load.processCpuNanos();
                profiled("reindex", () -> {
                    readOnly.executeWithoutResult(status -> {
                        try {
                            index.rebuild();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    });
                    return null;
                });
                reindexSeconds = seconds(t);
                reindexCpu = (Load.processCpuNanos() - cpu) / 1e9;
                log("reindexed in %.1f s (JVM CPU %.1f s)", reindexSeconds, reindexCpu);
            }

            Catalog catalog = app.getBean(Catalog.class);
            Organization organization = app.getBean(Organization.class);
            List<Query> mix = mix(organization, app.getBean(Synonyms.class), 400);
            long indexed = catalog.search(new CatalogSearchRequest("", null, null, null, null, null, null, 0, 1))
                    .total();
            log("index holds %d published items", indexed);

            Map<String, Load.Stats> results = new LinkedHashMap<>();
            Scenarios run = new Scenarios(results, clients, warmup, measure, think);
            // (b) search through the application's search service (Catalog.search: query, theme counts, entities
            // from PostgreSQL, highlighting), against raw Lucene with the same queries, and over HTTP
            if (scenarios.contains("search")) {
                run.both("search", "search: Catalog.search (service)", mix.size(), n -> {
                    Query q = mix.get(n);
                    catalog.search(new CatalogSearchRequest(q.text(), q.division(), null, null, null, null, null, 0,
                            20));
                });
            }
            Path indexDirectory = (appLayout ? data.resolve("data") : data).resolve("index")
                    .resolve("implementation-items");
            long rawCheck = 0;
            if (scenarios.contains("raw")) {
                try (RawLuceneSearch raw = new RawLuceneSearch(indexDirectory)) {
                    log("raw Lucene reader: %d documents", raw.documents());
                    rawCheck = checkEquivalence(mix, catalog, raw);
                    run.both("raw", "search: raw Lucene (reference)", mix.size(), n -> {
                        Query q = mix.get(n);
                        raw.search(q.variants(), q.lineage(), 20);
                    });
                }
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://localhost:" + port;
            if (scenarios.contains("api")) {
                run.both("api", "search: GET /api/v1/catalog/items (HTTP)", mix.size(), n -> {
                    Query q = mix.get(n);
                    String uri = base + "/api/v1/catalog/items?q=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8)
                            + (q.division() == null ? "" : "&division=" + q.division());
                    expectOk(http, uri, "\"total\"");
                });
            }

            // (c) the guide page of random items
            List<String> codes = app.getBean(JdbcTemplate.class).queryForList(
                    "select code from catalog_implementation_item where status = 'PUBLISHED' order by md5(code) limit 2000",
                    String.class);
            if (scenarios.contains("guide")) {
                run.both("guide", "guide page: GET /items/{code} (HTTP)", codes.size(),
                        n -> expectOk(http, base + "/items/" + codes.get(n), "</html>"));
            }

            // (d) import of a spreadsheet through the import service: read, check, write drafts
            ImportOutcome imported = null;
            if (scenarios.contains("import")) {
                imported = importSpreadsheet(app, organization, importRows);
                log("import: %s", imported);
            }
            if (imported != null && results.size() == 8) {
                report.addAll(summary(results, published, indexed, reindexSeconds, reindexCpu, generated,
                        generateSeconds, startSeconds, imported, rawCheck, clients, warmup, measure, think));
            }
        }
        report.forEach(OUT::println);
        if (reportFile != null) {
            Files.write(Path.of(reportFile), report, StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    /** Runs each scenario twice: saturated (no think time), then paced (people who read between requests). */
    record Scenarios(Map<String, Load.Stats> results, int clients, double warmup, double measure, double think) {

        void both(String key, String name, int mixSize, Load.Request request) throws Exception {
            Load.Stats saturated = profiled(key, () -> Load.run(name, clients, warmup, measure, mixSize, request));
            results.put(key, saturated);
            log("%s", line(saturated));
            Load.Stats paced = Load.run(name + ", think time %.0f ms".formatted(think), clients, warmup, measure,
                    mixSize, think, request);
            results.put(key + "-paced", paced);
            log("%s", line(paced));
        }
    }

    /** Runs a scenario, with a JFR recording of it into {@code bench.jfr}-{@code key}.jfr when that is set. */
    static Load.Stats profiled(String key, java.util.concurrent.Callable<Load.Stats> scenario) throws Exception {
        String jfr = System.getProperty("bench.jfr");
        if (jfr == null) {
            return scenario.call();
        }
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            recording.start();
            Load.Stats stats = scenario.call();
            recording.dump(Path.of(jfr + "-" + key + ".jfr"));
            return stats;
        }
    }

    /** A query of the mix: what is typed, where, and what the reference searches for it. */
    record Query(String text, DivisionCode division, List<String> lineage, List<String> variants) {
    }

    /** Every query text with a division filter most of the time: none, the province, a city, a county, a township. */
    static List<Query> mix(Organization organization, Synonyms synonyms, int size) {
        Map<DivisionLevel, List<DivisionSummary>> divisions = BenchCatalogData.divisionsByLevel(organization);
        SplittableRandom random = new SplittableRandom(42);
        List<Query> mix = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String text = QUERIES.get(i % QUERIES.size());
            int pick = random.nextInt(100);
            DivisionLevel level = pick < 20 ? null : pick < 30 ? DivisionLevel.PROVINCE : pick < 50 ? DivisionLevel.CITY
                    : pick < 80 ? DivisionLevel.COUNTY : DivisionLevel.TOWNSHIP;
            DivisionCode division = null;
            List<String> lineage = List.of();
            if (level != null) {
                List<DivisionSummary> candidates = divisions.get(level);
                division = DivisionCode.of(candidates.get(random.nextInt(candidates.size())).code());
                lineage = organization.lineage(division).stream().map(DivisionSummary::code).toList();
            }
            mix.add(new Query(text, division, lineage, variants(text, synonyms.groups())));
        }
        return mix;
    }

    /** As CatalogSearch widens a query: the text, and the text with each synonym it holds replaced by the others. */
    static List<String> variants(String text, List<Set<String>> groups) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(text);
        for (Set<String> group : groups) {
            for (String term : group) {
                if (text.contains(term)) {
                    for (String other : group) {
                        if (!other.equals(term)) {
                            variants.add(text.replace(term, other));
                        }
                    }
                }
            }
        }
        return List.copyOf(variants);
    }

    /** The reference must find what the application finds: same totals and same first page of names. */
    static long checkEquivalence(List<Query> mix, Catalog catalog, RawLuceneSearch raw) throws Exception {
        long same = 0;
        for (Query q : mix.subList(0, 50)) {
            CatalogSearchResult app = catalog.search(
                    new CatalogSearchRequest(q.text(), q.division(), null, null, null, null, null, 0, 20));
            RawLuceneSearch.Result reference = raw.search(q.variants(), q.lineage(), 20);
            List<String> appNames = app.hits().stream().map(h -> h.item().name()).toList();
            if (app.total() == reference.total() && appNames.equals(reference.names())) {
                same++;
            } else {
                log("reference differs for '%s' in %s: app %d %s… raw %d %s…", q.text(), q.division(), app.total(),
                        appNames.stream().limit(3).toList(), reference.total(),
                        reference.names().stream().limit(3).toList());
            }
        }
        log("reference gives the same total and first page as the application for %d of 50 queries", same);
        return same;
    }

    static void expectOk(HttpClient http, String uri, String expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Accept-Language", "zh-CN").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(expected)) {
            throw new AssertionError(uri + " answered " + response.statusCode());
        }
    }

    record ImportOutcome(int rows, int bytes, double seconds, double cpuSeconds, boolean accepted, int written, String problems) {
    }

    /**
     * A county-level implementation list as departments send it every year: new versions of published items, whole
     * guides with their materials, steps and fees. The drafts written are removed afterwards, so a rerun starts alike.
     */
    static ImportOutcome importSpreadsheet(ConfigurableApplicationContext app, Organization organization, int size) {
        Map<String, Map<BodyCategory, BodySummary>> bodies = BenchCatalogData.bodiesByDivision(organization);
        List<DivisionSummary> counties = BenchCatalogData.divisionsByLevel(organization).get(DivisionLevel.COUNTY);
        List<BasicItem> basics = app.getBean(BasicItems.class).findAllPublished().stream()
                .filter(b -> b.code().value().endsWith("00") && b.levels().contains(DivisionLevel.COUNTY)).toList();
        List<ImplementationListRow> rows = new ArrayList<>(size);
        fill:
        for (BasicItem basic : basics) {
            for (DivisionSummary county : counties) {
                BodySummary body = bodies.getOrDefault(county.code(), Map.of()).get(basic.department());
                if (body == null) {
                    continue;
                }
                ImplementationCode code = ImplementationCode.of(UnifiedSocialCreditCode.of(body.creditCode()),
                        DivisionLevel.COUNTY, BasicCode.of(basic.code().value()));
                rows.add(ImplementationListRow.of(code, basic.name(), county.code(), basic.standard(),
                        new Venue(county.fullName() + "政务服务中心", "演示地址：" + county.fullName(),
                                "周一至周五 8:30-17:00", "024-12345678", "12345")));
                if (rows.size() == size) {
                    break fill;
                }
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        TransferFormat.XLSX.write(rows, file);
        byte[] bytes = file.toByteArray();
        ImplementationListImport importer = app.getBean(ImplementationListImport.class);
        long t = System.nanoTime();
        long cpu = Load.processCpuNanos();
        ImplementationListImport.Outcome outcome = importer.importFile(new ByteArrayInputStream(bytes),
                TransferFormat.XLSX, (stage, done, total) -> { });
        double seconds = seconds(t);
        double cpuSeconds = (Load.processCpuNanos() - cpu) / 1e9;
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        List<Object[]> written = outcome.imported().stream()
                .map(i -> new Object[] { i.code().value(), i.version() }).toList();
        jdbc.batchUpdate("delete from catalog_implementation_item where code = ? and version = ? and status = 'DRAFT'",
                written);
        return new ImportOutcome(rows.size(), bytes.length, seconds, cpuSeconds, outcome.accepted(), outcome.imported().size(),
                outcome.problems().stream().limit(3).map(Object::toString).toList().toString());
    }

    static List<String> summary(Map<String, Load.Stats> results, long published, long indexed, double reindexSeconds,
            double reindexCpu, long generated, double generateSeconds, double startSeconds, ImportOutcome imported,
            long rawCheck, int clients, double warmup, double measure, double think) {
        List<String> out = new ArrayList<>();
        out.add("## Catalogue benchmark");
        out.add("");
        out.add("Catalogue: %,d published implementation items (%,d in the index)%s; app start %.1f s.".formatted(
                published, indexed, generated > 0
                        ? ", %,d of them generated in this run in %.1f s".formatted(generated, generateSeconds)
                        : " (generated in an earlier run)", startSeconds));
        out.add(("Load: %d clients in the app's JVM, each scenario twice: saturated (no think time: each client sends"
                + " its next request as soon as it has the answer) and paced (each client thinks %.0f ms on average,"
                + " exponentially distributed, between requests); %.0f s warm-up, %.0f s measured.")
                .formatted(clients, think, warmup, measure));
        out.add("");
        out.add("| Scenario | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | JVM CPU per request (ms) | errors |");
        out.add("|---|---|---|---|---|---|---|---|");
        for (Load.Stats s : results.values()) {
            out.add(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.1f | %.2f | %d |", s.name(),
                    s.throughput(), s.p50(), s.p95(), s.p99(), s.max(), s.cpuMillisPerRequest(), s.errors()));
        }
        Load.Stats service = results.get("search");
        Load.Stats raw = results.get("raw");
        Load.Stats api = results.get("api");
        Load.Stats guide = results.get("guide");
        out.add("");
        out.add("| Ratio against raw Lucene (same queries, same index, this run) | p50 | p95 | p99 | throughput (raw / app) | JVM CPU per request |");
        out.add("|---|---|---|---|---|---|");
        out.add(ratioRow("Catalog.search / raw Lucene, saturated", service, raw));
        out.add(ratioRow("HTTP API / raw Lucene, saturated", api, raw));
        out.add(ratioRow("Catalog.search / raw Lucene, paced", results.get("search-paced"), results.get("raw-paced")));
        out.add(ratioRow("HTTP API / raw Lucene, paced", results.get("api-paced"), results.get("raw-paced")));
        out.add("");
        out.add("The reference returned the same total and first page as the application for %d of 50 queries checked."
                .formatted(rawCheck));
        out.add("");
        out.add("| Target (issue 3) | Measured | Verdict |");
        out.add("|---|---|---|");
        // For bench/regressions.sh (record_printed_figures in bench/lib.sh): p95 against raw Lucene's in the same
        // run and mode (saturated or paced); the guide page has no reference.
        Map<String, String> references = new LinkedHashMap<>();
        references.put("search", "raw");
        references.put("search-paced", "raw-paced");
        references.put("api", "raw");
        references.put("api-paced", "raw-paced");
        references.put("guide", null);
        references.forEach((key, referenceKey) -> {
            Load.Stats s = results.get(key);
            Load.Stats reference = referenceKey == null ? null : results.get(referenceKey);
            if (s != null) {
                System.out.printf(Locale.ROOT, "FIGURE\t%s p95\t%.2f\tms\tlower\t%s%n", key, s.p95(),
                        reference == null ? "" : String.format(Locale.ROOT, "%.2f", reference.p95()));
            }
        });
        out.add(target("search p95 ≤ 20 ms, service, saturated", service.p95(), 20, "ms"));
        out.add(target("search p95 ≤ 20 ms, service, paced", results.get("search-paced").p95(), 20, "ms"));
        out.add(target("search p95 ≤ 20 ms, HTTP API, saturated", api.p95(), 20, "ms"));
        out.add(target("search p95 ≤ 20 ms, HTTP API, paced", results.get("api-paced").p95(), 20, "ms"));
        out.add(target("search p95 ≤ 3 × raw Lucene, service, saturated", service.p95() / raw.p95(), 3, "×"));
        out.add(target("search p95 ≤ 3 × raw Lucene, service, paced",
                results.get("search-paced").p95() / results.get("raw-paced").p95(), 3, "×"));
        out.add(target("guide page p95 ≤ 15 ms, saturated", guide.p95(), 15, "ms"));
        out.add(target("guide page p95 ≤ 15 ms, paced", results.get("guide-paced").p95(), 15, "ms"));
        out.add(target("full reindex of the catalogue ≤ 120 s", reindexSeconds, 120, "s"));
        out.add("| (reindex: JVM CPU time used) | %.1f s | |".formatted(reindexCpu));
        out.add(target("import of a %,d-row spreadsheet ≤ 30 s".formatted(imported.rows()), imported.seconds(), 30,
                "s"));
        out.add("| (import: JVM CPU time used) | %.1f s | |".formatted(imported.cpuSeconds()));
        out.add("");
        out.add("Import: %,d rows, xlsx of %,d bytes, accepted: %s, %,d draft versions written (removed afterwards)%s."
                .formatted(imported.rows(), imported.bytes(), imported.accepted(), imported.written(),
                        imported.accepted() ? "" : "; problems: " + imported.problems()));
        for (Load.Stats s : results.values()) {
            if (s.errors() > 0) {
                out.add("Errors in '%s': %d, first: %s".formatted(s.name(), s.errors(), s.firstError()));
            }
        }
        return out;
    }

    private static String ratioRow(String name, Load.Stats app, Load.Stats reference) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |", name,
                app.p50() / reference.p50(), app.p95() / reference.p95(), app.p99() / reference.p99(),
                reference.throughput() / app.throughput(), app.cpuMillisPerRequest() / reference.cpuMillisPerRequest());
    }

    private static String target(String name, double value, double limit, String unit) {
        return String.format(Locale.ROOT, "| %s | %.2f %s | %s |", name, value, unit,
                Double.isNaN(value) ? "not measured" : value <= limit ? "meets" : "MISSES");
    }

    private static String line(Load.Stats s) {
        return String.format(Locale.ROOT, "%s: %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms, JVM CPU %.2f ms/request, %d errors%s (load average %s)",
                s.name(), s.throughput(), s.p50(), s.p95(), s.p99(), s.max(), s.cpuMillisPerRequest(), s.errors(),
                s.firstError() == null ? "" : " (first: " + s.firstError() + ")", loadAverage());
    }

    /** The machine's 1-, 5- and 15-minute load averages, to read a latency against. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}

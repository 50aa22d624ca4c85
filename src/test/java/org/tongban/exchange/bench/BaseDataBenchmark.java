package org.tongban.exchange.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanApplication;
import org.tongban.exchange.internal.BaseDataGenerator;
import org.tongban.exchange.internal.BaseDataLoader;
import org.tongban.identity.PersonalData;

/**
 * Bench mode of the exchange's base-data generator (started by {@code bench/exchange-basedata.sh}, not a test):
 * Tongban starts on a throw-away embedded PostgreSQL without demo data, then the generator writes
 * {@code bench.people} residents (ID numbers encrypted, look-up hashes computed) and {@code bench.companies}
 * companies with their credit records through {@code COPY} in one transaction, and reports rows per second. The
 * counties are Liaoning's 100 (from the bundled division list), as in demo mode.
 */
public final class BaseDataBenchmark {

    private BaseDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long people = Long.getLong("bench.people", 1_000_000);
        long companies = Long.getLong("bench.companies", people / 5);
        long seed = Long.getLong("bench.seed", 20261124);
        String report = System.getProperty("bench.report");
        Path keys = Files.createTempDirectory("tongban-bench-keys");
        String[] properties = { "--tongban.embedded-database.ephemeral=true", "--tongban.demo.enabled=false",
                "--tongban.identity.key-directory=" + keys, "--server.port=0", "--logging.level.root=WARN",
                "--logging.file.name=", "--spring.jpa.properties.hibernate.search.backend.directory.type=local-heap" };
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class)
                .run(properties)) {
            BaseDataGenerator generator = new BaseDataGenerator(seed, counties());
            BaseDataLoader loader = new BaseDataLoader(generator, app.getBean(PersonalData.class),
                    LocalDate.of(2026, 11, 24));
            DataSource dataSource = app.getBean(DataSource.class);
            long start = System.nanoTime();
            BaseDataLoader.Loaded loaded = app.getBean(TransactionTemplate.class).execute(status -> {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    return loader.load(connection, people, companies);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long stored = jdbc.queryForObject("select (select count(*) from exchange_person) "
                    + "+ (select count(*) from exchange_legal_person) + (select count(*) from exchange_dishonest_entry) "
                    + "+ (select count(*) from exchange_penalty)", Long.class);
            String summary = String.format("""
                    ## Exchange base-data generator (COPY, one transaction)

                    | | rows |
                    |---|---:|
                    | residents (ID number AES-GCM encrypted + HMAC look-up hash) | %,d |
                    | companies | %,d |
                    | dishonest-list entries | %,d |
                    | administrative penalties | %,d |
                    | **total written / counted after commit** | **%,d / %,d** |

                    Time %.1f s → **%,.0f rows/s** (%,.0f residents/s equivalent); seed %d, %d counties.
                    """, loaded.people(), loaded.companies(), loaded.dishonest(), loaded.penalties(), loaded.rows(),
                    stored, seconds, loaded.rows() / seconds, loaded.people() / seconds, seed, counties().size());
            System.out.println(summary);
            // For bench/regressions.sh (record_printed_figures in bench/lib.sh); no same-run reference.
            System.out.printf(java.util.Locale.ROOT, "FIGURE\tbase-data rows/s, %d residents\t%.1f\trows/s\thigher%n",
                    people, loaded.rows() / seconds);
            if (loaded.rows() != stored) {
                System.out.println("MISMATCH: rows written and counted differ");
                System.exit(1);
            }
            if (report != null) {
                Files.writeString(Path.of(report), summary);
            }
        }
    }

    /** Liaoning's counties with full names, from the division list bundled for the demo. */
    static List<BaseDataGenerator.County> counties() throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(BaseDataBenchmark.class
                .getResourceAsStream("/organization/divisions-liaoning.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                rows.put(f[0], f);
                order.add(f[0]);
            }
        }
        List<BaseDataGenerator.County> counties = new ArrayList<>();
        for (String code : order) {
            String[] f = rows.get(code);
            if (f[2].equals("county") && code.startsWith("21")) {
                String[] city = rows.get(f[3]);
                String[] province = rows.get(city[3]);
                counties.add(new BaseDataGenerator.County(code, province[1] + city[1] + f[1]));
            }
        }
        return counties;
    }
}

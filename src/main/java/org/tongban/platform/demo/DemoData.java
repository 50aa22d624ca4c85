package org.tongban.platform.demo;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Loads each named demo data set at most once per database, however many times or on however many nodes the
 * platform starts: a transaction-scoped advisory lock serialises the loaders and a marker row records the load in
 * the same transaction as the data, so a crash half-way leaves neither.
 */
@Service
@EnableConfigurationProperties(DemoDataProperties.class)
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final long LOCK_KEY = 0x746f6e6762616e31L; // "tongban1"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    DemoData(JdbcTemplate jdbc, TransactionTemplate transactions, DemoDataProperties properties, Environment env) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = properties.enabled() != null
                ? properties.enabled()
                : !StringUtils.hasText(env.getProperty("spring.datasource.url"));
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Runs {@code loader} in one transaction unless demo data is disabled or the set was loaded before.
     *
     * @return whether the set was loaded now
     */
    public boolean loadOnce(String dataSet, Supplier<String> loader) {
        if (!enabled) {
            return false;
        }
        Boolean loaded = transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK_KEY);
            Integer present = jdbc.queryForObject(
                    "select count(*) from platform_demo_data_set where name = ?", Integer.class, dataSet);
            if (present != null && present > 0) {
                return false;
            }
            String summary = loader.get();
            jdbc.update("insert into platform_demo_data_set (name, summary) values (?, ?)", dataSet, summary);
            log.info("Loaded demo data set {}: {}", dataSet, summary);
            return true;
        });
        return Boolean.TRUE.equals(loaded);
    }
}

package org.tongban.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured: the default mode a newcomer
 * runs with one command. With a URL configured, Spring Boot's own data source is used and this stays out of the
 * way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlConfigured.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        // Usually already starting since the environment was ready (EarlyEmbeddedDatabase); else start it now.
        var early = EarlyEmbeddedDatabase.claim(properties);
        return early.isPresent() ? early.get().await() : start(properties);
    }

    static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Spring closes the server after the connection pool; a JVM hook would race the event registry.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(properties.startupTimeout())
                .setPort(properties.port())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setLocaleConfig("locale", "C.UTF-8")
                .setServerConfig("max_connections", "100");
        properties.settings().forEach(builder::setServerConfig);
        boolean durable = properties.durable() || !properties.ephemeral();
        // zonky turns synchronous_commit off by default; a platform that keeps citizens' cases must not.
        builder.setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        if (properties.ephemeral()) {
            builder.setCleanDataDirectory(true);
        } else {
            Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
            Files.createDirectories(dataDirectory);
            OrphanedPostmaster.stopIfRunning(dataDirectory, Duration.ofSeconds(30));
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} ({})", postgres.getPort(),
                properties.ephemeral() ? "ephemeral" : properties.dataDirectory().toAbsolutePath().normalize());
        try {
            createDatabaseIfMissing(postgres, properties.database());
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tongban-embedded");
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", properties.database()));
        // One node on a laptop or a small server: a few connections serve virtual threads well, and every idle
        // connection is a PostgreSQL process holding memory.
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        // A JDBC batch of inserts goes to PostgreSQL as multi-row inserts (the deadline scan's lights, the exchange
        // access log, imports): one statement per few hundred rows instead of one per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws IOException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("tongban.embedded-database.database must be a plain lower-case name");
        }
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + database + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IOException("Could not create database " + database, e);
        }
    }
}

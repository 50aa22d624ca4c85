package org.tongban.platform.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that serves the default mode, used only when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the cluster lives; kept across restarts
 * @param port TCP port on the loopback interface; 0 picks a free one at every start
 * @param ephemeral a throw-away cluster in a temporary directory, removed on shutdown (tests)
 * @param durable fsync and synchronous commit on; only an ephemeral cluster may turn this off
 * @param startupTimeout how long to wait for the server to accept connections
 * @param database the database created on first start and used by the application
 * @param settings further PostgreSQL server settings ({@code postgresql.conf} names), e.g. {@code shared_buffers} or
 *        {@code shared_preload_libraries}; the durability settings above cannot be overridden here
 */
@ConfigurationProperties("tongban.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("true") boolean durable,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("tongban") String database,
        Map<String, String> settings) {

    public EmbeddedDatabaseProperties {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        for (String name : settings.keySet()) {
            if (DURABILITY.contains(name)) {
                throw new IllegalArgumentException("tongban.embedded-database.settings." + name
                        + " is set by tongban.embedded-database.durable");
            }
        }
    }

    private static final java.util.Set<String> DURABILITY = java.util.Set.of("fsync", "synchronous_commit",
            "full_page_writes");
}

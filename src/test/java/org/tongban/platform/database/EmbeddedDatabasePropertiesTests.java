package org.tongban.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Further server settings of the embedded cluster may tune it, never weaken its durability. */
class EmbeddedDatabasePropertiesTests {

    private static EmbeddedDatabaseProperties with(Map<String, String> settings) {
        return new EmbeddedDatabaseProperties(Path.of("data/postgres"), 0, false, true, Duration.ofSeconds(60),
                "tongban", settings);
    }

    @Test
    void tuningSettingsAreKeptAndNoneMeansNone() {
        assertThat(with(Map.of("shared_buffers", "512MB")).settings()).containsEntry("shared_buffers", "512MB");
        assertThat(with(null).settings()).isEmpty();
    }

    @Test
    void theDurabilitySettingsCannotBeOverriddenThere() {
        for (String name : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
            assertThatThrownBy(() -> with(Map.of(name, "off"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tongban.embedded-database.settings." + name)
                    .hasMessageContaining("durable");
        }
    }
}

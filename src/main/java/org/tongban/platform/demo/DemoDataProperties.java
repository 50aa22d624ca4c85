package org.tongban.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether demo data (Liaoning's divisions, sample bodies, halls...) is loaded.
 *
 * @param enabled {@code true} or {@code false}; when unset, demo data loads only in the default mode (embedded
 *        database) and never against an external database
 */
@ConfigurationProperties("tongban.demo")
public record DemoDataProperties(Boolean enabled) {
}

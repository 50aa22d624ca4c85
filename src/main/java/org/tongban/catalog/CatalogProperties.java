package org.tongban.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the catalogue ({@code tongban.catalog.*}); every default works out of the box.
 *
 * @param effectiveCheck how often each node looks for approved versions whose effective date has come
 * @param attachments the files administrators upload (blank forms, samples)
 * @param backgroundImportFrom files at least this large are imported in the background, with a progress page
 */
@ConfigurationProperties("tongban.catalog")
public record CatalogProperties(Duration effectiveCheck, Attachments attachments, DataSize backgroundImportFrom) {

    public CatalogProperties {
        backgroundImportFrom = backgroundImportFrom == null ? DataSize.ofKilobytes(256) : backgroundImportFrom;
        effectiveCheck = effectiveCheck == null ? Duration.ofMinutes(5) : effectiveCheck;
        attachments = attachments == null ? new Attachments(null) : attachments;
    }

    /** @param maxSize the largest blank form or sample accepted */
    public record Attachments(DataSize maxSize) {

        public Attachments {
            maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        }
    }
}

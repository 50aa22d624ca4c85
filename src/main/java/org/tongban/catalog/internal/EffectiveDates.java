package org.tongban.catalog.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.tongban.catalog.BasicItemAdministration;
import org.tongban.catalog.CatalogProperties;
import org.tongban.catalog.ItemPublication;

/**
 * Puts approved versions in force on their effective date (生效日期). Every node runs it; the versions are locked with
 * {@code FOR UPDATE SKIP LOCKED}, so each is published once (see {@link ItemPublication#publishDue()}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CatalogProperties.class)
class EffectiveDates {

    private static final Logger log = LoggerFactory.getLogger(EffectiveDates.class);

    private final ItemPublication publication;
    private final BasicItemAdministration basicItems;

    EffectiveDates(ItemPublication publication, BasicItemAdministration basicItems) {
        this.publication = publication;
        this.basicItems = basicItems;
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${tongban.catalog.effective-check:PT5M}")
    void publishDue() {
        // Basic items first: an implementation approved for the same day follows the standard then in force.
        int standards = basicItems.publishDue();
        if (standards > 0) {
            log.info("{} approved basic-catalogue versions took effect", standards);
        }
        int published = publication.publishDue();
        if (published > 0) {
            log.info("{} approved catalogue versions took effect", published);
        }
    }
}

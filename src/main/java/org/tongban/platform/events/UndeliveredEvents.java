package org.tongban.platform.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again, while the platform runs, the events whose listener failed or was cut off — typically because the
 * database went away for a moment (a restart, a fail-over). Spring Modulith only republishes incomplete publications
 * when the application starts ({@code spring.modulith.events.republish-outstanding-events-on-restart}); without this
 * job a notification whose listener ran into a database restart would wait for the next restart of the platform
 * (found by {@code bench/drill-db-restart.sh}). Only publications older than {@code tongban.events.resubmit-after}
 * are taken, so a listener still at work is not started twice; the listeners are idempotent anyway (a delivery twice
 * has the effect of one, e.g. {@code cases_notification.event_key}).
 */
@Component
@EnableScheduling
class UndeliveredEvents {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredEvents.class);

    private final IncompleteEventPublications incomplete;
    private final Duration after;

    UndeliveredEvents(IncompleteEventPublications incomplete,
            @Value("${tongban.events.resubmit-after:PT1M}") Duration after) {
        this.incomplete = incomplete;
        this.after = after;
    }

    @Scheduled(initialDelayString = "${tongban.events.resubmit-every:PT30S}",
            fixedDelayString = "${tongban.events.resubmit-every:PT30S}")
    void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(after);
        } catch (RuntimeException e) {
            // the database may still be away: the next round tries again
            log.warn("Could not resubmit incomplete event publications: {}", e.toString());
        }
    }
}

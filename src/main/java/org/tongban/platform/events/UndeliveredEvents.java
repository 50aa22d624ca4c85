package org.tongban.platform.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again, while the platform runs, the events whose listener failed or was cut off — typically because the
 * database went away for a moment (a restart, a fail-over). Spring Modulith only republishes incomplete publications
 * when the application starts ({@code spring.modulith.events.republish-outstanding-events-on-restart}); without this
 * job a notification whose listener ran into a database restart would wait for the next restart of the platform
 * (found by {@code bench/drill-db-restart.sh}). Only failed publications older than
 * {@code tongban.events.resubmit-after} are taken: an event still waiting in the listeners' queue
 * ({@link ListenerExecution}) is not failed and is not delivered twice. A publication nobody completes or fails — its
 * node stopped with it queued — is marked failed once stale ({@code spring.modulith.events.staleness.*}) and then
 * delivered here. The listeners are idempotent anyway (a delivery twice has the effect of one, e.g.
 * {@code cases_notification.event_key}).
 */
@Component
@EnableScheduling
class UndeliveredEvents {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredEvents.class);

    private final FailedEventPublications failed;
    private final Duration after;

    UndeliveredEvents(FailedEventPublications failed,
            @Value("${tongban.events.resubmit-after:PT1M}") Duration after) {
        this.failed = failed;
        this.after = after;
    }

    @Scheduled(initialDelayString = "${tongban.events.resubmit-every:PT30S}",
            fixedDelayString = "${tongban.events.resubmit-every:PT30S}")
    void resubmit() {
        try {
            failed.resubmit(ResubmissionOptions.defaults().withMinAge(after));
        } catch (RuntimeException e) {
            // the database may still be away: the next round tries again
            log.warn("Could not resubmit incomplete event publications: {}", e.toString());
        }
    }
}

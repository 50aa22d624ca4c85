package org.tongban.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;

/**
 * A burst of events is worked off by a few listener threads (tongban.events.listener-threads, 4) instead of one
 * thread per event that would all wait for the connection pool; a delivery that fails is delivered again by
 * {@link UndeliveredEvents}, and one still queued is not. A delivered publication leaves the registry.
 */
@TongbanIntegrationTest
class ListenerExecutionIntegrationTests {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    FailedEventPublications failed;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventSerializer serializer;

    @Test
    void theRegistryStoresEventsAsTheApplicationsJsonAndReadsThemBack() throws Exception {
        assertThat(serializer).isInstanceOf(EventJson.class);
        String run = UUID.randomUUID().toString();
        BurstListener.Burst event = new BurstListener.Burst(run, 7, false);
        Object json = serializer.serialize(event);
        assertThat(json).isEqualTo("{\"run\":\"" + run + "\",\"n\":7,\"failFirst\":false}");
        assertThat(serializer.deserialize(json, BurstListener.Burst.class)).isEqualTo(event);
        // what the registry holds is that very JSON (read in the publishing transaction: the listener runs after it)
        transactions.executeWithoutResult(status -> {
            events.publishEvent(event);
            assertThat(jdbc.queryForList("select serialized_event from event_publication where serialized_event like ?",
                    String.class, "%" + run + "%")).containsExactly((String) json);
        });
        await(() -> BurstListener.delivered.contains(run + "/7"));
    }

    @Test
    void aBurstOfEventsRunsOnTheListenerThreadsAFewAtATimeAndEveryOneIsDelivered() throws Exception {
        String run = UUID.randomUUID().toString();
        BurstListener.mostAtOnce.set(0);
        transactions.executeWithoutResult(status -> {
            for (int n = 0; n < 400; n++) {
                events.publishEvent(new BurstListener.Burst(run, n, false));
            }
        });
        await(() -> BurstListener.delivered.stream().filter(k -> k.startsWith(run)).count() == 400);
        assertThat(BurstListener.mostAtOnce.get()).isBetween(1, 4);
        assertThat(BurstListener.threads).allMatch(name -> name.startsWith("listener-"));
        // spring.modulith.events.completion-mode=delete: nothing is left of a delivered publication
        await(() -> publications(run) == 0);
    }

    @Test
    void aFailedDeliveryIsDeliveredAgainAndOnlyOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> events.publishEvent(new BurstListener.Burst(run, 1, true)));
        await(() -> BurstListener.failedOnce.contains(run + "/1"));
        await(() -> jdbc.queryForObject("select count(*) from event_publication where status = 'FAILED' "
                + "and serialized_event like ?", Integer.class, "%" + run + "%") == 1);
        assertThat(BurstListener.delivered).doesNotContain(run + "/1");

        new UndeliveredEvents(failed, Duration.ZERO).resubmit();
        await(() -> BurstListener.delivered.contains(run + "/1"));
        await(() -> publications(run) == 0);
        new UndeliveredEvents(failed, Duration.ZERO).resubmit();
        Thread.sleep(300);
        assertThat(BurstListener.attempts.get(run + "/1")).as("the failed attempt and the one that worked").hasValue(2);
    }

    /** The run's publications in the registry, incomplete or not. */
    private int publications(String run) {
        return jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?",
                Integer.class, "%" + run + "%");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting after 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

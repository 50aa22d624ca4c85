package org.tongban.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

class UndeliveredEventsTests {

    /** Records what it is asked to resubmit; fails when told to, as the registry does while the database is away. */
    static final class Registry implements FailedEventPublications {
        final List<Duration> asked = new ArrayList<>();
        boolean databaseAway;

        @Override
        public void resubmit(ResubmissionOptions options) {
            if (databaseAway) {
                throw new IllegalStateException("connection refused");
            }
            asked.add(options.getMinAge());
        }
    }

    @Test
    void resubmitsOnlyFailedPublicationsOlderThanTheConfiguredAge() {
        Registry registry = new Registry();
        new UndeliveredEvents(registry, Duration.ofMinutes(1)).resubmit();
        assertThat(registry.asked).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void aRoundWhileTheDatabaseIsAwayFailsQuietlyAndTheNextOneTriesAgain() {
        Registry registry = new Registry();
        UndeliveredEvents job = new UndeliveredEvents(registry, Duration.ofSeconds(90));
        registry.databaseAway = true;
        assertThatNoException().isThrownBy(job::resubmit);
        registry.databaseAway = false;
        job.resubmit();
        assertThat(registry.asked).containsExactly(Duration.ofSeconds(90));
    }
}

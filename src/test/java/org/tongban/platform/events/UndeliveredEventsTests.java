package org.tongban.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

class UndeliveredEventsTests {

    /** Records what it is asked to resubmit; fails when told to, as the registry does while the database is away. */
    static final class Registry implements IncompleteEventPublications {
        final List<Duration> asked = new ArrayList<>();
        boolean databaseAway;

        @Override
        public void resubmitIncompletePublications(Predicate<EventPublication> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resubmitIncompletePublicationsOlderThan(Duration duration) {
            if (databaseAway) {
                throw new IllegalStateException("connection refused");
            }
            asked.add(duration);
        }

        @Override
        public void resubmitIncompletePublications(ResubmissionOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void resubmitsOnlyPublicationsOlderThanTheConfiguredAge() {
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

package org.tongban.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The registry's serializer writes an event once for all its listeners' publications, and reads it back. */
class EventJsonTests {

    record Decided(UUID applicationId, String outcome) {
    }

    static final class Mutable {
        public String outcome;

        Mutable(String outcome) {
            this.outcome = outcome;
        }
    }

    private final EventJson json = new EventJson(JsonMapper.builder().build());

    @Test
    void theSameEventIsWrittenOnceForEveryPublicationAndAnotherEventAnew() {
        Decided event = new Decided(UUID.randomUUID(), "GRANTED");
        Object first = json.serialize(event);
        assertThat(json.serialize(event)).isSameAs(first);
        assertThat(json.deserialize(first, Decided.class)).isEqualTo(event);

        Decided equalButAnother = new Decided(event.applicationId(), "GRANTED");
        Object second = json.serialize(equalButAnother);
        assertThat(second).isNotSameAs(first).isEqualTo(first);
        Decided refused = new Decided(event.applicationId(), "REFUSED");
        assertThat(json.serialize(refused).toString()).contains("REFUSED");
    }

    @Test
    void anEventThatIsNoRecordIsWrittenEachTime() {
        Mutable event = new Mutable("GRANTED");
        assertThat(json.serialize(event).toString()).contains("GRANTED");
        event.outcome = "REFUSED";
        assertThat(json.serialize(event).toString()).contains("REFUSED");
    }
}

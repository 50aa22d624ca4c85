package org.tongban.platform.events;

import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes events for the event publication registry with the application's JSON mapper, the one Spring Modulith's
 * own serializer uses, so the stored JSON is the same. Modulith's serializer looks that mapper up in the application
 * context for every publication (a bean resolution each time: about 5 % of the CPU of the parallel approval benchmark,
 * {@code bench/README.md}); this one is given it once. Replaces Modulith's because it is an {@link EventSerializer}
 * bean.
 */
@Component
class EventJson implements EventSerializer {

    private final JsonMapper mapper;

    EventJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The registry stores one publication per listener and serializes the event for each: an event with four
     * listeners was written to JSON four times in a row. The last event serialized on this thread is kept with its
     * JSON and answered again for the same instance. Only records are kept. A published event must not change
     * anyway: its asynchronous listeners receive the very same instance later.
     */
    private final ThreadLocal<Serialized> last = new ThreadLocal<>();

    private record Serialized(Object event, String json) {
    }

    @Override
    public Object serialize(Object event) {
        Serialized kept = last.get();
        if (kept != null && kept.event() == event) {
            return kept.json();
        }
        String json = mapper.writeValueAsString(event);
        if (event.getClass().isRecord()) {
            last.set(new Serialized(event, json));
        }
        return json;
    }

    @Override
    public <T> T deserialize(Object serialized, Class<T> type) {
        return mapper.readerFor(type).readValue(serialized.toString());
    }
}

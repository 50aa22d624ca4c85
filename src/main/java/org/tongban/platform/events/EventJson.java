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

    @Override
    public Object serialize(Object event) {
        return mapper.writeValueAsString(event);
    }

    @Override
    public <T> T deserialize(Object serialized, Class<T> type) {
        return mapper.readerFor(type).readValue(serialized.toString());
    }
}

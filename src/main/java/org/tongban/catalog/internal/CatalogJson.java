package org.tongban.catalog.internal;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.tongban.catalog.Guide;
import org.tongban.catalog.LegalBasis;
import org.tongban.catalog.Venue;

/** The JSON form of guide elements as stored in PostgreSQL ({@code jsonb}) and exchanged in files. */
final class CatalogJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CatalogJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static Guide guide(String json) {
        return MAPPER.readValue(json, Guide.class);
    }

    static Venue venue(String json) {
        return MAPPER.readValue(json, Venue.class);
    }

    static List<LegalBasis> legalBases(String json) {
        return MAPPER.readValue(json, new TypeReference<List<LegalBasis>>() { });
    }
}

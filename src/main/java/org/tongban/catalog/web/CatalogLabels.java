package org.tongban.catalog.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tongban.catalog.AssuranceLevel;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.organization.BodyCategory;
import org.tongban.shared.DivisionLevel;

/** How a choice of the catalogue (necessity, online depth, theme, level ...) reads in the reader's language. */
@Component
class CatalogLabels {

    private final MessageSource messages;

    CatalogLabels(MessageSource messages) {
        this.messages = messages;
    }

    String label(Enum<?> value, Locale locale) {
        String key = switch (value) {
            case Guide.Necessity n -> "catalog.necessity." + n.name();
            case Guide.MaterialType t -> "catalog.material.type." + t.name();
            case Guide.MaterialForm f -> "catalog.material.form." + f.name();
            case Guide.MaterialSource s -> "catalog.material.source." + s.name();
            case Guide.DayKind k -> "catalog.daykind." + k.name();
            case Guide.Handling h -> "catalog.handling." + h.name();
            case Guide.OnlineDepth d -> "catalog.depth." + d.name();
            case Guide.Reach r -> "catalog.reach." + r.name();
            case Guide.ResultType r -> "catalog.result." + r.name();
            case AssuranceLevel a -> "catalog.assurance." + a.name();
            case ServiceTarget t -> "catalog.target." + t.name();
            case Theme t -> "catalog.theme." + t.name();
            case BodyCategory c -> "organization.category." + c.name();
            case DivisionLevel l -> "division.level." + l.name();
            default -> value.name();
        };
        return messages.getMessage(key, null, value.name(), locale);
    }
}

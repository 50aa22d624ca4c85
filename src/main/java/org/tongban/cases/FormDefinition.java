package org.tongban.cases;

import java.util.List;
import java.util.Optional;

/** The application form of one version of an implementation item (versioned with the item, stored as data). */
public record FormDefinition(String itemCode, int itemVersion, List<FormField> fields) {

    public FormDefinition {
        fields = List.copyOf(fields);
    }

    public Optional<FormField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }
}

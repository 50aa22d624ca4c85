package org.tongban.cases.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.FormField;
import org.tongban.catalog.ItemDetail;

import tools.jackson.core.type.TypeReference;

/** Application forms per item version, as data; an item without one gets the derived default on first use. */
@Repository
public class FormDefinitions {

    private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    FormDefinitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public FormDefinition of(ItemDetail item) {
        String code = item.summary().code();
        int version = item.summary().version();
        return find(code, version).orElseGet(() -> {
            FormDefinition derived = DefaultForms.derive(item);
            jdbc.sql("insert into cases_form_definition (item_code, item_version, fields, derived) "
                            + "values (?, ?, cast(? as jsonb), true) on conflict do nothing")
                    .params(code, version, Json.write(derived.fields())).update();
            return find(code, version).orElseThrow();
        });
    }

    public Optional<FormDefinition> find(String code, int version) {
        return jdbc.sql("select fields from cases_form_definition where item_code = ? and item_version = ?")
                .params(code, version)
                .query((rs, n) -> new FormDefinition(code, version, Json.read(rs.getString(1), FIELDS)))
                .optional();
    }
}

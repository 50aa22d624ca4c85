package org.tongban.cases.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.FormField;
import org.tongban.catalog.ItemDetail;

import tools.jackson.core.type.TypeReference;

/**
 * Application forms per item version, as data, in revisions; an item without one gets the derived default (revision
 * 1) on first use.
 */
@Repository
public class FormDefinitions {

    private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    FormDefinitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest revision of the item version's form, derived and stored on first use. */
    public FormDefinition of(ItemDetail item) {
        String code = item.summary().code();
        int version = item.summary().version();
        return find(code, version).orElseGet(() -> {
            // A new version of the item keeps the form its administrators made for an earlier one; a form nobody
            // edited is derived again (the item's target may have changed).
            int carried = jdbc.sql("""
                    insert into cases_form_definition (item_code, item_version, revision, fields, derived)
                    select item_code, ?, 1, fields, derived from cases_form_definition
                    where item_code = ? and item_version < ? and not derived order by item_version desc, revision desc limit 1
                    on conflict do nothing""").params(version, code, version).update();
            if (carried == 1) {
                return find(code, version).orElseThrow();
            }
            FormDefinition derived = DefaultForms.derive(item);
            jdbc.sql("insert into cases_form_definition (item_code, item_version, revision, fields, derived) "
                            + "values (?, ?, 1, cast(? as jsonb), true) on conflict do nothing")
                    .params(code, version, Json.write(derived.fields())).update();
            return find(code, version).orElseThrow();
        });
    }

    /** The newest revision. */
    public Optional<FormDefinition> find(String code, int version) {
        return jdbc.sql("select revision, fields from cases_form_definition where item_code = ? and item_version = ? "
                        + "order by revision desc limit 1")
                .params(code, version)
                .query((rs, n) -> new FormDefinition(code, version, rs.getInt(1), Json.read(rs.getString(2), FIELDS)))
                .optional();
    }

    /** One revision; {@code null} means the newest. */
    public Optional<FormDefinition> find(String code, int version, Integer revision) {
        if (revision == null) {
            return find(code, version);
        }
        return jdbc.sql("select fields from cases_form_definition where item_code = ? and item_version = ? "
                        + "and revision = ?")
                .params(code, version, revision)
                .query((rs, n) -> new FormDefinition(code, version, revision, Json.read(rs.getString(1), FIELDS)))
                .optional();
    }

    /**
     * Stores the next revision of the version's form; the row lock on the newest revision serializes two
     * administrators publishing at once (the primary key refuses the loser, who may simply try again).
     */
    public int publish(String code, int version, List<FormField> fields, UUID by) {
        Integer current = jdbc.sql("select max(revision) from cases_form_definition where item_code = ? "
                + "and item_version = ?").params(code, version).query(Integer.class).single();
        int next = current == null ? 1 : current + 1;
        jdbc.sql("insert into cases_form_definition (item_code, item_version, revision, fields, derived, "
                        + "published_by) values (?, ?, ?, cast(? as jsonb), false, ?)")
                .params(code, version, next, Json.write(fields), by).update();
        return next;
    }
}

package org.tongban.cases.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.cases.ProcessAdministration;
import org.tongban.cases.ProcessDefinition;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ItemDetail;
import org.tongban.identity.StaffRole;

/**
 * Process definitions per implementation item and version, as data. An item without one gets, on first use, the
 * standard process of its basic item (a template) or else the default derived from its guide; a case names the
 * version it started with, so later edits never change a running case.
 */
@Repository
public class ProcessDefinitions {

    /** Committed versions seen so far; at most this many are kept (a province has thousands of items). */
    static final int CACHED_VERSIONS = 2_000;

    private final JdbcClient jdbc;
    /**
     * Versions read from the database once they are known to be committed. A stored version is never changed or
     * deleted (an edit publishes the next one), so a cached one is right on every node and needs no invalidation; the
     * engine reads the definition of a case on every action.
     */
    private final CommittedVersions<ProcessDefinition> committed = new CommittedVersions<>(CACHED_VERSIONS);

    ProcessDefinitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored form: what the JSON holds (item code and version live in the key columns). */
    record Stored(String name, boolean joint, List<ProcessDefinition.Node> nodes) {
    }

    /** The latest version for the item, derived and stored first if it has none. */
    public ProcessDefinition current(ItemDetail item) {
        String code = item.summary().code();
        return latest(code).orElseGet(() -> {
            Stored derived = jdbc.sql("select definition from cases_process_template where basic_code = ?")
                    .param(item.summary().basicCode()).query(String.class).optional()
                    .map(json -> Json.read(json, new tools.jackson.core.type.TypeReference<Stored>() {
                    }))
                    .orElseGet(() -> derive(item));
            jdbc.sql("insert into cases_process_definition (item_code, version, definition, derived) "
                            + "values (?, 1, cast(? as jsonb), true) on conflict do nothing")
                    .params(code, Json.write(derived)).update();
            return latest(code).orElseThrow();
        });
    }

    public Optional<ProcessDefinition> latest(String itemCode) {
        return jdbc.sql("select version from cases_process_definition where item_code = ? order by version desc "
                        + "limit 1")
                .param(itemCode).query(Integer.class).optional().flatMap(version -> findVersion(itemCode, version));
    }

    public ProcessDefinition version(String itemCode, int version) {
        return findVersion(itemCode, version).orElseThrow(() -> new EmptyResultDataAccessException(1));
    }

    /** One version, if the item has it. */
    public Optional<ProcessDefinition> findVersion(String itemCode, int version) {
        ProcessDefinition cached = committed.get(itemCode, version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProcessDefinition> found = jdbc.sql("select definition from cases_process_definition "
                        + "where item_code = ? and version = ?")
                .params(itemCode, version).query((rs, n) -> of(itemCode, version, rs.getString(1))).optional();
        found.ifPresent(definition -> committed.remember(itemCode, version, definition));
        return found;
    }

    /** Stores a new version (after validation by the caller) published by the named staff member; answers its number. */
    public int publish(String itemCode, String name, boolean joint, List<ProcessDefinition.Node> nodes,
            UUID publishedBy, String publisherName) {
        return jdbc.sql("""
                insert into cases_process_definition (item_code, version, definition, derived, published_by,
                                                      published_by_name)
                select ?, coalesce(max(version), 0) + 1, cast(? as jsonb), false, ?, ?
                from cases_process_definition where item_code = ? returning version""")
                .params(itemCode, Json.write(new Stored(name, joint, nodes)), publishedBy, publisherName, itemCode)
                .query(Integer.class).single();
    }

    /** Every version of the item's definition, newest first, with the number of cases still running on each. */
    public List<ProcessAdministration.Version> versions(String itemCode) {
        return jdbc.sql("""
                select d.version, d.definition ->> 'name' as name, d.derived, d.published_at, d.published_by_name,
                       (select count(*) from cases_case c where c.item_code = d.item_code
                            and c.definition_version = d.version and c.state <> 'COMPLETED') as open_cases
                from cases_process_definition d where d.item_code = ? order by d.version desc""")
                .param(itemCode)
                .query((rs, n) -> new ProcessAdministration.Version(rs.getInt("version"), rs.getString("name"),
                        rs.getBoolean("derived"), rs.getTimestamp("published_at").toInstant(),
                        rs.getString("published_by_name"), rs.getInt("open_cases")))
                .list();
    }

    private static ProcessDefinition of(String code, int version, String json) {
        Stored s = Json.read(json, new tools.jackson.core.type.TypeReference<Stored>() {
        });
        return new ProcessDefinition(code, version, s.name(), s.joint(), s.nodes());
    }

    /**
     * The default process from the guide: a 即办件 is decided on the spot by the window officer (DOMAIN §4);
     * otherwise 审查 by a reviewer, 决定 by the approver (who may send it back to review), 制证 within 10 working days
     * of the decision (行政许可法 Art. 44) and 送达.
     */
    static Stored derive(ItemDetail item) {
        boolean immediate = item.guide().handling() == Guide.Handling.IMMEDIATE;
        String name = item.summary().name();
        var start = node("accept", "受理", ProcessDefinition.Kind.START, null, null, immediate ? "decide" : "review",
                null, List.of(), null);
        var end = node("end", "办结", ProcessDefinition.Kind.END, null, null, null, null, List.of(), null);
        var deliver = node("deliver", "送达", ProcessDefinition.Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "end", null,
                List.of(), null);
        if (immediate) {
            var decide = node("decide", "决定", ProcessDefinition.Kind.DECISION, "ITEM", StaffRole.WINDOW_OFFICER,
                    "deliver", "deliver", List.of(), null);
            return new Stored(name, false, List.of(start, decide, deliver, end));
        }
        var review = node("review", "审查", ProcessDefinition.Kind.TASK, "ITEM", StaffRole.REVIEWER, "decide", null,
                List.of(), null);
        var decide = node("decide", "决定", ProcessDefinition.Kind.DECISION, "ITEM", StaffRole.APPROVER, "certify",
                "deliver", List.of("review"), null);
        var certify = node("certify", "制证", ProcessDefinition.Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "deliver",
                null, List.of(), 10);
        return new Stored(name, false, List.of(start, review, decide, certify, deliver, end));
    }

    private static ProcessDefinition.Node node(String id, String name, ProcessDefinition.Kind kind, String body,
            StaffRole role, String next, String refusedNext, List<String> returnTo, Integer days) {
        return new ProcessDefinition.Node(id, name, kind, body, role, next, refusedNext, List.of(), returnTo,
                List.of(), days);
    }
}

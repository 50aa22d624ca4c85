package org.tongban.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.cases.ApplicationStatus;
import org.tongban.cases.ApplicationSummary;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Channel;

import tools.jackson.core.type.TypeReference;

/** Applications, their materials, correction requests and timelines in PostgreSQL. */
@Repository
public class ApplicationStore {

    private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<List<ApplicationView.Deficiency>> DEFICIENCIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final org.tongban.identity.PersonalData personalData;

    @org.springframework.beans.factory.annotation.Autowired
    ApplicationStore(JdbcClient jdbc, org.tongban.identity.PersonalData personalData) {
        this.personalData = personalData;
        this.jdbc = jdbc;
    }

    /** The stored row of an application. */
    public record Row(UUID id, UUID applicantAccount, String applicantName, String applicantIdType,
            String applicantIdMasked, UUID companyAccount, String companyName, String companyCreditCode,
            String itemCode, int itemVersion, String itemName, UUID bodyId, String bodyName, ApplicationStatus status,
            Map<String, String> values, String submitKey, String caseNumber, Channel channel, Instant createdAt,
            Instant updatedAt, Instant receivedAt, LocalDate receivedOn, LocalDate decisionDue, LocalDate acceptedOn,
            boolean acceptedByLaw, String decisionReason, String legalRemedy, long version, Integer formRevision) {
    }

    public record NewDraft(UUID id, UUID applicant, String applicantName, String idType, String idMasked,
            UUID company, String companyName, String companyCreditCode, String itemCode, int itemVersion,
            String itemName, UUID bodyId, String bodyName, Map<String, String> values, String startKey, Instant now) {
    }

    /** Inserts the draft unless the applicant already started one with the same key; answers the draft's id. */
    public UUID insertDraft(NewDraft d) {
        int inserted = jdbc.sql("""
                insert into cases_application (id, applicant_account, applicant_name, applicant_id_type,
                    applicant_id_masked, company_account, company_name, company_credit_code, item_code, item_version,
                    item_name, body_id, body_name, status, form_values_sealed, start_key, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?)
                on conflict (applicant_account, start_key) where start_key is not null do nothing""")
                .params(d.id(), d.applicant(), d.applicantName(), d.idType(), d.idMasked(), d.company(),
                        d.companyName(), d.companyCreditCode(), d.itemCode(), d.itemVersion(), d.itemName(), d.bodyId(),
                        d.bodyName(), seal(d.values()), d.startKey(), ts(d.now()), ts(d.now()))
                .update();
        if (inserted == 1) {
            addStep(d.id(), d.now(), "CREATED", d.applicant(), d.applicantName(), null);
            return d.id();
        }
        return jdbc.sql("select id from cases_application where applicant_account = ? and start_key = ?")
                .params(d.applicant(), d.startKey()).query(UUID.class).single();
    }

    /** The draft the applicant already started with this key (a retried start), if any. */
    public Optional<UUID> draftStartedWith(UUID applicant, String startKey) {
        return jdbc.sql("select id from cases_application where applicant_account = ? and start_key = ?")
                .params(applicant, startKey).query(UUID.class).optional();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select * from cases_application where id = ?").param(id).query(this::row)
                .optional();
    }

    /** The row, locked until the transaction ends (serializes submissions of the same application). */
    public Optional<Row> lock(UUID id) {
        return jdbc.sql("select * from cases_application where id = ? for update").param(id)
                .query(this::row).optional();
    }

    public void updateValues(UUID id, Map<String, String> values, Instant now) {
        jdbc.sql("update cases_application set form_values = '{}', form_values_sealed = ?, updated_at = ?, "
                + "version = version + 1 where id = ?").params(seal(values), ts(now), id).update();
    }

    public void touch(UUID id, Instant now) {
        jdbc.sql("update cases_application set updated_at = ?, version = version + 1 where id = ?")
                .params(ts(now), id).update();
    }

    public void markSubmitted(UUID id, String caseNumber, Channel channel, String submitKey, Instant now,
            LocalDate receivedOn, LocalDate due, int formRevision) {
        jdbc.sql("""
                update cases_application set status = 'SUBMITTED', case_number = coalesce(case_number, ?), channel = ?,
                    form_revision = ?,
                    submit_key = ?, first_submitted_at = coalesce(first_submitted_at, ?), received_at = ?,
                    received_on = ?, decision_due = ?, updated_at = ?, version = version + 1
                where id = ?""")
                .params(caseNumber, channel.name(), formRevision, submitKey, ts(now), ts(now), receivedOn,
                        due, ts(now), id)
                .update();
    }

    /**
     * Moves the application from one of {@code from} to {@code to} if it is still at {@code version}: the
     * optimistic lock that lets exactly one of two officers acting at once succeed.
     *
     * @return whether it moved
     */
    public boolean transition(UUID id, long version, List<ApplicationStatus> from, ApplicationStatus to,
            Instant now, UUID officer, LocalDate acceptedOn, String reason, String remedy) {
        return jdbc.sql("""
                update cases_application set status = ?, decided_at = case when ? in ('ACCEPTED', 'NOT_ACCEPTED')
                        then ? else decided_at end,
                    decided_by = coalesce(?, decided_by), accepted_on = coalesce(?, accepted_on),
                    decision_reason = coalesce(?, decision_reason), legal_remedy = coalesce(?, legal_remedy),
                    updated_at = ?, version = version + 1
                where id = ? and version = ? and status in (:from)""".replace(":from",
                        String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList())))
                .params(to.name(), to.name(), ts(now), officer, acceptedOn,
                        reason, remedy, ts(now), id, version)
                .update() == 1;
    }

    public void delete(UUID id) {
        jdbc.sql("delete from cases_application where id = ?").param(id).update();
    }

    public List<ApplicationSummary> ofApplicant(UUID account) {
        return jdbc.sql("""
                select a.*, case when c.paused_since is not null and c.state = 'RUNNING' then 'PAUSED' else c.state end
                    as handling, c.outcome as handling_outcome
                from cases_application a left join cases_case c on c.application_id = a.id
                where a.applicant_account = ? order by a.updated_at desc limit 200""")
                .param(account).query((rs, n) -> summary(row(rs, false), rs.getString("handling"),
                        rs.getString("handling_outcome"))).list();
    }

    public List<ApplicationSummary> queue(UUID body, List<ApplicationStatus> statuses) {
        return jdbc.sql("select * from cases_application where body_id = ? and status in (:s) "
                        .replace(":s", String.join(",", statuses.stream().map(s -> "'" + s.name() + "'").toList()))
                        + "order by received_at limit 500")
                .param(body).query((rs, n) -> summary(row(rs, false), null, null)).list();
    }

    // --- materials

    public record MaterialRow(UUID id, int index, String requirementName, String fileName, String contentType,
            long size, String sha256, String storageKey, Instant uploadedAt) {
    }

    /** The application's files, by slot and, within a slot, in the applicant's order. */
    public List<MaterialRow> materials(UUID application) {
        return jdbc.sql("select * from cases_material where application_id = ? order by requirement_index, position")
                .param(application)
                .query((rs, n) -> new MaterialRow(rs.getObject("id", UUID.class), rs.getInt("requirement_index"),
                        rs.getString("requirement_name"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    /**
     * Replaces every file of the slot with this one; answers the storage keys of the replaced files nothing else
     * refers to any more (for the caller to delete).
     */
    public List<String> putMaterial(UUID application, MaterialRow m) {
        List<String> previous = removeMaterial(application, m.index());
        insertMaterial(application, m, 0);
        return previous;
    }

    /** Adds the file after the slot's last one (another page of a scanned material). */
    public void addPage(UUID application, MaterialRow m) {
        int next = jdbc.sql("select coalesce(max(position) + 1, 0) from cases_material where application_id = ? "
                        + "and requirement_index = ?")
                .params(application, m.index()).query(Integer.class).single();
        insertMaterial(application, m, next);
    }

    private void insertMaterial(UUID application, MaterialRow m, int position) {
        jdbc.sql("""
                insert into cases_material (id, application_id, requirement_index, requirement_name, file_name,
                    content_type, size_bytes, sha256, storage_key, uploaded_at, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), application, m.index(), m.requirementName(), m.fileName(), m.contentType(), m.size(),
                        m.sha256(), m.storageKey(), ts(m.uploadedAt()), position)
                .update();
    }

    /**
     * Removes every file of the slot; answers the storage keys of those nothing refers to any more (another
     * application's material or a library entry of 我的材料 may share a file), so the caller deletes them.
     */
    public List<String> removeMaterial(UUID application, int index) {
        return unreferenced(jdbc.sql("delete from cases_material where application_id = ? and requirement_index = ? "
                        + "returning storage_key")
                .params(application, index).query(String.class).list());
    }

    /** Removes one file of the slot; answers its storage key when nothing refers to it any more. */
    public Optional<List<String>> removeFile(UUID application, int index, UUID material) {
        List<String> removed = jdbc.sql("delete from cases_material where application_id = ? and requirement_index = ? "
                        + "and id = ? returning storage_key")
                .params(application, index, material).query(String.class).list();
        return removed.isEmpty() ? Optional.empty() : Optional.of(unreferenced(removed));
    }

    /**
     * Puts the slot's files in the given order (positions 0, 1, ...); false unless {@code order} names exactly the
     * slot's files. Positions are unique per slot at commit, so the renumbering runs in one transaction.
     */
    public boolean reorder(UUID application, int index, List<UUID> order) {
        List<UUID> current = jdbc.sql("select id from cases_material where application_id = ? and requirement_index = ? "
                        + "order by position for update")
                .params(application, index).query(UUID.class).list();
        if (current.size() != order.size() || !new java.util.HashSet<>(current).equals(new java.util.HashSet<>(order))) {
            return false;
        }
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update cases_material set position = ? where id = ?").params(i, order.get(i)).update();
        }
        return true;
    }

    private List<String> unreferenced(List<String> keys) {
        return keys.stream().distinct().filter(key -> !referenced(key)).toList();
    }

    /** Whether an application's material or a library entry still refers to the stored file. */
    public boolean referenced(String storageKey) {
        return jdbc.sql("select exists (select 1 from cases_material where storage_key = :key) "
                        + "or exists (select 1 from cases_material_library where storage_key = :key)")
                .param("key", storageKey).query(Boolean.class).single();
    }

    // --- timeline and corrections

    public void addStep(UUID application, Instant at, String kind, UUID actor, String actorName, String note) {
        jdbc.sql("insert into cases_step (application_id, at, kind, actor, actor_name, note) values (?, ?, ?, ?, ?, ?)")
                .params(application, ts(at), kind, actor, actorName, note).update();
    }

    public List<ApplicationView.Step> steps(UUID application) {
        return jdbc.sql("select at, kind, actor_name, note, node_name, body_name from cases_step "
                        + "where application_id = ? order by id")
                .param(application)
                .query((rs, n) -> new ApplicationView.Step(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    public void addCorrection(UUID application, Instant at, UUID officer, List<ApplicationView.Deficiency> items) {
        jdbc.sql("insert into cases_correction_request (id, application_id, requested_at, officer, items) "
                        + "values (?, ?, ?, ?, cast(? as jsonb))")
                .params(UUID.randomUUID(), application, ts(at), officer, Json.write(items)).update();
    }

    /** Every material or field ({@code kind:target}) an earlier correction notice of the application asked for. */
    public java.util.Set<String> correctionTargets(UUID application) {
        java.util.Set<String> targets = new java.util.HashSet<>();
        jdbc.sql("select items from cases_correction_request where application_id = ?").param(application)
                .query((rs, n) -> Json.read(rs.getString(1), DEFICIENCIES)).list()
                .forEach(items -> items.forEach(d -> targets.add(d.kind() + ":" + d.target())));
        return targets;
    }

    public void resolveCorrections(UUID application, Instant at) {
        jdbc.sql("update cases_correction_request set resolved_at = ? where application_id = ? and resolved_at is null")
                .params(ts(at), application).update();
    }

    public Optional<ApplicationView.Correction> latestCorrection(UUID application) {
        return jdbc.sql("select id, requested_at, items, resolved_at from cases_correction_request "
                        + "where application_id = ? order by requested_at desc limit 1")
                .param(application)
                .query((rs, n) -> new ApplicationView.Correction(rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(), Json.read(rs.getString(3), DEFICIENCIES),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .optional();
    }

    private static ApplicationSummary summary(Row r, String handling, String outcome) {
        return new ApplicationSummary(r.id(), r.status(), r.itemCode(), r.itemName(), r.bodyName(), r.applicantName(),
                r.companyName(), r.caseNumber(), r.updatedAt(), r.receivedOn(), r.decisionDue(), r.acceptedByLaw(),
                handling, outcome);
    }

    private String seal(Map<String, String> values) {
        return personalData.encrypt(Json.write(values));
    }

    /** The form values: sealed (DOMAIN §8), or, in a row written before sealing began, as they were stored. */
    private Map<String, String> values(ResultSet rs) throws SQLException {
        String sealed = rs.getString("form_values_sealed");
        return Json.read(sealed != null ? personalData.decrypt(sealed) : rs.getString("form_values"), VALUES);
    }

    /**
     * Seals the form values of rows written before sealing began (or inserted by hand), a batch at a time; rows
     * another node is sealing are skipped. Answers how many were sealed.
     */
    public int sealClearValues(int batch) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select id, form_values::text as values from cases_application
                where form_values_sealed is null and form_values <> '{}'::jsonb
                limit ? for update skip locked""").param(batch).query().listOfRows();
        for (Map<String, Object> r : rows) {
            jdbc.sql("update cases_application set form_values_sealed = ?, form_values = '{}' where id = ?")
                    .params(personalData.encrypt((String) r.get("values")), r.get("id")).update();
        }
        return rows.size();
    }

    Row row(ResultSet rs, int n) throws SQLException {
        return row(rs, true);
    }

    /** A row; lists (summaries) leave the sealed form values closed, as they show none of them. */
    private Row row(ResultSet rs, boolean withValues) throws SQLException {
        String channel = rs.getString("channel");
        return new Row(rs.getObject("id", UUID.class), rs.getObject("applicant_account", UUID.class),
                rs.getString("applicant_name"), rs.getString("applicant_id_type"), rs.getString("applicant_id_masked"),
                rs.getObject("company_account", UUID.class), rs.getString("company_name"),
                rs.getString("company_credit_code"), rs.getString("item_code"), rs.getInt("item_version"),
                rs.getString("item_name"), rs.getObject("body_id", UUID.class), rs.getString("body_name"),
                ApplicationStatus.valueOf(rs.getString("status")), withValues ? values(rs) : Map.of(),
                rs.getString("submit_key"), rs.getString("case_number"),
                channel == null ? null : Channel.valueOf(channel), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "received_at"), date(rs, "received_on"),
                date(rs, "decision_due"), date(rs, "accepted_on"), rs.getBoolean("accepted_by_law"),
                rs.getString("decision_reason"), rs.getString("legal_remedy"), rs.getLong("version"),
                rs.getObject("form_revision", Integer.class));
    }

    // java.time values across JDBC: the driver needs no Calendar for them (see ProcessStore).

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package org.tongban.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Running cases, their tasks (tokens), special procedures and extensions in PostgreSQL. */
@Repository
public class ProcessStore {

    private final JdbcClient jdbc;

    ProcessStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record CaseRow(UUID applicationId, String itemCode, int definitionVersion, String state, boolean joint,
            LocalDate acceptedOn, String dayKind, int limitDays, LocalDate dueOn, LocalDate legalDueOn,
            LocalDate pausedSince, int pausedDays, int extensionDays, boolean refusalProposed, String outcome,
            String decisionNumber, String decisionReason, String legalBasis, String legalRemedy, LocalDate decidedOn,
            Instant decidedAt, Instant completedAt, long version, UUID decisionBodyId, Integer decisionYear,
            Integer decisionSequence) {
    }

    public record TaskRow(UUID id, UUID applicationId, String nodeId, String nodeName, String nodeKind,
            String branchId, String branchName, UUID blockRun, UUID bodyId, String bodyName, String role,
            String status, Instant createdAt, LocalDate startedOn, LocalDate dueOn, LocalDate pausedSince,
            int pausedDays, String outcome, String opinion, UUID actedBy, String actedByName, Instant completedAt,
            long version, UUID holderId, String holderName, Instant heldSince) {
    }

    public void insertCase(UUID application, String itemCode, int definitionVersion, boolean joint,
            LocalDate acceptedOn, String dayKind, int limitDays, LocalDate dueOn, LocalDate legalDueOn) {
        jdbc.sql("""
                insert into cases_case (application_id, item_code, definition_version, state, joint, accepted_on,
                    day_kind, limit_days, due_on, legal_due_on)
                values (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)""")
                .params(application, itemCode, definitionVersion, joint, acceptedOn, dayKind, limitDays,
                        dueOn, legalDueOn)
                .update();
    }

    public Optional<CaseRow> findCase(UUID application) {
        return jdbc.sql("select * from cases_case where application_id = ?").param(application)
                .query(ProcessStore::caseRow).optional();
    }

    /** The case row locked until the transaction ends: transitions of one case run one after another. */
    public Optional<CaseRow> lockCase(UUID application) {
        return jdbc.sql("select * from cases_case where application_id = ? for update").param(application)
                .query(ProcessStore::caseRow).optional();
    }

    /** Bumps the case's version (every transition does). */
    public void touchCase(UUID application) {
        jdbc.sql("update cases_case set version = version + 1 where application_id = ?").param(application).update();
    }

    public void setRefusalProposed(UUID application, boolean proposed) {
        jdbc.sql("update cases_case set refusal_proposed = ? where application_id = ?").params(proposed, application)
                .update();
    }

    public void pauseCase(UUID application, LocalDate since) {
        jdbc.sql("update cases_case set paused_since = coalesce(paused_since, ?) where application_id = ?")
                .params(since, application).update();
    }

    public void moveCaseDeadlines(UUID application, LocalDate due, LocalDate legalDue, Integer excluded,
            Integer extension, boolean resume) {
        jdbc.sql("""
                update cases_case set due_on = ?, legal_due_on = ?, paused_days = paused_days + ?,
                    extension_days = extension_days + ?, paused_since = case when ? then null else paused_since end
                where application_id = ?""")
                .params(due, legalDue, excluded == null ? 0 : excluded, extension == null ? 0 : extension,
                        resume, application)
                .update();
    }

    public void decide(UUID application, String outcome, DecisionNumbers.Assigned number, String reason,
            String basis, String remedy, LocalDate on, Instant at, UUID officer) {
        jdbc.sql("""
                update cases_case set state = 'DECIDED', outcome = ?, decision_number = ?, decision_body_id = ?,
                    decision_year = ?, decision_sequence = ?, decision_reason = ?, legal_basis = ?, legal_remedy = ?,
                    decided_on = ?, decided_at = ?, decided_by = ?
                where application_id = ?""")
                .params(outcome, number.number(), number.body(), number.year(), number.sequence(), reason, basis,
                        remedy, on, ts(at), officer, application)
                .update();
    }

    public void complete(UUID application, Instant at) {
        jdbc.sql("update cases_case set state = 'COMPLETED', completed_at = ? where application_id = ?")
                .params(ts(at), application).update();
    }

    // --- tasks

    /**
     * Stores an open task with a copy of its application's case number and item code (the deadline scan reports them
     * without reading the application).
     */
    public void insertTask(TaskRow t, String caseNumber, String itemCode) {
        jdbc.sql("""
                insert into cases_task (id, application_id, node_id, node_name, node_kind, branch_id, branch_name,
                    block_run, body_id, body_name, role, status, created_at, started_on, due_on, case_number,
                    item_code)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)""")
                .params(t.id(), t.applicationId(), t.nodeId(), t.nodeName(), t.nodeKind(), t.branchId(),
                        t.branchName(), t.blockRun(), t.bodyId(), t.bodyName(), t.role(), ts(t.createdAt()),
                        t.startedOn(), t.dueOn(), caseNumber, itemCode)
                .update();
    }

    public Optional<TaskRow> findTask(UUID id) {
        return jdbc.sql("select * from cases_task where id = ?").param(id).query(ProcessStore::taskRow).optional();
    }

    public List<TaskRow> tasksOf(UUID application) {
        return jdbc.sql("select * from cases_task where application_id = ? order by created_at, branch_id")
                .param(application).query(ProcessStore::taskRow).list();
    }

    public List<TaskRow> openTasks(UUID application) {
        return jdbc.sql("select * from cases_task where application_id = ? and status = 'OPEN' order by branch_id")
                .param(application).query(ProcessStore::taskRow).list();
    }

    public List<TaskRow> branchesOf(UUID blockRun) {
        return jdbc.sql("select * from cases_task where block_run = ? order by branch_id").param(blockRun)
                .query(ProcessStore::taskRow).list();
    }

    /**
     * Closes the task if it is still open at {@code version}: the optimistic lock that lets exactly one of two
     * officers acting on the same task succeed.
     */
    public boolean completeTask(UUID id, long version, String status, String outcome, String opinion, UUID actor,
            String actorName, Instant at) {
        return jdbc.sql("""
                update cases_task set status = ?, outcome = ?, opinion = ?, acted_by = ?, acted_by_name = ?,
                    completed_at = ?, version = version + 1
                where id = ? and version = ? and status = 'OPEN' and (holder_id is null or holder_id = ?)""")
                .params(status, outcome, opinion, actor, actorName, ts(at), id, version, actor).update() == 1;
    }

    /**
     * Closes an open task at {@code version} as done with {@code outcome}; unless {@code anyHolder}, only when nobody
     * or the actor holds it.
     */
    public boolean completeTaskAs(UUID id, long version, String outcome, String opinion, UUID actor,
            String actorName, Instant at, boolean anyHolder) {
        return jdbc.sql("""
                update cases_task set status = 'DONE', outcome = ?, opinion = ?, acted_by = ?, acted_by_name = ?,
                    completed_at = ?, version = version + 1
                where id = ? and version = ? and status = 'OPEN' and (? or holder_id is null or holder_id = ?)""")
                .params(outcome, opinion, actor, actorName, ts(at), id, version, anyHolder, actor).update() == 1;
    }

    /** Bumps an open task's version (a pause or resume is a transition too), unless another officer holds it. */
    public boolean touchTask(UUID id, long version, UUID actor) {
        return jdbc.sql("update cases_task set version = version + 1 where id = ? and version = ? and status = 'OPEN' "
                + "and (holder_id is null or holder_id = ?)").params(id, version, actor).update() == 1;
    }

    // --- claims (认领 / 分派)

    /** Takes an unheld open task for {@code holder}: false when it is closed or someone holds it already. */
    public boolean claim(UUID id, UUID holder, String holderName, Instant at) {
        return jdbc.sql("""
                update cases_task set holder_id = ?, holder_name = ?, held_since = ?
                where id = ? and status = 'OPEN' and holder_id is null""")
                .params(holder, holderName, ts(at), id).update() == 1;
    }

    /** Gives back an open task {@code holder} holds: false when they do not hold it (any more). */
    public boolean release(UUID id, UUID holder) {
        return jdbc.sql("""
                update cases_task set holder_id = null, holder_name = null, held_since = null
                where id = ? and status = 'OPEN' and holder_id = ?""")
                .params(id, holder).update() == 1;
    }

    /**
     * Hands an open task to {@code holder} if it is still held by {@code seenHolder} (null: unheld), so an
     * assignment never silently overrides a claim made in the meantime.
     */
    public boolean assign(UUID id, UUID seenHolder, UUID holder, String holderName, Instant at) {
        return jdbc.sql("""
                update cases_task set holder_id = ?, holder_name = ?, held_since = ?
                where id = ? and status = 'OPEN' and holder_id is not distinct from ?""")
                .params(holder, holderName, ts(at), id, seenHolder).update() == 1;
    }

    public void pauseTask(UUID id, LocalDate since) {
        jdbc.sql("update cases_task set paused_since = ? where id = ?").params(since, id).update();
    }

    public void resumeTask(UUID id, LocalDate due, int excluded) {
        // The deadline scan's row comes back at level 0 (trigger cases_task_deadline_sync): warnings start again.
        jdbc.sql("update cases_task set paused_since = null, due_on = ?, paused_days = paused_days + ? where id = ?")
                .params(due, excluded, id).update();
    }

    public void moveTaskDue(UUID id, LocalDate due) {
        // A new due date restarts the warnings (trigger cases_task_deadline_sync).
        jdbc.sql("update cases_task set due_on = ? where id = ?").params(due, id).update();
    }

    public void cancelOpen(UUID application, Instant at) {
        jdbc.sql("update cases_task set status = 'CANCELLED', completed_at = ?, version = version + 1 "
                + "where application_id = ? and status = 'OPEN'").params(ts(at), application).update();
    }

    /** A to-do entry: the task with what the list shows of its case. */
    public record Todo(TaskRow task, String caseNumber, String itemName, String applicantName, String companyName) {
    }

    /** Which open tasks of a body a to-do list shows. */
    public enum TodoScope {
        /** Held by the officer. */
        HELD_BY,
        /** Held by nobody, of the officer's roles. */
        UNHELD,
        /** Of the officer's roles, whoever holds them. */
        ROLES,
        /** Every open task of the body (for those who assign work). */
        EVERY
    }

    /**
     * One page of a body's open tasks, running ones before paused ones, then by due date; read in the order of the
     * index {@code cases_task_todo_order}, so a page costs the same with ten or a hundred thousand open tasks.
     */
    /**
     * A page of the body's open tasks, running before paused, then by due date. Each filter reads an index in that
     * order and stops after the page: by body for every task, by body and role for the officer's roles (one ordered
     * read per role, merged), by holder for the officer's own. An officer whose roles hold few of the body's many
     * open tasks so never walks past the others.
     */
    public List<Todo> todo(UUID body, List<String> roles, TodoScope scope, UUID officer, int offset, int limit) {
        if (roles.isEmpty() && scope != TodoScope.HELD_BY) {
            return List.of();
        }
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("body", body)
                .addValue("officer", officer).addValue("limit", limit).addValue("offset", offset)
                .addValue("window", offset + limit);
        String select = """
                select t.*, a.case_number, a.item_name, a.applicant_name, a.company_name,
                    (t.paused_since is not null) as paused_last
                from cases_task t join cases_application a on a.id = t.application_id
                where t.body_id = :body and t.status = 'OPEN'""";
        // The id last: tasks created in one transaction share created_at, and pages must not overlap.
        String order = " order by (t.paused_since is not null), t.due_on, t.created_at, t.id";
        String sql = switch (scope) {
            case HELD_BY -> select + " and t.holder_id = :officer" + order + " limit :limit offset :offset";
            case EVERY -> select + order + " limit :limit offset :offset";
            case ROLES, UNHELD -> {
                List<String> parts = new ArrayList<>();
                List<String> distinct = roles.stream().distinct().toList();
                for (int i = 0; i < distinct.size(); i++) {
                    params.addValue("role" + i, distinct.get(i));
                    parts.add("(" + select + " and t.role = :role" + i
                            + (scope == TodoScope.UNHELD ? " and t.holder_id is null" : "") + order
                            + " limit :window)");
                }
                yield "select * from (" + String.join(" union all ", parts)
                        + ") u order by u.paused_last, u.due_on, u.created_at, u.id limit :limit offset :offset";
            }
        };
        return jdbc.sql(sql).paramSource(params)
                .query((rs, n) -> new Todo(taskRow(rs, n), rs.getString("case_number"), rs.getString("item_name"),
                        rs.getString("applicant_name"), rs.getString("company_name")))
                .list();
    }

    public List<Todo> done(UUID actor) {
        return jdbc.sql("""
                select t.*, a.case_number, a.item_name, a.applicant_name, a.company_name
                from cases_task t join cases_application a on a.id = t.application_id
                where t.acted_by = ? and t.status = 'DONE' order by t.completed_at desc limit 100""")
                .param(actor)
                .query((rs, n) -> new Todo(taskRow(rs, n), rs.getString("case_number"), rs.getString("item_name"),
                        rs.getString("applicant_name"), rs.getString("company_name")))
                .list();
    }

    /** Whether the body has (or had) a task on the case: its officers may read the case. */
    public boolean involves(UUID application, UUID body) {
        return jdbc.sql("select exists (select 1 from cases_task where application_id = ? and body_id = ?)")
                .params(application, body).query(Boolean.class).single();
    }

    // --- special procedures and extensions

    public record SpecialProcedure(UUID id, UUID taskId, String kind, String reason, LocalDate startedOn,
            LocalDate endedOn, String result, Integer excludedDays) {
    }

    public void startSpecial(UUID application, UUID task, String kind, String reason, LocalDate on, UUID officer,
            Instant at) {
        jdbc.sql("""
                insert into cases_special_procedure (id, application_id, task_id, kind, reason, started_on,
                    started_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), application, task, kind, reason, on, officer, ts(at)).update();
    }

    public Optional<SpecialProcedure> openSpecial(UUID task) {
        return jdbc.sql("select * from cases_special_procedure where task_id = ? and ended_on is null").param(task)
                .query(ProcessStore::special).optional();
    }

    public void endSpecial(UUID id, LocalDate on, String result, int excluded) {
        jdbc.sql("update cases_special_procedure set ended_on = ?, result = ?, excluded_days = ? where id = ?")
                .params(on, result, excluded, id).update();
    }

    public int openSpecialCount(UUID application) {
        return jdbc.sql("select count(*) from cases_special_procedure where application_id = ? and ended_on is null")
                .param(application).query(Integer.class).single();
    }

    public List<SpecialProcedure> specials(UUID application) {
        return jdbc.sql("select * from cases_special_procedure where application_id = ? order by created_at")
                .param(application).query(ProcessStore::special).list();
    }

    public record Extension(UUID id, String reason, int days, UUID requestedBy, String requestedName,
            Instant requestedAt, String status, UUID decidedBy, Instant decidedAt) {
    }

    /** @return false when the case already has a pending or approved extension (only one, Art. 42) */
    public boolean requestExtension(UUID application, String reason, int days, UUID officer, String name, Instant at) {
        return jdbc.sql("""
                insert into cases_extension (id, application_id, reason, days, requested_by, requested_name,
                    requested_at, status) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')
                on conflict (application_id) where status in ('PENDING', 'APPROVED') do nothing""")
                .params(UUID.randomUUID(), application, reason, days, officer, name, ts(at)).update() == 1;
    }

    public Optional<Extension> extension(UUID application) {
        return jdbc.sql("select * from cases_extension where application_id = ? order by requested_at desc limit 1")
                .param(application)
                .query((rs, n) -> new Extension(rs.getObject("id", UUID.class), rs.getString("reason"),
                        rs.getInt("days"), rs.getObject("requested_by", UUID.class), rs.getString("requested_name"),
                        instant(rs, "requested_at"), rs.getString("status"), rs.getObject("decided_by", UUID.class),
                        instant(rs, "decided_at")))
                .optional();
    }

    public boolean decideExtension(UUID id, String status, UUID approver, Instant at) {
        return jdbc.sql("update cases_extension set status = ?, decided_by = ?, decided_at = ? "
                + "where id = ? and status = 'PENDING'").params(status, approver, ts(at), id).update() == 1;
    }

    // --- history

    public void addStep(UUID application, Instant at, String kind, UUID actor, String actorName, String note,
            String nodeName, String bodyName) {
        jdbc.sql("insert into cases_step (application_id, at, kind, actor, actor_name, note, node_name, body_name) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(application, ts(at), kind, actor, actorName, note, nodeName, bodyName).update();
    }

    private static SpecialProcedure special(ResultSet rs, int n) throws SQLException {
        return new SpecialProcedure(rs.getObject("id", UUID.class), rs.getObject("task_id", UUID.class),
                rs.getString("kind"), rs.getString("reason"), localDate(rs, "started_on"), localDate(rs, "ended_on"),
                rs.getString("result"), (Integer) rs.getObject("excluded_days"));
    }

    static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getObject("application_id", UUID.class), rs.getString("item_code"),
                rs.getInt("definition_version"), rs.getString("state"), rs.getBoolean("joint"),
                localDate(rs, "accepted_on"), rs.getString("day_kind"), rs.getInt("limit_days"),
                localDate(rs, "due_on"), localDate(rs, "legal_due_on"), localDate(rs, "paused_since"),
                rs.getInt("paused_days"), rs.getInt("extension_days"), rs.getBoolean("refusal_proposed"),
                rs.getString("outcome"), rs.getString("decision_number"), rs.getString("decision_reason"),
                rs.getString("legal_basis"), rs.getString("legal_remedy"), localDate(rs, "decided_on"),
                instant(rs, "decided_at"), instant(rs, "completed_at"), rs.getLong("version"),
                rs.getObject("decision_body_id", UUID.class), (Integer) rs.getObject("decision_year"),
                (Integer) rs.getObject("decision_sequence"));
    }

    static TaskRow taskRow(ResultSet rs, int n) throws SQLException {
        return new TaskRow(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                rs.getString("node_id"), rs.getString("node_name"), rs.getString("node_kind"),
                rs.getString("branch_id"), rs.getString("branch_name"), rs.getObject("block_run", UUID.class),
                rs.getObject("body_id", UUID.class), rs.getString("body_name"), rs.getString("role"),
                rs.getString("status"), instant(rs, "created_at"), localDate(rs, "started_on"),
                localDate(rs, "due_on"), localDate(rs, "paused_since"), rs.getInt("paused_days"),
                rs.getString("outcome"), rs.getString("opinion"), rs.getObject("acted_by", UUID.class),
                rs.getString("acted_by_name"), instant(rs, "completed_at"), rs.getLong("version"),
                rs.getObject("holder_id", UUID.class), rs.getString("holder_name"), instant(rs, "held_since"));
    }

    // Dates and instants cross JDBC as java.time values: the driver reads and writes those without the Calendar it
    // needs for java.sql.Date and Timestamp (5 % of the parallel-approval workers' CPU, bench/README.md).

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

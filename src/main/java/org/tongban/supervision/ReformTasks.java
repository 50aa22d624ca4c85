package org.tongban.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * The reform task progress table (工作任务进度表) of a provincial work plan: each task with its lead and responsible
 * bodies (牵头单位 / 责任单位), its quarterly milestones (阶段目标) and the status supervisors keep with a progress note.
 * The plan asks for tasks broken down by quarter and progress reported every month ("工作任务分解到季度，每月通报进展情况",
 * seeds/000). Every staff member may read the table; supervisors of the task's division (or above) change the status,
 * audited.
 */
@Service
public class ReformTasks {

    /** Where a task stands. */
    public enum Status {
        NOT_STARTED, ON_TRACK, DELAYED, DONE
    }

    /** A task of the table as pages and the API show it. */
    public record Task(UUID id, String divisionCode, int planYear, int seq, String title, String leadBodies,
            String responsibleBodies, String source, List<Milestone> milestones, Status status, String note,
            Instant updatedAt, String updatedBy, long version, boolean editable) {
    }

    /** What the plan says should be reached in a quarter. */
    public record Milestone(int quarter, String target) {
    }

    static final int NOTE_MAX = 1000;
    private static final Set<String> STATUSES = Set.of("NOT_STARTED", "ON_TRACK", "DELAYED", "DONE");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    ReformTasks(JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Every task, by plan year and number.
     *
     * @throws SupervisionRefusedException {@code supervision.tasks.staff-only} (403) for anyone but staff
     */
    public List<Task> list(SignedIn who) {
        requireStaff(who);
        Map<UUID, List<Milestone>> milestones = new LinkedHashMap<>();
        jdbc.sql("select task_id, quarter, target from supervision_reform_milestone order by task_id, quarter")
                .query(rs -> {
                    milestones.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Milestone(rs.getInt(2), rs.getString(3)));
                });
        return jdbc.sql(SELECT + " order by plan_year desc, division_code, seq")
                .query((rs, n) -> task(rs, milestones, who)).list();
    }

    /**
     * Sets a task's status and progress note, as a supervisor of its division (audited).
     *
     * @param version the version the editor saw; a change by someone else since is a conflict
     * @throws SupervisionRefusedException {@code supervision.tasks.staff-only} / {@code .editors-only} (403);
     *         {@code supervision.tasks.status-invalid}, {@code .note-required} (a delayed task says why),
     *         {@code .note-too-long} (422); {@code supervision.tasks.changed} (409)
     * @throws NotFoundException {@code supervision.tasks.not-found} (404)
     */
    public Task update(SignedIn who, UUID id, String status, String note, long version) {
        requireStaff(who);
        String text = note == null ? "" : note.strip();
        String state = status == null ? "" : status.strip();
        return transactions.execute(tx -> {
            String division = jdbc.sql("select division_code from supervision_reform_task where id = ? for update")
                    .param(id).query(String.class).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.tasks.not-found", id));
            if (!editable(who, division)) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                        "supervision.tasks.editors-only");
            }
            if (!STATUSES.contains(state)) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.tasks.status-invalid");
            }
            if (text.length() > NOTE_MAX) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.tasks.note-too-long", NOTE_MAX);
            }
            if (state.equals("DELAYED") && text.isEmpty()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.tasks.note-required");
            }
            int changed = jdbc.sql("""
                    update supervision_reform_task set status = ?, note = ?, updated_at = ?, updated_by = ?,
                        version = version + 1 where id = ? and version = ?""")
                    .params(state, text.isEmpty() ? null : text, Timestamp.from(clock.instant()), who.name(), id,
                            version)
                    .update();
            if (changed == 0) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.tasks.changed");
            }
            audit.record(new AuditTrail.Event("supervision", "reform-task.updated", who.accountId(), who.name(),
                    "reform-task", id.toString(), state + (text.isEmpty() ? "" : " " + abbreviate(text))));
            return list(who).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Supervisors of the task's division or of one above it keep its status. */
    static boolean editable(SignedIn who, String taskDivision) {
        return who != null && who.staff() && who.has(StaffRole.SUPERVISOR) && who.staffDivision() != null
                && taskDivision.startsWith(DivisionCode.of(who.staffDivision()).prefix());
    }

    private static void requireStaff(SignedIn who) {
        if (who == null || !who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.tasks.staff-only");
        }
    }

    private static final String SELECT = """
            select id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source, status, note,
                updated_at, updated_by, version from supervision_reform_task""";

    private static Task task(ResultSet rs, Map<UUID, List<Milestone>> milestones, SignedIn who) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        Timestamp updated = rs.getTimestamp(11);
        return new Task(id, rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), List.copyOf(milestones.getOrDefault(id, List.of())),
                Status.valueOf(rs.getString(9)), rs.getString(10), updated == null ? null : updated.toInstant(),
                rs.getString(12), rs.getLong(13), editable(who, rs.getString(2)));
    }
}

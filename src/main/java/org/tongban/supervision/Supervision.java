package org.tongban.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.DeadlineWarnings;
import org.tongban.evaluation.Ratings;
import org.tongban.evaluation.Visits;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * The supervisor's side of electronic supervision (电子监察): lights per body, the warnings of a case, and marking a
 * warning handled. A supervisor sees only bodies of their own division and the divisions below it; anything else is
 * answered as not found.
 */
@Service
public class Supervision {

    private static final int NOTE_MAX = 1000;
    private static final int LIST_LIMIT = 500;

    private final JdbcClient jdbc;
    private final Organization organization;
    private final Ratings ratings;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Findings findings;
    private final JdbcTemplate batches;
    private final Visits visits;
    private final Clock clock = Clock.systemUTC();

    Supervision(JdbcClient jdbc, JdbcTemplate batches, Organization organization, Ratings ratings,
            TransactionTemplate transactions, AuditTrail audit, Findings findings, Visits visits) {
        this.visits = visits;
        this.findings = findings;
        this.jdbc = jdbc;
        this.batches = batches;
        this.organization = organization;
        this.ratings = ratings;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Records a warning once per kind and source (a redelivered event changes nothing). */
    void raise(String kind, UUID sourceId, UUID applicationId, String caseNumber, UUID bodyId, LocalDate dueOn,
            String detail) {
        BodySummary body = organization.body(bodyId);
        jdbc.sql("""
                insert into supervision_warning (id, kind, source_id, application_id, case_number, body_id, body_name,
                    division_code, due_on, detail, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (kind, source_id) do nothing""")
                .params(UUID.randomUUID(), kind, sourceId, applicationId, caseNumber, bodyId, body.name(),
                        body.divisionCode(), dueOn == null ? null : Date.valueOf(dueOn), detail,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Records the lights of one batch of deadline warnings (yellow before and on the last day, red after it;
     * 行政许可法 Art. 42), once per kind and task, in one round trip: a province's morning scan brings tens of
     * thousands at once.
     */
    void raiseDeadlines(List<DeadlineWarnings.Warning> warnings) {
        Map<UUID, BodySummary> bodies = organization.bodies(warnings.stream().map(DeadlineWarnings.Warning::bodyId)
                .toList());
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(warnings.size());
        for (DeadlineWarnings.Warning w : warnings) {
            BodySummary body = bodies.get(w.bodyId());
            if (body == null) {
                throw new NotFoundException("organization.body.not-found", w.bodyId());
            }
            rows.add(new Object[] { UUID.randomUUID(), w.missed() ? "RED" : "YELLOW", w.taskId(), w.applicationId(),
                    w.caseNumber(), w.bodyId(), body.name(), body.divisionCode(), Date.valueOf(w.dueOn()),
                    w.missed() ? null : String.valueOf(w.remainingWorkingDays()), now, w.holderId(), w.holderName() });
        }
        batches.batchUpdate("""
                insert into supervision_warning (id, kind, source_id, application_id, case_number, body_id, body_name,
                    division_code, due_on, detail, raised_at, holder_id, holder_name)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (kind, source_id) do nothing""", rows);
    }

    /**
     * Records the warning of a bad hall-visit rating once per rating: the hall's body and division, the place and the
     * rater masked; no case.
     */
    void raiseForVisit(UUID ratingId, UUID visitId, UUID bodyId, LocalDate dueOn, String level) {
        BodySummary body = organization.body(bodyId);
        Visits.VisitFacts visit = visits.facts(visitId).orElse(null);
        String place = visit == null ? null : visit.hallName() + " · " + visit.windowNumber() + " "
                + visit.windowName() + " · " + visit.itemName();
        jdbc.sql("""
                insert into supervision_warning (id, kind, source_id, visit_id, place, rater_masked, body_id,
                    body_name, division_code, due_on, detail, raised_at)
                values (?, 'BAD_RATING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (kind, source_id) do nothing""")
                .params(UUID.randomUUID(), ratingId, visitId, place == null ? null : truncate(place, 330),
                        visit == null ? null : visit.visitorMasked(), bodyId, body.name(), body.divisionCode(),
                        dueOn == null ? null : Date.valueOf(dueOn), level, Timestamp.from(clock.instant()))
                .update();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Records the start or the end (with the working days excluded) of a special procedure. */
    void special(UUID taskId, UUID applicationId, String caseNumber, String kind, LocalDate startedOn,
            LocalDate resumedOn, int excludedDays) {
        jdbc.sql("""
                insert into supervision_special_procedure (task_id, started_on, application_id, case_number, kind,
                    resumed_on, excluded_days) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (task_id, started_on) do update set resumed_on = coalesce(excluded.resumed_on,
                    supervision_special_procedure.resumed_on), excluded_days = coalesce(excluded.excluded_days,
                    supervision_special_procedure.excluded_days)""")
                .params(taskId, Date.valueOf(startedOn), applicationId, caseNumber, kind,
                        resumedOn == null ? null : Date.valueOf(resumedOn), resumedOn == null ? null : excludedDays)
                .update();
    }

    /** Open lights per body in the supervisor's divisions, the most red first. */
    public List<BodyLights> lights(SignedIn supervisor) {
        String prefix = scope(supervisor);
        return jdbc.sql("""
                select body_id, min(body_name), min(division_code),
                    count(*) filter (where kind = 'YELLOW'), count(*) filter (where kind = 'RED'),
                    count(*) filter (where kind = 'BAD_RATING')
                from supervision_warning where handled_at is null and division_code like ?
                group by body_id order by 5 desc, 6 desc, 4 desc, 2""")
                .params(prefix + "%")
                .query((rs, n) -> new BodyLights(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6)))
                .list();
    }

    /** Warnings in the supervisor's divisions, open ones first (optionally of one body), red before yellow. */
    public List<WarningView> warnings(SignedIn supervisor, UUID bodyId, boolean includeHandled) {
        String prefix = scope(supervisor);
        return jdbc.sql(SELECT + " where division_code like ? and (cast(? as uuid) is null or body_id = ?) "
                        + "and (? or handled_at is null) order by (handled_at is not null), "
                        + "case kind when 'RED' then 0 when 'BAD_RATING' then 1 else 2 end, raised_at desc limit ?")
                .params(prefix + "%", bodyId, bodyId, includeHandled, LIST_LIMIT)
                .query(Supervision::warning).list();
    }

    /** What supervision holds about one case of the supervisor's divisions. */
    public CaseRecord caseRecord(SignedIn supervisor, UUID applicationId) {
        String prefix = scope(supervisor);
        List<WarningView> warnings = jdbc.sql(SELECT + " where application_id = ? and division_code like ? "
                + "order by raised_at").params(applicationId, prefix + "%").query(Supervision::warning).list();
        List<FindingView> found = findings.ofCase(applicationId, prefix);
        if (warnings.isEmpty() && found.isEmpty()) {
            throw new NotFoundException("supervision.case.not-found", applicationId);
        }
        String caseNumber = warnings.isEmpty() ? found.get(0).caseNumber() : warnings.get(0).caseNumber();
        String bodyName = warnings.isEmpty() ? found.get(0).bodyName() : warnings.get(0).bodyName();
        List<SpecialProcedureView> specials = jdbc.sql("""
                select task_id, kind, started_on, resumed_on, excluded_days from supervision_special_procedure
                where application_id = ? order by started_on""").params(applicationId)
                .query((rs, n) -> new SpecialProcedureView(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        rs.getObject(5, Integer.class)))
                .list();
        return new CaseRecord(applicationId, caseNumber, bodyName, warnings, specials,
                ratings.ratingsForSupervision(applicationId), ratings.ofCaseForSupervision(applicationId), found);
    }

    /**
     * Marks a warning handled with the supervisor's note (audited).
     *
     * @throws SupervisionRefusedException {@code supervision.warning.note-missing} (422),
     *         {@code supervision.warning.already-handled} (409)
     */
    public WarningView handle(SignedIn supervisor, UUID warningId, String note) {
        String prefix = scope(supervisor);
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.warning.note-missing");
        }
        if (text.length() > NOTE_MAX) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.warning.note-too-long", NOTE_MAX);
        }
        return transactions.execute(status -> {
            WarningView warning = jdbc.sql(SELECT + " where id = ? and division_code like ? for update")
                    .params(warningId, prefix + "%").query(Supervision::warning).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.warning.not-found", warningId));
            if (warning.handled()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.warning.already-handled");
            }
            Instant now = clock.instant();
            jdbc.sql("update supervision_warning set handled_at = ?, handled_by = ?, handled_note = ? where id = ?")
                    .params(Timestamp.from(now), supervisor.name(), text, warningId).update();
            audit.record(new AuditTrail.Event("supervision", "warning.handled", supervisor.accountId(),
                    supervisor.name(), "warning", warningId.toString(), warning.kind() + " "
                            + (warning.ofVisit() ? warning.place() : warning.caseNumber())));
            return jdbc.sql(SELECT + " where id = ?").params(warningId).query(Supervision::warning).single();
        });
    }

    /** The division prefix the supervisor may see: their division and every division below it. */
    private static String scope(SignedIn supervisor) {
        return Complaints.scope(supervisor);
    }

    private static final String SELECT = """
            select id, kind, source_id, application_id, case_number, body_id, body_name, division_code, due_on, detail,
                raised_at, handled_at, handled_by, handled_note, visit_id, place, rater_masked from supervision_warning""";

    private static WarningView warning(ResultSet rs, int n) throws SQLException {
        Date due = rs.getDate(9);
        Timestamp handled = rs.getTimestamp(12);
        return new WarningView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                rs.getString(8), due == null ? null : due.toLocalDate(), rs.getString(10),
                rs.getTimestamp(11).toInstant(), handled == null ? null : handled.toInstant(), rs.getString(13),
                rs.getString(14), rs.getObject(15, UUID.class), rs.getString(16), rs.getString(17));
    }
}

package org.tongban.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.Applications;
import org.tongban.identity.SignedIn;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Supervisors' oversight of consultations, complaints and reports (咨询/投诉/举报) past their deadline: the overdue ones
 * of the supervisor's division with how many days they are overdue, and urging (催办) the responsible body with a
 * note — recorded, audited and shown to the body in its inbox. The deadline is the petition's own (working days per
 * kind, {@code tongban.supervision.petitions.*-days}); days overdue are calendar days after it, as a citizen counts.
 */
@Service
public class PetitionOversight {

    private static final int NOTE_MAX = 1000;

    /** An open petition past its deadline; {@code urges} how often it was urged, the latest at {@code lastUrgedAt}. */
    public record Overdue(PetitionView petition, long daysOverdue, int urges, Instant lastUrgedAt) {
    }

    /** One urging (催办) as the body and the supervisors see it. */
    public record Urge(UUID id, UUID petitionId, String note, String urgedByName, Instant urgedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    PetitionOversight(JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The open petitions of the supervisor's division past their deadline, the longest overdue first. */
    public List<Overdue> overdue(SignedIn supervisor) {
        String prefix = Complaints.scope(supervisor);
        LocalDate today = today();
        return jdbc.sql(SELECT_OVERDUE + " where p.status = 'OPEN' and p.due_on < ? and p.division_code like ? "
                        + "order by p.due_on, p.submitted_at limit 500")
                .params(Date.valueOf(today), prefix + "%").query((rs, n) -> overdue(rs, today)).list();
    }

    /**
     * Urges the responsible body to answer an overdue petition of the supervisor's division.
     *
     * @throws InvalidFieldException {@code supervision.petition-oversight.note-missing} / {@code .note-too-long}
     *         (400, field {@code note})
     * @throws NotFoundException {@code supervision.petition.not-found} outside the division
     * @throws SupervisionRefusedException {@code supervision.petition-oversight.not-overdue} (422) for a petition
     *         answered or not yet due
     */
    public Urge urge(SignedIn supervisor, UUID petitionId, String note) {
        String prefix = Complaints.scope(supervisor);
        requireInScope(petitionId, prefix);
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw new InvalidFieldException("note",
                    new InvalidValueException("supervision.petition-oversight.note-missing", note));
        }
        if (text.length() > NOTE_MAX) {
            throw new InvalidFieldException("note",
                    new InvalidValueException("supervision.petition-oversight.note-too-long", null, NOTE_MAX));
        }
        return transactions.execute(status -> {
            PetitionView petition = jdbc.sql(Petitions.SELECT + " where id = ? and division_code like ? for update")
                    .params(petitionId, prefix + "%").query(Petitions::petition).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.petition.not-found", petitionId));
            if (petition.answered() || !petition.dueOn().isBefore(today())) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.petition-oversight.not-overdue");
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            jdbc.sql("""
                    insert into supervision_petition_urge (id, petition_id, body_id, note, urged_by, urged_by_name,
                        urged_at) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, petitionId, petition.bodyId(), text, supervisor.accountId(), supervisor.name(),
                            Timestamp.from(now))
                    .update();
            audit.record(new AuditTrail.Event("supervision", "petition.urged", supervisor.accountId(),
                    supervisor.name(), "petition", petitionId.toString(), petition.bodyName()));
            return new Urge(id, petitionId, text, supervisor.name(), now);
        });
    }

    /** The urgings of the staff member's body, newest first: what the body's inbox shows next to each petition. */
    public List<Urge> ofBody(SignedIn staff) {
        if (staff == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (!staff.staff() || staff.staffBody() == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.body-staff-only");
        }
        return jdbc.sql(SELECT_URGE + " where body_id = ? order by urged_at desc limit 500").param(staff.staffBody())
                .query(PetitionOversight::urge).list();
    }

    /** The urgings of one petition of the supervisor's division, oldest first. */
    public List<Urge> ofPetition(SignedIn supervisor, UUID petitionId) {
        String prefix = Complaints.scope(supervisor);
        requireInScope(petitionId, prefix);
        return jdbc.sql(SELECT_URGE + " where petition_id = ? order by urged_at").param(petitionId)
                .query(PetitionOversight::urge).list();
    }

    /** Another division's petition does not exist for this supervisor, whatever else the request says. */
    private void requireInScope(UUID petitionId, String prefix) {
        boolean ours = jdbc.sql("select count(*) from supervision_petition where id = ? and division_code like ?")
                .params(petitionId, prefix + "%").query(Integer.class).single() > 0;
        if (!ours) {
            throw new NotFoundException("supervision.petition.not-found", petitionId);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Applications.ZONE);
    }

    private static final String SELECT_OVERDUE = """
            select p.id, p.kind, p.subject, p.item_code, p.item_name, p.case_number, p.body_id, p.body_name, p.text,
                p.submitted_at, p.due_on, p.status, p.answer, p.answered_at, p.answerer_name, p.rating, p.rated_at,
                p.phone_masked,
                (select count(*) from supervision_petition_urge u where u.petition_id = p.id),
                (select max(urged_at) from supervision_petition_urge u where u.petition_id = p.id)
            from supervision_petition p""";

    private static Overdue overdue(ResultSet rs, LocalDate today) throws SQLException {
        PetitionView petition = Petitions.petition(rs, 0);
        Timestamp last = rs.getTimestamp(20);
        return new Overdue(petition, ChronoUnit.DAYS.between(petition.dueOn(), today), rs.getInt(19),
                last == null ? null : last.toInstant());
    }

    private static final String SELECT_URGE = """
            select id, petition_id, note, urged_by_name, urged_at from supervision_petition_urge""";

    private static Urge urge(ResultSet rs, int n) throws SQLException {
        return new Urge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}

package org.tongban.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.ApplicationStatus;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * Complaints (投诉) by applicants about their own submitted cases: routed to the supervisors of the responsible
 * body's division (and those above it), due within {@code tongban.supervision.complaint-days} working days, answered
 * once; the complainant sees the answer. Supervisors are not told who complained.
 */
@Service
@EnableConfigurationProperties(SupervisionProperties.class)
public class Complaints {

    private static final int TEXT_MAX = 2000;

    private final JdbcClient jdbc;
    private final Applications applications;
    private final Organization organization;
    private final WorkingDays workingDays;
    private final SupervisionProperties properties;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Complaints(JdbcClient jdbc, Applications applications, Organization organization, WorkingDays workingDays,
            SupervisionProperties properties, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.organization = organization;
        this.workingDays = workingDays;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Files a complaint about the applicant's own case (submitted, not a draft).
     *
     * @throws SupervisionRefusedException {@code supervision.complaint.text-missing} / {@code .text-too-long} (422),
     *         {@code supervision.complaint.not-submitted} (422) for a draft, {@code supervision.complaint.staff} (403)
     * @throws NotFoundException {@code cases.application.not-found} for someone else's case
     */
    public ComplaintView submit(SignedIn who, UUID applicationId, String text) {
        ApplicationView application = ownCase(who, applicationId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.complaint.text-missing");
        }
        if (body.length() > TEXT_MAX) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.complaint.text-too-long", TEXT_MAX);
        }
        if (application.status() == ApplicationStatus.DRAFT || application.caseNumber() == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.complaint.not-submitted");
        }
        BodySummary rated = organization.body(application.bodyId());
        Instant now = clock.instant();
        LocalDate due = workingDays.calendar().addWorkingDays(LocalDate.ofInstant(now, Applications.ZONE),
                properties.complaintDays());
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> jdbc.sql("""
                insert into supervision_complaint (id, application_id, case_number, body_id, body_name, division_code,
                    complainant_account, text, submitted_at, due_on, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(id, applicationId, application.caseNumber(), rated.id(), rated.name(), rated.divisionCode(),
                        who.accountId(), body, Timestamp.from(now), Date.valueOf(due))
                .update());
        return find(id);
    }

    /** The applicant's complaints about their own case. */
    public List<ComplaintView> ofCase(SignedIn who, UUID applicationId) {
        ownCase(who, applicationId);
        return jdbc.sql(SELECT + " where application_id = ? and complainant_account = ? order by submitted_at")
                .params(applicationId, who.accountId()).query(Complaints::complaint).list();
    }

    /** Complaints about bodies of the supervisor's divisions, open ones first, the earliest due first. */
    public List<ComplaintView> forSupervisor(SignedIn supervisor) {
        String prefix = scope(supervisor);
        return jdbc.sql(SELECT + " where division_code like ? order by (status = 'ANSWERED'), due_on, submitted_at "
                + "limit 500").params(prefix + "%").query(Complaints::complaint).list();
    }

    /**
     * The supervisor answers a complaint, once (audited).
     *
     * @throws SupervisionRefusedException {@code supervision.complaint.response-missing} (422),
     *         {@code supervision.complaint.already-answered} (409)
     */
    public ComplaintView respond(SignedIn supervisor, UUID complaintId, String response) {
        String prefix = scope(supervisor);
        String text = response == null ? "" : response.strip();
        if (text.isEmpty() || text.length() > TEXT_MAX) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    text.isEmpty() ? "supervision.complaint.response-missing" : "supervision.complaint.text-too-long",
                    TEXT_MAX);
        }
        return transactions.execute(status -> {
            ComplaintView complaint = jdbc.sql(SELECT + " where id = ? and division_code like ? for update")
                    .params(complaintId, prefix + "%").query(Complaints::complaint).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.complaint.not-found", complaintId));
            if (complaint.answered()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.complaint.already-answered");
            }
            jdbc.sql("update supervision_complaint set status = 'ANSWERED', response = ?, responded_at = ?, "
                            + "responder_name = ? where id = ?")
                    .params(text, Timestamp.from(clock.instant()), supervisor.name(), complaintId).update();
            audit.record(new AuditTrail.Event("supervision", "complaint.answered", supervisor.accountId(),
                    supervisor.name(), "complaint", complaintId.toString(), complaint.caseNumber()));
            return find(complaintId);
        });
    }

    /** A complaint about a body of the division with the code prefix, locked until the transaction ends. */
    Optional<ComplaintView> inScope(UUID id, String divisionPrefix) {
        return jdbc.sql(SELECT + " where id = ? and division_code like ? for update")
                .params(id, divisionPrefix + "%").query(Complaints::complaint).optional();
    }

    private ComplaintView find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").params(id).query(Complaints::complaint).single();
    }

    private ApplicationView ownCase(SignedIn who, UUID applicationId) {
        if (who == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.complaint.staff");
        }
        return applications.view(who, applicationId);
    }

    static String scope(SignedIn supervisor) {
        if (supervisor == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (!supervisor.staff() || !supervisor.has(StaffRole.SUPERVISOR) || supervisor.staffDivision() == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.supervisors-only");
        }
        return DivisionCode.of(supervisor.staffDivision()).prefix();
    }

    private static final String SELECT = """
            select id, application_id, case_number, body_id, body_name, text, submitted_at, due_on, status, response,
                responded_at, responder_name from supervision_complaint""";

    private static ComplaintView complaint(ResultSet rs, int n) throws SQLException {
        Timestamp responded = rs.getTimestamp(11);
        return new ComplaintView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getDate(8).toLocalDate(), rs.getString(9), rs.getString(10),
                responded == null ? null : responded.toInstant(), rs.getString(12));
    }
}

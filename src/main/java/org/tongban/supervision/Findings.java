package org.tongban.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * Anomaly findings (电子监察异常) and their review: supervisors list those about bodies of their division and below,
 * filtered by rule, status and body, and confirm one or dismiss it with a reason (audited). A finding outside the
 * supervisor's divisions is answered as not found.
 */
@Service
public class Findings {

    private static final int REASON_MAX = 1000;
    private static final int EVIDENCE_MAX = 2000;
    private static final int LIST_LIMIT = 500;
    private static final java.util.regex.Pattern ID_NUMBER = java.util.regex.Pattern.compile(
            "(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])");
    private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile(
            "(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    private final JdbcClient jdbc;
    private final Organization organization;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Findings(JdbcClient jdbc, Organization organization, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Records a finding once per rule and source; answers whether it is new. */
    boolean record(AnomalyRule rule, String sourceKey, UUID applicationId, String caseNumber, UUID bodyId,
            String evidence) {
        BodySummary body = organization.body(bodyId);
        // Evidence carries no personal data: a number that looks like an ID or mobile number (typed into a notice by
        // an officer) is masked before it is kept (DOMAIN §8).
        String clean = MOBILE.matcher(ID_NUMBER.matcher(evidence).replaceAll("［证件号码已隐去］"))
                .replaceAll("［手机号码已隐去］");
        String text = clean.length() > EVIDENCE_MAX ? clean.substring(0, EVIDENCE_MAX - 1) + "…" : clean;
        return jdbc.sql("""
                insert into supervision_finding (id, rule, source_key, application_id, case_number, body_id, body_name,
                    division_code, evidence, found_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (rule, source_key) do nothing""")
                .params(UUID.randomUUID(), rule.name(), sourceKey, applicationId, caseNumber, body.id(), body.name(),
                        body.divisionCode(), text, Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /**
     * Findings about bodies of the supervisor's divisions, newest first, optionally of one rule, status and body.
     *
     * @throws SupervisionRefusedException {@code supervision.finding.status-unknown} (422) for another status
     */
    public List<FindingView> list(SignedIn supervisor, AnomalyRule rule, String status, UUID bodyId) {
        String prefix = Complaints.scope(supervisor);
        String state = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (state != null && !List.of("OPEN", "CONFIRMED", "DISMISSED").contains(state)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.finding.status-unknown", status);
        }
        return jdbc.sql(SELECT + """
                 where division_code like ? and (cast(? as varchar) is null or rule = ?)
                  and (cast(? as varchar) is null or status = ?) and (cast(? as uuid) is null or body_id = ?)
                order by (status <> 'OPEN'), found_at desc limit ?""")
                .params(prefix + "%", rule == null ? null : rule.name(), rule == null ? null : rule.name(), state,
                        state, bodyId, bodyId, LIST_LIMIT)
                .query(Findings::finding).list();
    }

    /** A body with findings in the supervisor's divisions (for the filter). */
    public record BodyRef(UUID bodyId, String bodyName) {
    }

    public List<BodyRef> bodies(SignedIn supervisor) {
        String prefix = Complaints.scope(supervisor);
        return jdbc.sql("select body_id, min(body_name) from supervision_finding where division_code like ? "
                        + "group by body_id order by 2")
                .param(prefix + "%").query((rs, n) -> new BodyRef(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /** One finding of the supervisor's divisions. */
    public FindingView get(SignedIn supervisor, UUID id) {
        String prefix = Complaints.scope(supervisor);
        return jdbc.sql(SELECT + " where id = ? and division_code like ?").params(id, prefix + "%")
                .query(Findings::finding).optional()
                .orElseThrow(() -> new NotFoundException("supervision.finding.not-found", id));
    }

    /** Findings of one case, for its record (the caller checked the scope). */
    List<FindingView> ofCase(UUID applicationId, String divisionPrefix) {
        return jdbc.sql(SELECT + " where application_id = ? and division_code like ? order by found_at")
                .params(applicationId, divisionPrefix + "%").query(Findings::finding).list();
    }

    /**
     * Confirms ({@code decision} {@code CONFIRMED}) or dismisses ({@code DISMISSED}) a finding; a dismissal needs the reason, a confirmation may give one.
     * Each review is audited.
     *
     * @throws SupervisionRefusedException {@code supervision.finding.decision-unknown},
     *         {@code supervision.finding.reason-missing} / {@code .reason-too-long} (422),
     *         {@code supervision.finding.already-reviewed} (409)
     */
    public FindingView review(SignedIn supervisor, UUID id, String decision, String reason) {
        String prefix = Complaints.scope(supervisor);
        String text = reason == null ? "" : reason.strip();
        return transactions.execute(status -> {
            // Outside the supervisor's divisions the finding does not exist, whatever else is wrong with the request.
            FindingView finding = jdbc.sql(SELECT + " where id = ? and division_code like ? for update")
                    .params(id, prefix + "%").query(Findings::finding).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.finding.not-found", id));
            if (!"CONFIRMED".equals(decision) && !"DISMISSED".equals(decision)) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.finding.decision-unknown");
            }
            boolean confirm = "CONFIRMED".equals(decision);
            if (!confirm && text.isEmpty()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.finding.reason-missing");
            }
            if (text.length() > REASON_MAX) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.finding.reason-too-long", REASON_MAX);
            }
            if (!finding.open()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.finding.already-reviewed");
            }
            String outcome = confirm ? "CONFIRMED" : "DISMISSED";
            jdbc.sql("""
                    update supervision_finding set status = ?, reviewed_at = ?, reviewed_by = ?, reviewer_name = ?,
                        review_reason = ?, version = version + 1 where id = ?""")
                    .params(outcome, Timestamp.from(clock.instant()), supervisor.accountId(), supervisor.name(),
                            text.isEmpty() ? null : text, id)
                    .update();
            audit.record(new AuditTrail.Event("supervision", "finding." + outcome.toLowerCase(Locale.ROOT),
                    supervisor.accountId(), supervisor.name(), "finding", id.toString(),
                    finding.rule() + " " + finding.caseNumber() + (text.isEmpty() ? "" : ": " + text)));
            return jdbc.sql(SELECT + " where id = ?").params(id).query(Findings::finding).single();
        });
    }

    private static final String SELECT = """
            select id, rule, application_id, case_number, body_id, body_name, division_code, evidence, found_at, status,
                reviewed_at, reviewer_name, review_reason, version from supervision_finding""";

    private static FindingView finding(ResultSet rs, int n) throws SQLException {
        Timestamp reviewed = rs.getTimestamp(11);
        return new FindingView(rs.getObject(1, UUID.class), AnomalyRule.valueOf(rs.getString(2)),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                reviewed == null ? null : reviewed.toInstant(), rs.getString(12), rs.getString(13), rs.getLong(14));
    }
}

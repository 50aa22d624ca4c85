package org.tongban.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * Appeals against bad ratings (申诉复核, DOMAIN §6): the rated body files one appeal per bad rating with its reasons;
 * a supervisor whose division covers the body upholds it — the rating is voided, keeps its voiding reason, and no
 * longer counts in the published statistics — or rejects it. The rater stays anonymous to the body throughout.
 */
@Service
public class RatingAppeals {

    private static final int REASON_MAX = 2000;
    private static final int DECISION_MAX = 1000;

    /**
     * One appeal as the body and supervisors see it (the rating's level, reasons and comment, never the rater).
     *
     * @param status {@code PENDING}, {@code UPHELD} (rating voided) or {@code REJECTED}
     */
    public record AppealView(UUID id, UUID ratingId, String caseNumber, String itemName, UUID bodyId, String bodyName,
            RatingLevel level, String comment, String reason, String filedByName, Instant filedAt, String status,
            String decidedByName, Instant decidedAt, String decisionReason, long version) {

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    RatingAppeals(JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Files the body's appeal against one of its bad ratings.
     *
     * @throws NotFoundException {@code evaluation.rating.not-found} for another body's rating
     * @throws RatingRefusedException {@code evaluation.appeal.reason-missing} / {@code .too-long} (422),
     *         {@code evaluation.appeal.not-bad} (422) for a rating that is not bad, {@code evaluation.appeal.exists}
     *         (409) for a second appeal
     */
    public AppealView file(SignedIn officer, UUID ratingId, String reason) {
        Ratings.staff(officer);
        String text = text(reason, REASON_MAX, "evaluation.appeal.reason-missing");
        return transactions.execute(status -> {
            var rating = jdbc.sql("select body_id, level, voided_at from evaluation_rating where id = ? for update")
                    .params(ratingId).query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getInt(2),
                            rs.getTimestamp(3) })
                    .optional().filter(r -> r[0].equals(officer.staffBody()))
                    .orElseThrow(() -> new NotFoundException("evaluation.rating.not-found", ratingId));
            if (!RatingLevel.ofScore((Integer) rating[1]).bad() || rating[2] != null) {
                throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.appeal.not-bad");
            }
            UUID id = UUID.randomUUID();
            try {
                jdbc.sql("""
                        insert into evaluation_appeal (id, rating_id, body_id, reason, filed_by, filed_by_name, filed_at,
                            status) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')""")
                        .params(id, ratingId, officer.staffBody(), text, officer.accountId(), officer.name(),
                                Timestamp.from(clock.instant()))
                        .update();
            } catch (DuplicateKeyException e) {
                throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.appeal.exists");
            }
            audit.record(new AuditTrail.Event("evaluation", "appeal.filed", officer.accountId(), officer.name(),
                    "rating", ratingId.toString(), id.toString()));
            return find(id);
        });
    }

    /** The appeals of the officer's body, newest first. */
    public List<AppealView> ofBody(SignedIn officer) {
        Ratings.staff(officer);
        return jdbc.sql(SELECT + " where a.body_id = ? order by a.filed_at desc limit 200")
                .params(officer.staffBody()).query(RatingAppeals::appeal).list();
    }

    /** Appeals waiting for a decision within the supervisor's division, oldest first. */
    public List<AppealView> pending(SignedIn supervisor) {
        DivisionCode scope = supervisorScope(supervisor);
        return jdbc.sql(SELECT + " where a.status = 'PENDING' and r.division_code like ? order by a.filed_at limit 200")
                .params(scope.prefix() + "%").query(RatingAppeals::appeal).list();
    }

    /**
     * Decides an appeal: upheld voids the rating (with {@code reason} as the voiding reason), rejected leaves it.
     *
     * @param version the version the supervisor read (two supervisors deciding at once: the second is refused)
     * @throws NotFoundException {@code evaluation.appeal.not-found} outside the supervisor's division
     * @throws RatingRefusedException {@code evaluation.appeal.decision-reason-missing} (422),
     *         {@code evaluation.appeal.decided} (409)
     */
    public AppealView decide(SignedIn supervisor, UUID appealId, boolean uphold, String reason, long version) {
        DivisionCode scope = supervisorScope(supervisor);
        String text = text(reason, DECISION_MAX, "evaluation.appeal.decision-reason-missing");
        return transactions.execute(status -> {
            AppealView appeal = jdbc.sql(SELECT + " where a.id = ? and r.division_code like ? for update of a")
                    .params(appealId, scope.prefix() + "%").query(RatingAppeals::appeal).optional()
                    .orElseThrow(() -> new NotFoundException("evaluation.appeal.not-found", appealId));
            if (!appeal.pending() || appeal.version() != version) {
                throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.appeal.decided");
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    update evaluation_appeal set status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?,
                        decision_reason = ?, version = version + 1 where id = ?""")
                    .params(uphold ? "UPHELD" : "REJECTED", supervisor.accountId(), supervisor.name(),
                            Timestamp.from(now), text, appealId)
                    .update();
            if (uphold) {
                jdbc.sql("update evaluation_rating set voided_at = ?, void_reason = ? where id = ?")
                        .params(Timestamp.from(now), text, appeal.ratingId()).update();
            }
            audit.record(new AuditTrail.Event("evaluation", uphold ? "appeal.upheld" : "appeal.rejected",
                    supervisor.accountId(), supervisor.name(), "rating", appeal.ratingId().toString(), text));
            return find(appealId);
        });
    }

    private AppealView find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").params(id).query(RatingAppeals::appeal).single();
    }

    private static DivisionCode supervisorScope(SignedIn supervisor) {
        Ratings.staff(supervisor);
        if (!supervisor.has(StaffRole.SUPERVISOR) || supervisor.staffDivision() == null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.FORBIDDEN,
                    "evaluation.appeal.supervisor-only");
        }
        return DivisionCode.of(supervisor.staffDivision());
    }

    private static String text(String value, int max, String missing) {
        if (value == null || value.isBlank()) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, missing);
        }
        if (value.strip().length() > max) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.appeal.too-long", max);
        }
        return value.strip();
    }

    private static final String SELECT = """
            select a.id, a.rating_id, r.case_number, r.item_name, a.body_id, r.body_name, r.level, r.comment, a.reason,
                a.filed_by_name, a.filed_at, a.status, a.decided_by_name, a.decided_at, a.decision_reason, a.version
            from evaluation_appeal a join evaluation_rating r on r.id = a.rating_id""";

    private static AppealView appeal(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp(14);
        return new AppealView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), RatingLevel.ofScore(rs.getInt(7)),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getString(12),
                rs.getString(13), decided == null ? null : decided.toInstant(), rs.getString(15), rs.getLong(16));
    }
}

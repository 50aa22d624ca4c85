package org.tongban.evaluation;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.ApplicationStatus;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseProgress;
import org.tongban.identity.SignedIn;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.shared.NotFoundException;

/**
 * 好差评 for online cases: the applicant rates once per case (一事一评, DOMAIN §6), voluntarily; a bad rating opens a
 * rectification the responsible body answers (return visit within {@code visit-days}, rectification or explanation
 * within {@code rectify-days} working days), after which the rater may rate once more. Ownership is checked through
 * the cases module: someone else's case is answered as not found.
 */
@Service
public class Ratings {

    private static final int COMMENT_MAX = 500;
    private static final int RESPONSE_MAX = 2000;

    private final JdbcClient jdbc;
    private final Applications applications;
    private final CaseProcessing processing;
    private final WorkingDays workingDays;
    private final EvaluationProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Organization organization;
    private final Clock clock = Clock.systemUTC();

    Ratings(JdbcClient jdbc, Applications applications, CaseProcessing processing, WorkingDays workingDays,
            EvaluationProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events,
            AuditTrail audit, Organization organization) {
        this.organization = organization;
        this.jdbc = jdbc;
        this.applications = applications;
        this.processing = processing;
        this.workingDays = workingDays;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
    }

    /** The ratings of the applicant's own case and whether they may rate (again). */
    public CaseRatings ofCase(SignedIn who, UUID applicationId) {
        ApplicationView application = ownCase(who, applicationId);
        String stage = stage(who, application);
        List<RatingView> ratings = ratings(applicationId);
        RectificationView rectification = rectificationOfCase(applicationId).orElse(null);
        boolean canRate = stage != null && ratings.isEmpty();
        boolean canRateAgain = ratings.size() == 1 && rectification != null && rectification.responded();
        return new CaseRatings(applicationId, application.caseNumber(), application.itemName(),
                application.bodyName(), stage, ratings, rectification, canRate, canRateAgain);
    }

    /**
     * Rates the applicant's own case: the first time once the case was accepted (or refused acceptance), a second
     * time only after the body responded to a bad first rating.
     *
     * @throws RatingRefusedException {@code evaluation.rating.not-ratable} (422) before acceptance,
     *         {@code evaluation.rating.already-rated} (409) for a further rating, {@code evaluation.rating.staff}
     *         (403) for staff accounts, {@code evaluation.rating.level-missing} / {@code .comment-too-long} (422)
     * @throws NotFoundException {@code cases.application.not-found} for someone else's case
     */
    public RatingView rate(SignedIn who, UUID applicationId, Integer score, List<String> reasonCodes,
            String comment) {
        ApplicationView application = ownCase(who, applicationId);
        if (score == null || score < 1 || score > 5) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.rating.level-missing");
        }
        RatingLevel level = RatingLevel.ofScore(score);
        List<RatingReason> reasons = reasons(reasonCodes);
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > COMMENT_MAX) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.rating.comment-too-long",
                    COMMENT_MAX);
        }
        String stage = stage(who, application);
        if (stage == null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.rating.not-ratable");
        }
        Instant now = clock.instant();
        try {
            return transactions.execute(status -> {
                List<RatingView> earlier = ratings(applicationId);
                int round;
                if (earlier.isEmpty()) {
                    round = 1;
                } else if (earlier.size() == 1 && rectificationOfCase(applicationId)
                        .filter(RectificationView::responded).isPresent()) {
                    round = 2;
                } else {
                    throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                            "evaluation.rating.already-rated", application.caseNumber());
                }
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                        insert into evaluation_rating (id, application_id, round, case_number, item_code, item_name,
                            body_id, body_name, division_code, rater_account, stage, level, reasons, comment, rated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?)""")
                        .params(id, applicationId, round, application.caseNumber(), application.itemCode(),
                                application.itemName(), application.bodyId(), application.bodyName(),
                                organization.body(application.bodyId()).divisionCode(),
                                who.accountId(), stage, level.score(),
                                "{" + String.join(",", reasons.stream().map(Enum::name).toList()) + "}", text,
                                Timestamp.from(now))
                        .update();
                followUp(id, applicationId, null, application.caseNumber(), application.itemCode(),
                        application.bodyId(), level, round, now);
                return new RatingView(id, round, stage, level, reasons, text, now);
            });
        } catch (DuplicateKeyException e) {
            // Two submissions at once: the unique (case, round) lets only one through.
            throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                    "evaluation.rating.already-rated", application.caseNumber());
        }
    }

    /**
     * What follows every rating, of a case or of a hall visit, in the rating's transaction: the event statistics
     * count, and for a bad first rating (差评) a rectification the rated body must answer — 国办发〔2019〕51号: every
     * real-name bad rating is followed up, a return visit within 1 working day and rectification within 15
     * (configurable), counted on the statutory calendar.
     */
    void followUp(UUID ratingId, UUID applicationId, UUID visitId, String caseNumber, String itemCode, UUID bodyId,
            RatingLevel level, int round, Instant now) {
        events.publishEvent(new CaseRated(ratingId, applicationId, itemCode, bodyId, level, round, now, visitId));
        if (!level.bad()) {
            return;
        }
        UUID rectification = null;
        LocalDate visitDue = null;
        LocalDate rectifyDue = null;
        if (round == 1) {
            LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
            visitDue = workingDays.calendar().addWorkingDays(today, properties.visitDays());
            rectifyDue = workingDays.calendar().addWorkingDays(today, properties.rectifyDays());
            rectification = UUID.randomUUID();
            jdbc.sql("""
                    insert into evaluation_rectification (id, rating_id, application_id, visit_id, body_id, status,
                        opened_at, visit_due, rectify_due) values (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                    .params(rectification, ratingId, applicationId, visitId, bodyId, Timestamp.from(now),
                            Date.valueOf(visitDue), Date.valueOf(rectifyDue))
                    .update();
        }
        events.publishEvent(new BadRatingReceived(ratingId, applicationId, caseNumber, itemCode, bodyId, level, round,
                rectification, visitDue, rectifyDue, visitId));
    }

    /** Rectifications of bad ratings of the officer's body, open ones first. */
    public List<RectificationView> ofBody(SignedIn officer) {
        staff(officer);
        if (officer.staffBody() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT_RECTIFICATION + " where x.body_id = ? order by (x.status = 'RESPONDED'), x.visit_due, "
                + "r.rated_at").params(officer.staffBody()).query(Ratings::rectification).list();
    }

    /** Rectifications of the given cases, for supervision (the rater is never named). */
    public List<RectificationView> ofCaseForSupervision(UUID applicationId) {
        return rectificationOfCase(applicationId).stream().toList();
    }

    /** The ratings of a case without the rater, for supervision. */
    public List<RatingView> ratingsForSupervision(UUID applicationId) {
        return ratings(applicationId);
    }

    /**
     * The body answers a bad rating: the return visit (回访) with its note, and, in the same or a later step, the
     * rectification or explanation the rater will see. Each part once; only staff of the rated body.
     *
     * @throws RatingRefusedException {@code evaluation.rectification.visit-note-missing} (422) before a return visit
     *         is recorded, {@code evaluation.rectification.already-responded} / {@code .conflict} (409),
     *         {@code evaluation.rectification.staff-only} (403)
     * @throws NotFoundException {@code evaluation.rectification.not-found} for another body's rectification
     */
    public RectificationView respond(SignedIn officer, UUID rectificationId, String visitNote, String response) {
        staff(officer);
        String visit = visitNote == null || visitNote.isBlank() ? null : visitNote.strip();
        String answer = response == null || response.isBlank() ? null : response.strip();
        if ((visit != null && visit.length() > 1000) || (answer != null && answer.length() > RESPONSE_MAX)) {
            throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.rectification.too-long");
        }
        return transactions.execute(status -> {
            RectificationView current = jdbc.sql(SELECT_RECTIFICATION + " where x.id = ? for update of x")
                    .params(rectificationId).query(Ratings::rectification).optional()
                    .filter(r -> r.bodyId().equals(officer.staffBody()))
                    .orElseThrow(() -> new NotFoundException("evaluation.rectification.not-found", rectificationId));
            if (current.responded()) {
                throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                        "evaluation.rectification.already-responded");
            }
            Instant now = clock.instant();
            boolean visited = current.visitedAt() != null;
            if (!visited && visit == null) {
                throw new RatingRefusedException(RatingRefusedException.Reason.RULE,
                        "evaluation.rectification.visit-note-missing");
            }
            if (visited && answer == null) {
                throw new RatingRefusedException(RatingRefusedException.Reason.RULE,
                        "evaluation.rectification.response-missing");
            }
            String next = answer != null ? "RESPONDED" : "VISITED";
            jdbc.sql("""
                    update evaluation_rectification set status = ?,
                        visited_at = coalesce(visited_at, ?), visit_note = coalesce(visit_note, ?),
                        responded_at = ?, response = ?, responder_name = ?, version = version + 1
                    where id = ?""")
                    .params(next, Timestamp.from(now), visit, answer == null ? null : Timestamp.from(now), answer,
                            answer == null ? null : officer.name(), rectificationId)
                    .update();
            audit.record(new AuditTrail.Event("evaluation", "rectification." + next.toLowerCase(),
                    officer.accountId(), officer.name(), "rectification", rectificationId.toString(),
                    current.caseNumber()));
            if (answer != null) {
                // The rater may now see the answer and rate once more; a hall visit's rater is told (Visits).
                UUID visitId = jdbc.sql("select visit_id from evaluation_rectification where id = ?")
                        .param(rectificationId).query((rs, n) -> rs.getObject(1, UUID.class)).list().get(0);
                events.publishEvent(new RectificationResponded(rectificationId, current.ratingId(),
                        current.applicationId(), visitId, current.bodyId(), now));
            }
            return jdbc.sql(SELECT_RECTIFICATION + " where x.id = ?").params(rectificationId)
                    .query(Ratings::rectification).single();
        });
    }

    // ---

    private ApplicationView ownCase(SignedIn who, UUID applicationId) {
        if (who == null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.SIGN_IN, "evaluation.signin.required");
        }
        if (who.staff()) {
            throw new RatingRefusedException(RatingRefusedException.Reason.FORBIDDEN, "evaluation.rating.staff");
        }
        return applications.view(who, applicationId);
    }

    static void staff(SignedIn officer) {
        if (officer == null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.SIGN_IN, "evaluation.signin.required");
        }
        if (!officer.staff()) {
            throw new RatingRefusedException(RatingRefusedException.Reason.FORBIDDEN,
                    "evaluation.rectification.staff-only");
        }
    }

    /** The stage the applicant has seen: acceptance (or its refusal), the decision, or completion. */
    private String stage(SignedIn who, ApplicationView application) {
        if (application.status() == ApplicationStatus.NOT_ACCEPTED) {
            return "ACCEPTANCE";
        }
        if (application.status() != ApplicationStatus.ACCEPTED) {
            return null;
        }
        CaseProgress progress = processing.progress(who, application.id());
        if (progress == null) {
            return "ACCEPTANCE";
        }
        return switch (progress.state()) {
            case "COMPLETED" -> "COMPLETION";
            case "DECIDED" -> "DECISION";
            default -> "ACCEPTANCE";
        };
    }

    static List<RatingReason> reasons(List<String> codes) {
        if (codes == null) {
            return List.of();
        }
        LinkedHashSet<RatingReason> reasons = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.isBlank()) {
                continue;
            }
            try {
                reasons.add(RatingReason.valueOf(code.strip()));
            } catch (IllegalArgumentException e) {
                throw new RatingRefusedException(RatingRefusedException.Reason.RULE, "evaluation.rating.reason-unknown",
                        code);
            }
        }
        return List.copyOf(reasons);
    }

    private List<RatingView> ratings(UUID applicationId) {
        return jdbc.sql("select id, round, stage, level, reasons, comment, rated_at from evaluation_rating "
                        + "where application_id = ? order by round")
                .params(applicationId)
                .query((rs, n) -> new RatingView(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        RatingLevel.ofScore(rs.getInt(4)), reasons(rs.getArray(5)), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    private Optional<RectificationView> rectificationOfCase(UUID applicationId) {
        return jdbc.sql(SELECT_RECTIFICATION + " where x.application_id = ?").params(applicationId)
                .query(Ratings::rectification).optional();
    }

    private static final String SELECT_RECTIFICATION = """
            select x.id, x.rating_id, x.application_id, r.case_number, r.item_name, x.body_id, r.body_name, r.level,
                r.reasons, r.comment, r.rated_at, x.status, x.visit_due, x.rectify_due, x.visited_at, x.visit_note,
                x.responded_at, x.response, x.responder_name, x.version,
                case when r.visit_id is not null then r.hall_name || ' · ' || r.window_name end
            from evaluation_rectification x join evaluation_rating r on r.id = x.rating_id""";

    private static RectificationView rectification(ResultSet rs, int n) throws SQLException {
        return new RectificationView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class),
                rs.getString(7), RatingLevel.ofScore(rs.getInt(8)), reasons(rs.getArray(9)), rs.getString(10),
                rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getDate(13).toLocalDate(),
                rs.getDate(14).toLocalDate(), instant(rs.getTimestamp(15)), rs.getString(16),
                instant(rs.getTimestamp(17)), rs.getString(18), rs.getString(19), rs.getLong(20),
                rs.getString(21));
    }

    private static List<RatingReason> reasons(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<RatingReason> reasons = new ArrayList<>();
        Arrays.stream((String[]) array.getArray()).forEach(s -> reasons.add(RatingReason.valueOf(s)));
        return reasons;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

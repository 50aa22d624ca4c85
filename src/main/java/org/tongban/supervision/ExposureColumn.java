package org.tongban.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.SignedIn;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * The exposure and correction column (曝光纠错): a supervisor publishes an answered complaint of their division as a
 * typical problem and its resolution, written anew for the public. The texts may carry no personal data: anything
 * that looks like a resident ID number, a mobile number or the complaint's case number is refused (个人信息保护法
 * Art. 34: publishing beyond the necessary; the column shows the problem, not the person). A publication can be
 * withdrawn; it is kept with the reason.
 */
@Service
public class ExposureColumn {

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    /** One published entry, as the public sees it (no complainant, no case number). */
    public record Entry(UUID id, String bodyName, String divisionCode, String title, String problem,
            String resolution, Instant publishedAt, Instant withdrawnAt) {
    }

    private final JdbcClient jdbc;
    private final Complaints complaints;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    ExposureColumn(JdbcClient jdbc, Complaints complaints, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.complaints = complaints;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Publishes an answered complaint of the supervisor's division.
     *
     * @throws NotFoundException {@code supervision.complaint.not-found} outside the division
     * @throws SupervisionRefusedException {@code supervision.exposure.text-missing} / {@code .text-too-long} /
     *         {@code .personal-data} / {@code .not-answered} (422), {@code supervision.exposure.exists} (409)
     */
    public Entry publish(SignedIn supervisor, UUID complaintId, String title, String problem, String resolution) {
        String prefix = Complaints.scope(supervisor);
        String heading = text(title, 200);
        String what = text(problem, 2000);
        String how = text(resolution, 2000);
        return transactions.execute(status -> {
            ComplaintView complaint = complaints.inScope(complaintId, prefix)
                    .orElseThrow(() -> new NotFoundException("supervision.complaint.not-found", complaintId));
            if (!complaint.answered()) {
                throw refused(SupervisionRefusedException.Reason.RULE, "supervision.exposure.not-answered");
            }
            for (String text : List.of(heading, what, how)) {
                if (ID_NUMBER.matcher(text).find() || MOBILE.matcher(text).find()
                        || text.contains(complaint.caseNumber())) {
                    throw refused(SupervisionRefusedException.Reason.RULE, "supervision.exposure.personal-data");
                }
            }
            UUID id = UUID.randomUUID();
            try {
                jdbc.sql("""
                        insert into supervision_exposure (id, complaint_id, division_code, body_name, title, problem,
                            resolution, published_by, published_by_name, published_at)
                        select ?, id, division_code, body_name, ?, ?, ?, ?, ?, ? from supervision_complaint
                        where id = ?""")
                        .params(id, heading, what, how, supervisor.accountId(), supervisor.name(),
                                Timestamp.from(clock.instant()), complaintId)
                        .update();
            } catch (DuplicateKeyException e) {
                throw refused(SupervisionRefusedException.Reason.CONFLICT, "supervision.exposure.exists");
            }
            audit.record(new AuditTrail.Event("supervision", "exposure.published", supervisor.accountId(),
                    supervisor.name(), "complaint", complaintId.toString(), id.toString()));
            return find(id);
        });
    }

    /**
     * Withdraws a publication of the supervisor's division (kept, with the reason).
     *
     * @throws NotFoundException {@code supervision.exposure.not-found}
     * @throws SupervisionRefusedException {@code supervision.exposure.text-missing} (422),
     *         {@code supervision.exposure.withdrawn} (409)
     */
    public Entry withdraw(SignedIn supervisor, UUID id, String reason) {
        String prefix = Complaints.scope(supervisor);
        String why = text(reason, 1000);
        return transactions.execute(status -> {
            Entry entry = jdbc.sql(SELECT + " where id = ? and division_code like ? for update")
                    .params(id, prefix + "%").query(ExposureColumn::entry).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.exposure.not-found", id));
            if (entry.withdrawnAt() != null) {
                throw refused(SupervisionRefusedException.Reason.CONFLICT, "supervision.exposure.withdrawn");
            }
            jdbc.sql("update supervision_exposure set withdrawn_at = ?, withdrawn_reason = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), why, id).update();
            audit.record(new AuditTrail.Event("supervision", "exposure.withdrawn", supervisor.accountId(),
                    supervisor.name(), "exposure", id.toString(), why));
            return find(id);
        });
    }

    /** Published entries, newest first; {@code divisionPrefix} narrows to a division ({@code ""}: all). */
    public List<Entry> published(String divisionPrefix, int limit) {
        return jdbc.sql(SELECT + " where withdrawn_at is null and division_code like ? order by published_at desc "
                + "limit ?").params(divisionPrefix + "%", Math.clamp(limit, 1, 200))
                .query(ExposureColumn::entry).list();
    }

    /** The entries of the supervisor's division, withdrawn ones included, by complaint. */
    public List<Entry> ofDivision(SignedIn supervisor) {
        String prefix = Complaints.scope(supervisor);
        return jdbc.sql(SELECT + " where division_code like ? order by published_at desc limit 500")
                .params(prefix + "%").query(ExposureColumn::entry).list();
    }

    /** The complaint ids of the supervisor's division that are already published (withdrawn or not). */
    public List<UUID> publishedComplaints(SignedIn supervisor) {
        String prefix = Complaints.scope(supervisor);
        return jdbc.sql("select complaint_id from supervision_exposure where division_code like ?")
                .params(prefix + "%").query(UUID.class).list();
    }

    private Entry find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").params(id).query(ExposureColumn::entry).single();
    }

    private static String text(String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw refused(SupervisionRefusedException.Reason.RULE, "supervision.exposure.text-missing");
        }
        if (text.length() > max) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                    "supervision.exposure.text-too-long", max);
        }
        return text;
    }

    private static SupervisionRefusedException refused(SupervisionRefusedException.Reason reason, String code) {
        return new SupervisionRefusedException(reason, code);
    }

    private static final String SELECT = """
            select id, body_name, division_code, title, problem, resolution, published_at, withdrawn_at
            from supervision_exposure""";

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp(8);
        return new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}

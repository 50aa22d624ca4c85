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
import org.tongban.cases.CaseFacts;
import org.tongban.identity.Accounts;
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

    /**
     * One published entry, as the public sees it (no complainant, no case number).
     *
     * @param sourceKind {@code COMPLAINT} (a complaint about a case, or a petition of that kind) or {@code REPORT}
     * @param petitionId the petition it was written from, {@code null} for a complaint about a case
     */
    public record Entry(UUID id, String bodyName, String divisionCode, String title, String problem,
            String resolution, Instant publishedAt, Instant withdrawnAt, String sourceKind, UUID petitionId) {
    }

    /** What a supervisor starts from to publish a petition: its texts with personal data already scrubbed. */
    public record Draft(PetitionView petition, String title, String problem, String resolution) {
    }

    /** The mask that replaces personal data found in a text. */
    static final String MASK = "＊＊＊";

    private final JdbcClient jdbc;
    private final Complaints complaints;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Accounts accounts;
    private final CaseFacts cases;
    private final Clock clock = Clock.systemUTC();

    ExposureColumn(JdbcClient jdbc, Complaints complaints, TransactionTemplate transactions, AuditTrail audit,
            Accounts accounts, CaseFacts cases) {
        this.accounts = accounts;
        this.cases = cases;
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
     * The answered complaints and reports (投诉/举报) of the supervisor's division not yet published, newest answer
     * first; consultations are questions, not problems, and are not published.
     */
    public List<PetitionView> publishablePetitions(SignedIn supervisor) {
        String prefix = Complaints.scope(supervisor);
        return jdbc.sql(Petitions.SELECT + " where status = 'ANSWERED' and kind in ('COMPLAINT', 'REPORT') "
                        + "and division_code like ? and not exists (select 1 from supervision_exposure e "
                        + "where e.petition_id = supervision_petition.id) order by answered_at desc limit 200")
                .params(prefix + "%").query(Petitions::petition).list();
    }

    /**
     * A petition's texts as a starting point for publishing: the problem is the submission, the resolution the
     * body's answer, both with personal data scrubbed ({@link #scrub}); the supervisor edits them before publishing.
     *
     * @throws NotFoundException {@code supervision.petition.not-found} outside the division
     */
    public Draft draft(SignedIn supervisor, UUID petitionId) {
        String prefix = Complaints.scope(supervisor);
        PetitionView petition = petitionInScope(petitionId, prefix);
        List<String> names = names(petitionId);
        String title = petition.itemName() != null ? petition.itemName() : petition.bodyName();
        return new Draft(petition, scrub(title, petition, names), scrub(petition.text(), petition, names),
                petition.answer() == null ? "" : scrub(petition.answer(), petition, names));
    }

    /**
     * Publishes an answered complaint or report (投诉/举报) of the supervisor's division with the supervisor's texts.
     * Personal data the supervisor left in is scrubbed all the same: resident ID numbers, mobile numbers, the case
     * number and the names the platform knows for the petition (the signed-in submitter, the applicant of the case it
     * is about) are replaced by {@link #MASK} (个人信息保护法 Art. 34: publish the problem, not
     * the person). Audited.
     *
     * @throws NotFoundException {@code supervision.petition.not-found} outside the division
     * @throws SupervisionRefusedException {@code supervision.exposure.text-missing} / {@code .text-too-long} (422),
     *         {@code supervision.exposure-petition.not-publishable} (422) for a consultation or an unanswered
     *         petition, {@code supervision.exposure.exists} (409) for a second publication
     */
    public Entry publishPetition(SignedIn supervisor, UUID petitionId, String title, String problem,
            String resolution) {
        String prefix = Complaints.scope(supervisor);
        petitionInScope(petitionId, prefix);
        String heading = text(title, 200);
        String what = text(problem, 2000);
        String how = text(resolution, 2000);
        return transactions.execute(status -> {
            PetitionView petition = petitionInScope(petitionId, prefix);
            if (!petition.answered() || "CONSULTATION".equals(petition.kind())) {
                throw refused(SupervisionRefusedException.Reason.RULE,
                        "supervision.exposure-petition.not-publishable");
            }
            List<String> names = names(petitionId);
            UUID id = UUID.randomUUID();
            try {
                jdbc.sql("""
                        insert into supervision_exposure (id, petition_id, source_kind, division_code, body_name, title,
                            problem, resolution, published_by, published_by_name, published_at)
                        select ?, id, kind, division_code, body_name, ?, ?, ?, ?, ?, ? from supervision_petition
                        where id = ?""")
                        .params(id, scrub(heading, petition, names), scrub(what, petition, names),
                                scrub(how, petition, names), supervisor.accountId(), supervisor.name(),
                                Timestamp.from(clock.instant()), petitionId)
                        .update();
            } catch (DuplicateKeyException e) {
                throw refused(SupervisionRefusedException.Reason.CONFLICT, "supervision.exposure.exists");
            }
            audit.record(new AuditTrail.Event("supervision", "exposure.petition-published", supervisor.accountId(),
                    supervisor.name(), "petition", petitionId.toString(), id.toString()));
            return find(id);
        });
    }

    /**
     * Replaces personal data in a text meant for the public: resident ID numbers (15 or 18 characters), mobile
     * numbers, the petition's case number and the given names wherever they occur, also inside other words (Chinese
     * has no spaces: 李四反映 → ＊＊＊反映) and with spaces, also full-width, between their characters (李 四).
     */
    static String scrub(String text, PetitionView petition, List<String> names) {
        if (text == null) {
            return null;
        }
        String result = ID_NUMBER.matcher(text).replaceAll(MASK);
        result = MOBILE.matcher(result).replaceAll(MASK);
        if (petition != null && petition.caseNumber() != null && !petition.caseNumber().isBlank()) {
            result = result.replace(petition.caseNumber(), MASK);
        }
        for (String name : names) {
            // A single character is no name to scrub (it would mask every 王 in the text).
            if (name != null && name.strip().codePointCount(0, name.strip().length()) >= 2) {
                StringBuilder pattern = new StringBuilder();
                name.strip().codePoints().filter(c -> !Character.isWhitespace(c)).forEach(c -> {
                    if (!pattern.isEmpty()) {
                        pattern.append("[\\s\\u3000]*");
                    }
                    pattern.append(Pattern.quote(new String(Character.toChars(c))));
                });
                result = Pattern.compile(pattern.toString()).matcher(result).replaceAll(MASK);
            }
        }
        return result;
    }

    private PetitionView petitionInScope(UUID petitionId, String prefix) {
        return jdbc.sql(Petitions.SELECT + " where id = ? and division_code like ?").params(petitionId, prefix + "%")
                .query(Petitions::petition).optional()
                .orElseThrow(() -> new NotFoundException("supervision.petition.not-found", petitionId));
    }

    /**
     * The names the platform knows for a petition, to scrub: the signed-in submitter's and the applicant's (and the
     * company's) of the case it is about; each also without a parenthesised note such as 演示, longest first.
     */
    private List<String> names(UUID petitionId) {
        record Who(UUID submitter, UUID application) {
        }
        Who who = jdbc.sql("select submitter_account, application_id from supervision_petition where id = ?")
                .param(petitionId).query((rs, n) -> new Who(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional().orElse(new Who(null, null));
        List<String> raw = new java.util.ArrayList<>();
        if (who.submitter() != null) {
            try {
                raw.add(accounts.view(who.submitter()).name());
            } catch (RuntimeException e) {
                // An account gone since: nothing to add.
            }
        }
        if (who.application() != null) {
            raw.addAll(cases.applicantNames(who.application()));
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : raw) {
            String plain = name.replaceAll("（[^）]*）|\\([^)]*\\)", "").strip();
            names.add(name.strip());
            if (!plain.isEmpty()) {
                names.add(plain);
            }
        }
        return names.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
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
        return jdbc.sql("select complaint_id from supervision_exposure where division_code like ? "
                + "and complaint_id is not null")
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
            select id, body_name, division_code, title, problem, resolution, published_at, withdrawn_at, source_kind,
                petition_id
            from supervision_exposure""";

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp(8);
        return new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant(), rs.getString(9), rs.getObject(10, UUID.class));
    }
}

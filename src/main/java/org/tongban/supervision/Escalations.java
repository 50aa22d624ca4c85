package org.tongban.supervision;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.Applications;
import org.tongban.identity.AccountMessages;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffDirectory;
import org.tongban.identity.StaffRole;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * Escalation of overdue cases (电子监察: "overdue cases escalate to the body head and to supervisors"; 行政许可法 Art. 42
 * limits, 国办发〔2019〕51号 supervision of every step). Every red light that is neither handled nor escalated yet is
 * escalated once: each approver of the body (审批人员, who leads the body's work as its 负责人) and each supervisor
 * whose division covers the body receive one notice (督办通知) per run with the number of newly overdue cases and
 * their case numbers. The job claims lights with {@code FOR UPDATE SKIP LOCKED}, so every node may run it.
 *
 * <p>Each person notified also gets one text message (短信) per run, whatever the number of notices — the number of
 * newly overdue cases and a few case numbers, never an applicant's name or other personal data — sent after the
 * notices are committed, through identity's {@link AccountMessages} (the phone number stays in identity). A message
 * that cannot be sent is logged; the notices stand. {@code tongban.supervision.escalation.sms-enabled=false} turns the
 * messages off.
 *
 * <p>It also answers the lights per officer (the officer who held each task when its light was raised) and per
 * division one level below the supervisor's, which the overdue page shows.
 */
@Service
public class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final int BATCH = 5000;
    /** Case numbers listed in one notice; the count says how many there are in all. */
    static final int LISTED = 20;

    /** The lights of one officer of a body (or of nobody: tasks no one had claimed). */
    public record OfficerLights(UUID holderId, String holderName, int yellow, int red) {
    }

    /** The open lights of the bodies of one division (one level below the viewer's), with its name. */
    public record DivisionLights(String divisionCode, String divisionName, int yellow, int red, int badRatings) {
    }

    /** A notice to one staff member: {@code overdue} cases newly overdue in a body or in their division. */
    public record NoticeView(UUID id, String kind, UUID bodyId, String bodyName, String divisionCode, int overdue,
            List<String> caseNumbers, Instant createdAt, Instant readAt) {

        public boolean unread() {
            return readAt == null;
        }
    }

    /** A red light of the body head's own body, with days overdue. */
    public record Overdue(UUID warningId, UUID applicationId, String caseNumber, LocalDate dueOn, long daysOverdue,
            String holderName, Instant escalatedAt) {
    }

    private record Red(UUID id, UUID bodyId, String bodyName, String divisionCode, String caseNumber) {
    }

    /** Case numbers listed in one text message (an SMS is short); the count says how many there are in all. */
    static final int SMS_LISTED = 5;

    /**
     * What one person was notified of in one run: the newly overdue cases of all their notices, each once (a case
     * with several overdue branches has a red light per branch; a light without a case number counts by its id).
     */
    private static final class Notified {
        final java.util.Set<String> cases = new java.util.HashSet<>();
        final java.util.Set<String> caseNumbers = new java.util.LinkedHashSet<>();

        void add(Notified other) {
            cases.addAll(other.cases);
            caseNumbers.addAll(other.caseNumbers);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StaffDirectory staff;
    private final Organization organization;
    private final AccountMessages messages;
    private final MessageSource texts;
    private final boolean smsEnabled;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    Escalations(JdbcClient jdbc, TransactionTemplate transactions, StaffDirectory staff, Organization organization,
            AccountMessages messages, MessageSource texts, SupervisionProperties properties) {
        this(jdbc, transactions, staff, organization, messages, texts, properties.escalation().smsEnabled(),
                Clock.systemUTC());
    }

    private Escalations(JdbcClient jdbc, TransactionTemplate transactions, StaffDirectory staff,
            Organization organization, AccountMessages messages, MessageSource texts, boolean smsEnabled,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.staff = staff;
        this.organization = organization;
        this.messages = messages;
        this.texts = texts;
        this.smsEnabled = smsEnabled;
        this.clock = clock;
    }

    public Escalations withClock(Clock clock) {
        return new Escalations(jdbc, transactions, staff, organization, messages, texts, smsEnabled, clock);
    }

    /** The same escalations with the text messages on or off ({@code tongban.supervision.escalation.sms-enabled}). */
    public Escalations withSms(boolean enabled) {
        return new Escalations(jdbc, transactions, staff, organization, messages, texts, enabled, clock);
    }

    @Scheduled(initialDelayString = "${tongban.supervision.escalation.interval:10m}",
            fixedDelayString = "${tongban.supervision.escalation.interval:10m}")
    void scheduled() {
        run();
    }

    /**
     * Escalates every red light not escalated yet, then sends each person notified one text message; answers the
     * number of notices written.
     */
    public int run() {
        int notices = 0;
        int claimed;
        Map<UUID, Notified> notified = new LinkedHashMap<>();
        try {
            do {
                // Counted for the messages only once the batch's notices are committed.
                Map<UUID, Notified> batch = new LinkedHashMap<>();
                int[] done = transactions.execute(status -> escalateBatch(batch));
                batch.forEach((who, what) -> notified.computeIfAbsent(who, w -> new Notified()).add(what));
                claimed = done[0];
                notices += done[1];
            } while (claimed == BATCH);
        } finally {
            if (smsEnabled) {
                notified.forEach(this::sms);
            }
        }
        if (notices > 0) {
            log.info("Overdue cases escalated in {} notices", notices);
        }
        return notices;
    }

    /**
     * The run's text message to one person, in a transaction of its own after the notices were committed: a gateway
     * that fails (or a database write of the gateway that fails) costs the message, never the notices.
     */
    private void sms(UUID recipient, Notified what) {
        List<String> listed = what.caseNumbers.stream().limit(SMS_LISTED).toList();
        java.util.function.Function<java.util.Locale, String> text = locale -> {
            String numbers = String.join(texts.getMessage("supervision.escalation.sms.separator", null, locale),
                    listed);
            if (what.cases.size() > listed.size()) {
                numbers += texts.getMessage("supervision.escalation.sms.more", null, locale);
            }
            return texts.getMessage("supervision.escalation.sms", new Object[] { what.cases.size(), numbers }, locale);
        };
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        try {
            Boolean sent = own.execute(status -> messages.sms(recipient, text));
            if (!Boolean.TRUE.equals(sent)) {
                log.info("Escalation SMS to staff account {} not sent (no gateway, no active account or refused); "
                        + "the notice stands", recipient);
            }
        } catch (RuntimeException e) {
            log.warn("Escalation SMS to staff account {} not sent, the notice stands: {}", recipient, e.toString());
        }
    }

    private int[] escalateBatch(Map<UUID, Notified> notified) {
        List<Red> reds = jdbc.sql("""
                select id, body_id, body_name, division_code, case_number from supervision_warning
                where kind = 'RED' and escalated_at is null and handled_at is null
                order by raised_at, id limit ? for update skip locked""")
                .param(BATCH)
                .query((rs, n) -> new Red(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
        if (reds.isEmpty()) {
            return new int[] { 0, 0 };
        }
        Instant now = clock.instant();
        int notices = 0;
        Map<UUID, List<Red>> byBody = new LinkedHashMap<>();
        reds.forEach(r -> byBody.computeIfAbsent(r.bodyId(), b -> new ArrayList<>()).add(r));
        for (List<Red> ofBody : byBody.values()) {
            Red first = ofBody.getFirst();
            for (StaffDirectory.Colleague head : staff.activeStaff(first.bodyId())) {
                if (head.has(StaffRole.APPROVER)) {
                    notice(head.id(), first.bodyId(), first.bodyName(), first.divisionCode(), ofBody, now);
                    tally(notified, head.id(), ofBody);
                    notices++;
                }
            }
        }
        for (StaffDirectory.RoleHolder supervisor : staff.activeWithRole(StaffRole.SUPERVISOR)) {
            String prefix = DivisionCode.isValid(supervisor.divisionCode())
                    ? DivisionCode.of(supervisor.divisionCode()).prefix() : null;
            List<Red> within = prefix == null ? List.of()
                    : reds.stream().filter(r -> r.divisionCode().startsWith(prefix)).toList();
            if (!within.isEmpty()) {
                notice(supervisor.id(), null, null, supervisor.divisionCode(), within, now);
                tally(notified, supervisor.id(), within);
                notices++;
            }
        }
        jdbc.sql("update supervision_warning set escalated_at = ? where id = any(cast(? as uuid[]))")
                .params(Timestamp.from(now), reds.stream().map(r -> r.id().toString())
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .update();
        return new int[] { reds.size(), notices };
    }

    /**
     * Counts the cases of a notice for the person's text message of this run; a case in two of their notices (as the
     * body's head and as a supervisor) counts once.
     */
    private static void tally(Map<UUID, Notified> notified, UUID recipient, List<Red> reds) {
        Notified n = notified.computeIfAbsent(recipient, r -> new Notified());
        for (Red red : reds) {
            if (red.caseNumber() != null) {
                n.cases.add(red.caseNumber());
                n.caseNumbers.add(red.caseNumber());
            } else {
                n.cases.add("light:" + red.id());
            }
        }
    }

    private void notice(UUID recipient, UUID bodyId, String bodyName, String divisionCode, List<Red> reds,
            Instant now) {
        jdbc.sql("""
                insert into supervision_notice (id, recipient_id, kind, body_id, body_name, division_code, overdue,
                    case_numbers, created_at) values (?, ?, 'OVERDUE', ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), recipient, bodyId, bodyName, divisionCode, reds.size(),
                        String.join(",", reds.stream().limit(LISTED).map(Red::caseNumber).toList()),
                        Timestamp.from(now))
                .update();
    }

    // --- what the overdue page shows

    /** The viewer's notices, newest first (at most 100). */
    public List<NoticeView> notices(SignedIn viewer) {
        requireStaff(viewer);
        return jdbc.sql("""
                select id, kind, body_id, body_name, division_code, overdue, case_numbers, created_at, read_at
                from supervision_notice where recipient_id = ? order by created_at desc, id limit 100""")
                .param(viewer.accountId())
                .query((rs, n) -> {
                    Timestamp read = rs.getTimestamp(9);
                    String numbers = rs.getString(7);
                    return new NoticeView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getInt(6),
                            numbers.isEmpty() ? List.of() : List.of(numbers.split(",")),
                            rs.getTimestamp(8).toInstant(), read == null ? null : read.toInstant());
                })
                .list();
    }

    /** Marks all of the viewer's notices read; answers how many were unread. */
    public int markRead(SignedIn viewer) {
        requireStaff(viewer);
        return jdbc.sql("update supervision_notice set read_at = ? where recipient_id = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), viewer.accountId()).update();
    }

    /** Whether the viewer leads a body (its approver) and so sees its overdue cases and its officers' lights. */
    public static boolean headOfBody(SignedIn viewer) {
        return viewer != null && viewer.staff() && viewer.staffBody() != null && viewer.has(StaffRole.APPROVER);
    }

    /** The open red lights of the head's own body, the longest overdue first. */
    public List<Overdue> overdueOfOwnBody(SignedIn head) {
        requireHead(head);
        LocalDate today = LocalDate.ofInstant(clock.instant(), Applications.ZONE);
        return jdbc.sql("""
                select id, application_id, case_number, due_on, holder_name, escalated_at from supervision_warning
                where body_id = ? and kind = 'RED' and handled_at is null order by due_on, case_number limit 500""")
                .param(head.staffBody())
                .query((rs, n) -> {
                    LocalDate due = rs.getDate(4).toLocalDate();
                    Timestamp escalated = rs.getTimestamp(6);
                    return new Overdue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), due,
                            java.time.temporal.ChronoUnit.DAYS.between(due, today), rs.getString(5),
                            escalated == null ? null : escalated.toInstant());
                })
                .list();
    }

    /**
     * Open yellow and red lights of a body per officer who held the task when the light was raised. The body's head
     * sees their own body; a supervisor any body of their division.
     *
     * @throws NotFoundException {@code supervision.body.not-found} for a body the viewer may not see
     */
    public List<OfficerLights> officerLights(SignedIn viewer, UUID bodyId) {
        requireStaff(viewer);
        boolean ownBody = headOfBody(viewer) && viewer.staffBody().equals(bodyId);
        if (!ownBody && !viewer.has(StaffRole.SUPERVISOR)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.escalation.heads-only");
        }
        if (bodyId == null) {
            throw new NotFoundException("supervision.body.not-found", "-");
        }
        if (!ownBody) {
            String prefix = Complaints.scope(viewer);
            String division = organization.bodies(List.of(bodyId)).values().stream().findFirst()
                    .map(org.tongban.organization.BodySummary::divisionCode).orElse(null);
            if (division == null || !division.startsWith(prefix)) {
                throw new NotFoundException("supervision.body.not-found", bodyId);
            }
        }
        return jdbc.sql("""
                select holder_id, min(holder_name), count(*) filter (where kind = 'YELLOW'),
                    count(*) filter (where kind = 'RED')
                from supervision_warning where body_id = ? and handled_at is null and kind in ('YELLOW', 'RED')
                group by holder_id order by 4 desc, 3 desc, 2 nulls last""")
                .param(bodyId)
                .query((rs, n) -> new OfficerLights(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getInt(4)))
                .list();
    }

    /**
     * Open lights summed per division one level below {@code division} (the supervisor's own when null), the most red
     * first: the province by city, a city by county, a county by township.
     *
     * @throws NotFoundException {@code supervision.division.not-found} for a division outside the supervisor's
     */
    public List<DivisionLights> divisionLights(SignedIn supervisor, String division) {
        String scope = Complaints.scope(supervisor);
        DivisionCode base = division == null || division.isBlank() ? DivisionCode.of(supervisor.staffDivision())
                : DivisionCode.isValid(division) ? DivisionCode.of(division) : null;
        if (base == null || !base.prefix().startsWith(scope)) {
            throw new NotFoundException("supervision.division.not-found", division);
        }
        String prefix = base.prefix();
        int next = switch (prefix.length()) {
            case 2 -> 4;
            case 4 -> 6;
            case 6 -> 9;
            default -> 12;
        };
        List<DivisionLights> rows = jdbc.sql("""
                select substr(division_code, 1, ?), count(*) filter (where kind = 'YELLOW'),
                    count(*) filter (where kind = 'RED'), count(*) filter (where kind = 'BAD_RATING')
                from supervision_warning where handled_at is null and division_code like ?
                group by 1 order by 3 desc, 2 desc, 1""")
                .params(next, prefix + "%")
                .query((rs, n) -> {
                    String group = rs.getString(1);
                    String code = group.length() <= 6 ? (group + "000000").substring(0, 6)
                            : (group + "000000000000").substring(0, 12);
                    return new DivisionLights(code, null, rs.getInt(2), rs.getInt(3), rs.getInt(4));
                })
                .list();
        return rows.stream().map(r -> new DivisionLights(r.divisionCode(), name(r.divisionCode()), r.yellow(), r.red(),
                r.badRatings())).toList();
    }

    private String name(String code) {
        return DivisionCode.isValid(code) ? organization.findDivision(DivisionCode.of(code))
                .map(org.tongban.organization.DivisionSummary::name).orElse(code) : code;
    }

    private static void requireStaff(SignedIn viewer) {
        if (viewer == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (!viewer.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.escalation.staff-only");
        }
    }

    private static void requireHead(SignedIn viewer) {
        requireStaff(viewer);
        if (!headOfBody(viewer)) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.escalation.heads-only");
        }
    }
}

package org.tongban.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.CaseFacts;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemSummary;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * 好差评 for hall service: once per visit (一次一评, 国办发〔2019〕51号; DOMAIN §6). A window officer records a visit at a
 * window of a hall they work in — for whom (the account registered with the visitor's mobile number, or the number
 * alone for a visitor without an account, kept encrypted with a keyed hash, DOMAIN §8) and what for (an item, or a
 * case by its number) — and ends it, which issues the visit slip's one-time rating link. The visitor rates the visit
 * once, voluntarily, on the window's kiosk (窗口评价器) or by the link; the rating joins the case ratings: the same
 * five levels and reasons, the same rectification of bad ratings for the hall's body, the same published statistics.
 *
 * <p>The rater stays hidden from the rated staff: officers see their visits but never whether or how a visit was
 * rated, and a kiosk shows the visitor's masked name only. A kiosk is a device an officer bound to one window: it
 * holds a random device token (only its hash is kept) and sees nothing without it; failed kiosk and link requests
 * are counted per address in PostgreSQL and refused over the limit (429), so that guessing stays hopeless on every
 * node.
 */
@Service
public class Visits {

    private static final int COMMENT_MAX = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A hall visit as the officer and the kiosk see it; never the rating.
     *
     * @param visitorMasked the visitor's name or mobile number, masked (张*, 138****5678)
     */
    public record VisitView(UUID id, UUID hallId, String hallName, UUID windowId, String windowNumber,
            String windowName, String bodyName, String visitorMasked, String itemCode, String itemName,
            String caseNumber, Instant startedAt, Instant endedAt) {

        public boolean ended() {
            return endedAt != null;
        }
    }

    /** The ended visit with the one-time rating token printed on its slip (shown once, kept only as a hash). */
    public record Slip(VisitView visit, String token, Instant expiresAt) {
    }

    /** What a window's kiosk shows: the window and the visit waiting for its rating, if any. */
    public record KioskView(UUID windowId, String hallName, String windowNumber, String windowName,
            VisitView current) {
    }

    /** What the rating link shows: where and what for, no person. */
    public record LinkView(String hallName, String windowNumber, String windowName, String itemName,
            Instant startedAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Organization organization;
    private final Catalog catalog;
    private final CaseFacts cases;
    private final PersonalData personalData;
    private final Ratings ratings;
    private final EvaluationProperties properties;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Visits(JdbcClient jdbc, Organization organization, Catalog catalog, CaseFacts cases, PersonalData personalData,
            Ratings ratings, EvaluationProperties properties, TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.catalog = catalog;
        this.cases = cases;
        this.personalData = personalData;
        this.ratings = ratings;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
    }

    // --- the window officer

    /** The halls the officer serves at: those of their body and of their division. */
    public List<HallSummary> halls(SignedIn officer) {
        requireWindowOfficer(officer);
        Map<UUID, HallSummary> halls = new LinkedHashMap<>();
        if (officer.staffBody() != null) {
            organization.hallsOf(officer.staffBody()).forEach(h -> halls.put(h.id(), h));
        }
        if (officer.staffDivision() != null) {
            organization.hallsIn(DivisionCode.of(officer.staffDivision())).forEach(h -> halls.putIfAbsent(h.id(), h));
        }
        return new ArrayList<>(halls.values());
    }

    /**
     * Records a visit at a window of one of the officer's halls; a visit still open at that window ends (one person
     * at a time).
     *
     * @throws InvalidFieldException (400) naming {@code windowId}, {@code phone}, {@code caseNumber} or
     *         {@code itemCode}
     * @throws RatingRefusedException {@code evaluation.visit.window-officers-only} (403)
     */
    public VisitView start(SignedIn officer, UUID windowId, String phone, String itemCode, String caseNumber) {
        requireWindowOfficer(officer);
        HallSummary hall = windowId == null ? null : halls(officer).stream()
                .filter(h -> h.window(windowId).isPresent()).findFirst().orElse(null);
        if (hall == null) {
            throw field("windowId", "evaluation.visit.window-missing", windowId);
        }
        HallSummary.Window window = hall.window(windowId).orElseThrow();
        if (phone == null || phone.isBlank()) {
            throw field("phone", "evaluation.visit.phone-missing", phone);
        }
        PhoneNumber number = InvalidFieldException.parse("phone", () -> new PhoneNumber(phone));
        String itemName;
        String code;
        String caseNo = null;
        if (caseNumber != null && !caseNumber.isBlank()) {
            CaseFacts.CaseRef ref = cases.byNumber(caseNumber.strip())
                    .orElseThrow(() -> field("caseNumber", "evaluation.visit.case-unknown", caseNumber));
            code = ref.itemCode();
            itemName = ref.itemName();
            caseNo = ref.caseNumber();
        } else {
            if (itemCode == null || itemCode.isBlank()) {
                throw field("itemCode", "evaluation.visit.item-missing", itemCode);
            }
            ItemSummary item;
            try {
                item = catalog.item(ImplementationCode.of(itemCode.strip())).summary();
            } catch (InvalidValueException | NotFoundException e) {
                throw field("itemCode", "evaluation.visit.item-unknown", itemCode);
            }
            code = item.code();
            itemName = item.name();
        }
        Optional<PersonalData.Holder> holder = personalData.personalAccountWithPhone(number);
        String masked = holder.map(h -> maskName(h.name())).orElse(number.masked());
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String finalCode = code;
        String finalItemName = itemName;
        String finalCaseNo = caseNo;
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update evaluation_visit set ended_at = ? where window_id = ? and ended_at is null")
                    .params(Timestamp.from(now), windowId).update();
            jdbc.sql("""
                    insert into evaluation_visit (id, hall_id, hall_name, window_id, window_number, window_name,
                        body_id, body_name, division_code, officer_account, visitor_account, visitor_phone_cipher,
                        visitor_phone_hash, visitor_masked, item_code, item_name, case_number, started_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, hall.id(), hall.name(), windowId, window.number(), window.name(), hall.bodyId(),
                            hall.bodyName(), hall.divisionCode(), officer.accountId(),
                            holder.map(PersonalData.Holder::accountId).orElse(null),
                            holder.isPresent() ? null : personalData.encrypt(number.value()),
                            holder.isPresent() ? null : personalData.lookupHash("phone", number.value()), masked,
                            finalCode, finalItemName, finalCaseNo, Timestamp.from(now))
                    .update();
            audit.record(new AuditTrail.Event("evaluation", "visit.started", officer.accountId(), officer.name(),
                    "visit", id.toString(), hall.name() + " " + window.number()));
        });
        return visit(id).orElseThrow();
    }

    /**
     * Ends a visit of one of the officer's halls and issues the one-time rating link of its slip.
     *
     * @throws NotFoundException {@code evaluation.visit.not-found} outside the officer's halls
     * @throws RatingRefusedException {@code evaluation.visit.ended} (409) for a visit that already ended
     */
    public Slip end(SignedIn officer, UUID visitId) {
        List<UUID> halls = halls(officer).stream().map(HallSummary::id).toList();
        String token = token();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.visitLinkValidity());
        return transactions.execute(status -> {
            VisitView visit = jdbc.sql(SELECT + " where id = ? for update").param(visitId).query(Visits::visit)
                    .optional().filter(v -> halls.contains(v.hallId()))
                    .orElseThrow(() -> new NotFoundException("evaluation.visit.not-found", visitId));
            if (visit.ended()) {
                throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.visit.ended");
            }
            jdbc.sql("update evaluation_visit set ended_at = ?, token_hash = ?, token_expires_at = ? where id = ?")
                    .params(Timestamp.from(now), hash(token), Timestamp.from(expires), visitId).update();
            audit.record(new AuditTrail.Event("evaluation", "visit.ended", officer.accountId(), officer.name(),
                    "visit", visitId.toString(), null));
            return new Slip(visit(visitId).orElseThrow(), token, expires);
        });
    }

    /** The officer's own visits, newest first (never their ratings). */
    public List<VisitView> recent(SignedIn officer) {
        requireWindowOfficer(officer);
        return jdbc.sql(SELECT + " where officer_account = ? order by started_at desc limit 50")
                .param(officer.accountId()).query(Visits::visit).list();
    }

    /** One visit of the officer's halls. */
    public VisitView ofOfficer(SignedIn officer, UUID visitId) {
        List<UUID> halls = halls(officer).stream().map(HallSummary::id).toList();
        return visit(visitId).filter(v -> halls.contains(v.hallId()))
                .orElseThrow(() -> new NotFoundException("evaluation.visit.not-found", visitId));
    }

    /**
     * Binds a device as the kiosk of a window of the officer's halls: answers the device token once (only its hash
     * is kept); the window's earlier device stops working.
     *
     * @throws NotFoundException {@code evaluation.kiosk.not-found} outside the officer's halls
     */
    public String bindKiosk(SignedIn officer, UUID windowId) {
        boolean ours = halls(officer).stream().anyMatch(h -> h.window(windowId).isPresent());
        if (!ours) {
            throw new NotFoundException("evaluation.kiosk.not-found", windowId);
        }
        String token = token();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update evaluation_kiosk_device set revoked_at = ? where window_id = ? and revoked_at is null")
                    .params(Timestamp.from(now), windowId).update();
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into evaluation_kiosk_device (id, window_id, token_hash, issued_by, issued_by_name,
                        issued_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(id, windowId, hash(token), officer.accountId(), officer.name(), Timestamp.from(now))
                    .update();
            audit.record(new AuditTrail.Event("evaluation", "kiosk.bound", officer.accountId(), officer.name(),
                    "window", windowId.toString(), id.toString()));
        });
        return token;
    }

    // --- the kiosk

    /**
     * What the kiosk of a window shows: the window and its visit waiting for a rating (the latest visit, not rated,
     * open or ended within {@code kiosk-grace}).
     *
     * @throws NotFoundException {@code evaluation.kiosk.not-found} without the device token bound to this window
     *         (also for windows that do not exist: nothing is told to someone without a bound device)
     * @throws TooManyRequestsException {@code evaluation.kiosk.too-many} (429) after too many failed requests from
     *         the address
     */
    public KioskView kiosk(UUID windowId, String deviceToken, String address) {
        device(windowId, deviceToken, address);
        HallSummary hall = organization.hallOfWindow(windowId)
                .orElseThrow(() -> new NotFoundException("evaluation.kiosk.not-found", windowId));
        HallSummary.Window window = hall.window(windowId).orElseThrow();
        return new KioskView(windowId, hall.name(), window.number(), window.name(), current(windowId).orElse(null));
    }

    /**
     * The visitor rates the window's current visit on the kiosk.
     *
     * @throws NotFoundException {@code evaluation.kiosk.not-found} (see {@link #kiosk}), or
     *         {@code evaluation.visit.not-found} when {@code visitId} is not the window's current visit
     * @throws RatingRefusedException {@code evaluation.visit.already-rated} (409)
     * @throws InvalidFieldException {@code level} or {@code comment} (400)
     */
    public RatingView rateAtKiosk(UUID windowId, String deviceToken, String address, UUID visitId, Integer level,
            List<String> reasonCodes, String comment) {
        device(windowId, deviceToken, address);
        Rating rating = rating(level, reasonCodes, comment);
        return transactions.execute(status -> {
            VisitRow row = row(visitId).filter(r -> r.windowId().equals(windowId))
                    .orElseThrow(() -> new NotFoundException("evaluation.visit.not-found", visitId));
            if (rated(visitId)) {
                throw alreadyRated();
            }
            if (current(windowId).filter(v -> v.id().equals(visitId)).isEmpty()) {
                throw new NotFoundException("evaluation.visit.not-found", visitId);
            }
            return insert(row, rating, "KIOSK");
        });
    }

    // --- the rating link on the visit slip

    /**
     * What the slip's link rates.
     *
     * @throws NotFoundException {@code evaluation.visit.link-unknown} (404)
     * @throws RatingRefusedException {@code evaluation.visit.link-used}, {@code evaluation.visit.link-expired},
     *         {@code evaluation.visit.already-rated} (all 409: the link existed but can no longer be used)
     * @throws TooManyRequestsException {@code evaluation.kiosk.too-many} (429) after too many unknown links
     */
    public LinkView link(String token, String address) {
        VisitRow row = usable(token, address);
        return new LinkView(row.hallName(), row.windowNumber(), row.windowName(), row.itemName(), row.startedAt(),
                row.tokenExpiresAt());
    }

    /** Rates the visit by its slip's link, which is then used up (see {@link #link} for the refusals). */
    public RatingView rateByLink(String token, String address, Integer level, List<String> reasonCodes,
            String comment) {
        Rating rating = rating(level, reasonCodes, comment);
        // Checked first outside the transaction, so that an unknown link counts as a failed attempt.
        UUID visitId = usable(token, address).id();
        return transactions.execute(status -> {
            jdbc.sql("select id from evaluation_visit where id = ? for update").param(visitId).query(UUID.class)
                    .single();
            VisitRow locked = usable(token, address);
            jdbc.sql("update evaluation_visit set token_used_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), visitId).update();
            return insert(locked, rating, "LINK");
        });
    }

    // ---

    private record Rating(RatingLevel level, List<RatingReason> reasons, String comment) {
    }

    private record VisitRow(UUID id, UUID hallId, String hallName, UUID windowId, String windowNumber,
            String windowName, UUID bodyId, String bodyName, String divisionCode, UUID visitorAccount,
            String itemCode, String itemName, String caseNumber, Instant startedAt, Instant tokenExpiresAt,
            Instant tokenUsedAt) {
    }

    private static Rating rating(Integer level, List<String> reasonCodes, String comment) {
        if (level == null || level < 1 || level > 5) {
            throw field("level", "evaluation.rating.level-missing", level == null ? null : level.toString());
        }
        List<RatingReason> reasons;
        try {
            reasons = Ratings.reasons(reasonCodes);
        } catch (RatingRefusedException e) {
            throw field("reasons", "evaluation.rating.reason-unknown", String.valueOf(reasonCodes));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > COMMENT_MAX) {
            throw new InvalidFieldException("comment",
                    new InvalidValueException("evaluation.rating.comment-too-long", null, COMMENT_MAX));
        }
        return new Rating(RatingLevel.ofScore(level), reasons, text);
    }

    /** Inserts the visit's rating and follows it up like a case rating; a second one is refused by the unique key. */
    private RatingView insert(VisitRow visit, Rating rating, String channel) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into evaluation_rating (id, visit_id, round, item_code, item_name, body_id, body_name,
                        division_code, rater_account, stage, level, reasons, comment, rated_at, hall_id, hall_name,
                        window_id, window_name, channel)
                    values (?, ?, 1, ?, ?, ?, ?, ?, ?, 'VISIT', ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, visit.id(), visit.itemCode(), visit.itemName(), visit.bodyId(), visit.bodyName(),
                            visit.divisionCode(), visit.visitorAccount(), rating.level().score(),
                            "{" + String.join(",", rating.reasons().stream().map(Enum::name).toList()) + "}",
                            rating.comment(), Timestamp.from(now), visit.hallId(), visit.hallName(), visit.windowId(),
                            visit.windowNumber() + " " + visit.windowName(), channel)
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyRated();
        }
        ratings.followUp(id, null, visit.id(), null, visit.itemCode(), visit.bodyId(), rating.level(), 1, now);
        return new RatingView(id, 1, "VISIT", rating.level(), rating.reasons(), rating.comment(), now);
    }

    private VisitRow usable(String token, String address) {
        VisitRow row = token == null || token.isBlank() ? null
                : jdbc.sql(SELECT_ROW + " where token_hash = ?").param(hash(token.strip())).query(Visits::row)
                        .optional().orElse(null);
        if (row == null) {
            failed(address);
            throw new NotFoundException("evaluation.visit.link-unknown", "");
        }
        if (rated(row.id())) {
            throw row.tokenUsedAt() != null
                    ? new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.visit.link-used")
                    : alreadyRated();
        }
        if (row.tokenUsedAt() != null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.visit.link-used");
        }
        if (!clock.instant().isBefore(row.tokenExpiresAt())) {
            throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.visit.link-expired");
        }
        return row;
    }

    private void device(UUID windowId, String deviceToken, String address) {
        limit(address);
        boolean bound = windowId != null && deviceToken != null && !deviceToken.isBlank()
                && jdbc.sql("select count(*) from evaluation_kiosk_device where token_hash = ? and window_id = ? "
                        + "and revoked_at is null").params(hash(deviceToken.strip()), windowId).query(Integer.class)
                        .single() > 0;
        if (!bound) {
            failed(address);
            throw new NotFoundException("evaluation.kiosk.not-found", windowId);
        }
    }

    /** Refuses an address with too many failed kiosk or link requests within the window. */
    private void limit(String address) {
        String key = personalData.lookupHash("evaluation-attempt", address == null ? "" : address);
        Instant since = clock.instant().minus(properties.attemptWindow());
        int failures = jdbc.sql("select count(*) from evaluation_attempt where key_hash = ? and attempted_at > ?")
                .params(key, Timestamp.from(since)).query(Integer.class).single();
        if (failures >= properties.maxFailedAttempts()) {
            Duration window = properties.attemptWindow();
            throw new TooManyRequestsException("evaluation.kiosk.too-many", window.toSeconds(), window.toMinutes());
        }
    }

    private void failed(String address) {
        limit(address);
        Instant now = clock.instant();
        jdbc.sql("insert into evaluation_attempt (key_hash, attempted_at) values (?, ?)")
                .params(personalData.lookupHash("evaluation-attempt", address == null ? "" : address),
                        Timestamp.from(now))
                .update();
        // Old attempts are of no further use.
        jdbc.sql("delete from evaluation_attempt where attempted_at < ?")
                .param(Timestamp.from(now.minus(properties.attemptWindow()).minus(properties.attemptWindow())))
                .update();
    }

    private Optional<VisitView> current(UUID windowId) {
        Instant now = clock.instant();
        return jdbc.sql(SELECT + " where window_id = ? and started_at > ? order by started_at desc limit 1")
                .params(windowId, Timestamp.from(now.minus(Duration.ofHours(12)))).query(Visits::visit).optional()
                .filter(v -> v.endedAt() == null || v.endedAt().plus(properties.kioskGrace()).isAfter(now))
                .filter(v -> !rated(v.id()));
    }

    private boolean rated(UUID visitId) {
        return jdbc.sql("select count(*) from evaluation_rating where visit_id = ?").param(visitId)
                .query(Integer.class).single() > 0;
    }

    private Optional<VisitView> visit(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(Visits::visit).optional();
    }

    private Optional<VisitRow> row(UUID id) {
        return jdbc.sql(SELECT_ROW + " where id = ?").param(id).query(Visits::row).optional();
    }

    private static RatingRefusedException alreadyRated() {
        return new RatingRefusedException(RatingRefusedException.Reason.CONFLICT, "evaluation.visit.already-rated");
    }

    private static InvalidFieldException field(String field, String code, Object value) {
        String text = value == null ? null : value.toString();
        return new InvalidFieldException(field, new InvalidValueException(code, text, text == null ? "" : text));
    }

    static void requireWindowOfficer(SignedIn officer) {
        Ratings.staff(officer);
        if (!officer.has(StaffRole.WINDOW_OFFICER)) {
            throw new RatingRefusedException(RatingRefusedException.Reason.FORBIDDEN,
                    "evaluation.visit.window-officers-only");
        }
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: enough for the visitor to recognise their visit, not enough for anyone else. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "*";
        }
        String clean = name.strip().replaceAll("（.*）|\\(.*\\)", "");
        int first = clean.isEmpty() ? name.strip().codePointAt(0) : clean.codePointAt(0);
        int rest = Math.max(1, clean.codePointCount(0, clean.length()) - 1);
        return new String(Character.toChars(first)) + "*".repeat(rest);
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of a random 256-bit token: no key is needed, there is nothing to guess. */
    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            select id, hall_id, hall_name, window_id, window_number, window_name, body_name, visitor_masked, item_code,
                item_name, case_number, started_at, ended_at from evaluation_visit""";

    private static VisitView visit(ResultSet rs, int n) throws SQLException {
        Timestamp ended = rs.getTimestamp(13);
        return new VisitView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                ended == null ? null : ended.toInstant());
    }

    private static final String SELECT_ROW = """
            select id, hall_id, hall_name, window_id, window_number, window_name, body_id, body_name, division_code,
                visitor_account, item_code, item_name, case_number, started_at, token_expires_at, token_used_at
            from evaluation_visit""";

    private static VisitRow row(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp(15);
        Timestamp used = rs.getTimestamp(16);
        return new VisitRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getTimestamp(14).toInstant(), expires == null ? null : expires.toInstant(),
                used == null ? null : used.toInstant());
    }
}

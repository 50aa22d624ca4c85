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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tongban.cases.CaseFacts;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemSummary;
import org.tongban.identity.AccountMessages;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsGateway;
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
 *
 * <p>A visitor whose visit was recorded for their account may also give the first rating signed in, on
 * {@code /account/visits}: once per visit like at the kiosk or by the slip (the slip's link is then used up), within
 * the slip link's validity after the visit ended.
 *
 * <p>After the rated body answered a bad visit rating, the rater may see the answer and rate once more (国办发〔2019〕51号,
 * DOMAIN §6), like a case's rater: signed in, on {@code /account/visits} when the visit was recorded for their
 * account; and, account or not, by a second one-time link sent by SMS when the answer is given (only its hash is
 * kept). The second rating supersedes the first in the statistics.
 */
@Service
public class Visits {

    private static final Logger log = LoggerFactory.getLogger(Visits.class);
    private static final java.util.Locale SMS_LOCALE = java.util.Locale.SIMPLIFIED_CHINESE;
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

    /**
     * What the rating link shows: where and what for, no person; for the second link ({@code round} 2) also the
     * rated body's answer to the first rating.
     */
    public record LinkView(String hallName, String windowNumber, String windowName, String itemName,
            Instant startedAt, Instant expiresAt, int round, String response, Instant respondedAt) {
    }

    /**
     * A hall visit as supervision sees it (电子监察 of a bad visit rating): where, for which body and item, and the
     * visitor masked only (张*, 138****5678).
     */
    public record VisitFacts(UUID id, UUID bodyId, String bodyName, String hallName, String windowNumber,
            String windowName, String itemName, String visitorMasked) {
    }

    /**
     * A hall visit recorded for the signed-in person's account, with their ratings of it, the rated body's answer to a
     * bad one, whether they may still give the first rating ({@code canRate}, until {@code rateBy}) and whether they
     * may rate it once more.
     */
    public record OwnVisit(UUID id, String hallName, String windowNumber, String windowName, String bodyName,
            String itemName, Instant startedAt, List<RatingView> ratings, String response, Instant respondedAt,
            boolean canRateAgain, boolean canRate, Instant rateBy) {
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
    private final AccountMessages accountMessages;
    private final ObjectProvider<SmsGateway> gateways;
    private final MessageSource texts;
    private final Clock clock = Clock.systemUTC();

    Visits(JdbcClient jdbc, Organization organization, Catalog catalog, CaseFacts cases, PersonalData personalData,
            Ratings ratings, EvaluationProperties properties, TransactionTemplate transactions, AuditTrail audit,
            AccountMessages accountMessages, ObjectProvider<SmsGateway> gateways, MessageSource texts) {
        this.accountMessages = accountMessages;
        this.gateways = gateways;
        this.texts = texts;
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
            return insert(row, rating, "KIOSK", 1);
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
        Usable usable = usable(token, address);
        VisitRow row = usable.row();
        if (usable.round() == 1) {
            return new LinkView(row.hallName(), row.windowNumber(), row.windowName(), row.itemName(),
                    row.startedAt(), row.tokenExpiresAt(), 1, null, null);
        }
        Answer answer = answer(row.id()).orElseThrow();
        return new LinkView(row.hallName(), row.windowNumber(), row.windowName(), row.itemName(), row.startedAt(),
                row.reratingExpiresAt(), 2, answer.response(), answer.respondedAt());
    }

    /** Rates the visit by its slip's link, which is then used up (see {@link #link} for the refusals). */
    public RatingView rateByLink(String token, String address, Integer level, List<String> reasonCodes,
            String comment) {
        Rating rating = rating(level, reasonCodes, comment);
        // Checked first outside the transaction, so that an unknown link counts as a failed attempt.
        UUID visitId = usable(token, address).row().id();
        return transactions.execute(status -> {
            jdbc.sql("select id from evaluation_visit where id = ? for update").param(visitId).query(UUID.class)
                    .single();
            Usable locked = usable(token, address);
            jdbc.sql("update evaluation_visit set " + (locked.round() == 1 ? "token_used_at" : "rerating_used_at")
                    + " = ? where id = ?").params(Timestamp.from(clock.instant()), visitId).update();
            return insert(locked.row(), rating, "LINK", locked.round());
        });
    }

    /** A visit for supervision, the visitor masked (the rater's identity stays protected). */
    public Optional<VisitFacts> facts(UUID visitId) {
        return jdbc.sql("select id, body_id, body_name, hall_name, window_number, window_name, item_name, "
                        + "visitor_masked from evaluation_visit where id = ?").param(visitId)
                .query((rs, n) -> new VisitFacts(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)))
                .optional();
    }

    // --- the rater's second rating, after the body answered

    /**
     * The hall visits recorded for the signed-in person's account, newest first, with their ratings and the rated
     * body's answer (the person sees only their own).
     *
     * @throws RatingRefusedException {@code evaluation.signin.required} (401), {@code evaluation.rating.staff} (403)
     */
    public List<OwnVisit> mine(SignedIn who) {
        person(who);
        return jdbc.sql(SELECT_ROW + " where visitor_account = ? order by started_at desc limit 50")
                .param(who.accountId()).query(Visits::row).list().stream().map(this::own).toList();
    }

    /**
     * Rates a visit of the signed-in person's account: the first rating (一次一评, DOMAIN §6: once per visit, whatever the
     * channel; the slip's link is then used up) while the slip's link would still be valid, or the second one after
     * the rated body answered their bad first rating (the SMS link of that round is then used up).
     *
     * @throws NotFoundException {@code evaluation.visit.not-found} for a visit not recorded for their account
     * @throws RatingRefusedException (409) {@code evaluation.visit.rating-closed} when the time to give the first
     *         rating is over, {@code evaluation.visit.rerating-not-open} before the body answered a bad first rating,
     *         {@code evaluation.visit.already-rated} after a first rating that was not bad or after the second
     * @throws InvalidFieldException {@code level}, {@code reasons} or {@code comment} (400)
     */
    public RatingView rate(SignedIn who, UUID visitId, Integer level, List<String> reasonCodes, String comment) {
        person(who);
        // Someone else's visit is not found, whatever was sent: checked before the input.
        row(visitId).filter(r -> who.accountId().equals(r.visitorAccount()))
                .orElseThrow(() -> new NotFoundException("evaluation.visit.not-found", visitId));
        Rating rating = rating(level, reasonCodes, comment);
        return transactions.execute(status -> {
            VisitRow row = jdbc.sql(SELECT_ROW + " where id = ? for update").param(visitId).query(Visits::row)
                    .optional().filter(r -> who.accountId().equals(r.visitorAccount()))
                    .orElseThrow(() -> new NotFoundException("evaluation.visit.not-found", visitId));
            int rounds = rounds(visitId);
            Instant now = clock.instant();
            if (rounds == 0) {
                if (!now.isBefore(rateBy(row))) {
                    throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                            "evaluation.visit.rating-closed");
                }
                jdbc.sql("update evaluation_visit set token_used_at = ? where id = ?")
                        .params(Timestamp.from(now), visitId).update();
                return insert(row, rating, "ONLINE", 1);
            }
            if (rounds >= 2) {
                throw alreadyRated();
            }
            if (answer(visitId).isEmpty()) {
                if (!rectified(visitId)) {
                    // A first rating that was not bad opens no rectification: there is no second round to wait for.
                    throw alreadyRated();
                }
                throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                        "evaluation.visit.rerating-not-open");
            }
            jdbc.sql("update evaluation_visit set rerating_used_at = ? where id = ?")
                    .params(Timestamp.from(now), visitId).update();
            return insert(row, rating, "ONLINE", 2);
        });
    }

    /**
     * Until when the first rating of a visit may be given in the account: as long as its slip's link (from the end of
     * the visit; for a visit never ended, from its start).
     */
    private Instant rateBy(VisitRow row) {
        return row.tokenExpiresAt() != null ? row.tokenExpiresAt()
                : row.startedAt().plus(properties.visitLinkValidity());
    }

    private boolean rectified(UUID visitId) {
        return jdbc.sql("select count(*) from evaluation_rectification x join evaluation_rating r "
                + "on r.id = x.rating_id where r.visit_id = ? and r.round = 1").param(visitId).query(Integer.class)
                .single() > 0;
    }

    /**
     * The rated body answered a bad rating of a visit: a second one-time link is issued (its hash kept) and sent by SMS
     * to the rater — the account's number, or the number recorded for a visitor without an account — once the answer
     * is committed. Runs in the answer's transaction.
     */
    @EventListener
    void on(RectificationResponded event) {
        if (event.visitId() == null) {
            return;
        }
        VisitRow row = row(event.visitId()).orElse(null);
        if (row == null || rounds(row.id()) != 1) {
            return;
        }
        String token = token();
        Instant expires = event.respondedAt().plus(properties.reratingLinkValidity());
        jdbc.sql("update evaluation_visit set rerating_token_hash = ?, rerating_expires_at = ?, "
                + "rerating_used_at = null where id = ?").params(hash(token), Timestamp.from(expires), row.id())
                .update();
        String url = publicUrl() + "/visit-rating/" + token;
        java.util.function.Function<java.util.Locale, String> text = locale -> texts.getMessage(
                "evaluation.visit.rerating.sms", new Object[] { row.hallName(), row.windowNumber(), url,
                        day(expires) }, locale);
        String cipher = jdbc.sql("select visitor_phone_cipher from evaluation_visit where id = ?").param(row.id())
                .query((rs, n) -> rs.getString(1)).list().get(0);
        UUID account = row.visitorAccount();
        Runnable send = () -> {
            if (account != null) {
                accountMessages.sms(account, text);
            } else if (cipher != null) {
                SmsGateway gateway = gateways.getIfAvailable();
                if (gateway == null) {
                    log.debug("No SMS gateway configured: the second rating link of visit {} is not sent", row.id());
                    return;
                }
                try {
                    gateway.send(new PhoneNumber(personalData.decrypt(cipher)), text.apply(SMS_LOCALE));
                } catch (RuntimeException e) {
                    log.warn("SMS with the second rating link of visit {} not sent: {}", row.id(), e.toString());
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // The answer's transaction is over: what the gateway writes goes in a transaction of its own.
                    TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
                    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                    own.executeWithoutResult(status -> send.run());
                }
            });
        } else {
            send.run();
        }
    }

    private String publicUrl() {
        String configured = properties.publicUrl() == null ? "" : properties.publicUrl().strip();
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return RequestContextHolder.getRequestAttributes() == null ? ""
                : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    private static String day(Instant instant) {
        return java.time.LocalDate.ofInstant(instant, org.tongban.cases.Applications.ZONE).toString();
    }

    private OwnVisit own(VisitRow row) {
        List<RatingView> given = jdbc.sql("select id, round, stage, level, reasons, comment, rated_at "
                        + "from evaluation_rating where visit_id = ? order by round").param(row.id())
                .query((rs, n) -> new RatingView(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        RatingLevel.ofScore(rs.getInt(4)), reasonsOf(rs.getArray(5)), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
        Optional<Answer> answer = answer(row.id());
        Instant rateBy = given.isEmpty() ? rateBy(row) : null;
        return new OwnVisit(row.id(), row.hallName(), row.windowNumber(), row.windowName(), row.bodyName(),
                row.itemName(), row.startedAt(), given, answer.map(Answer::response).orElse(null),
                answer.map(Answer::respondedAt).orElse(null), given.size() == 1 && answer.isPresent(),
                rateBy != null && clock.instant().isBefore(rateBy), rateBy);
    }

    private static List<RatingReason> reasonsOf(java.sql.Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<RatingReason> reasons = new ArrayList<>();
        for (String code : (String[]) array.getArray()) {
            reasons.add(RatingReason.valueOf(code));
        }
        return reasons;
    }

    /** The body's answer to the bad first rating of a visit, once given. */
    private record Answer(String response, Instant respondedAt) {
    }

    private Optional<Answer> answer(UUID visitId) {
        return jdbc.sql("select x.response, x.responded_at from evaluation_rectification x "
                        + "join evaluation_rating r on r.id = x.rating_id "
                        + "where r.visit_id = ? and r.round = 1 and x.status = 'RESPONDED'").param(visitId)
                .query((rs, n) -> new Answer(rs.getString(1), rs.getTimestamp(2).toInstant())).optional();
    }

    private int rounds(UUID visitId) {
        return jdbc.sql("select count(*) from evaluation_rating where visit_id = ?").param(visitId)
                .query(Integer.class).single();
    }

    private static void person(SignedIn who) {
        if (who == null) {
            throw new RatingRefusedException(RatingRefusedException.Reason.SIGN_IN, "evaluation.signin.required");
        }
        if (who.staff()) {
            throw new RatingRefusedException(RatingRefusedException.Reason.FORBIDDEN, "evaluation.rating.staff");
        }
    }

    // ---

    private record Rating(RatingLevel level, List<RatingReason> reasons, String comment) {
    }

    private record VisitRow(UUID id, UUID hallId, String hallName, UUID windowId, String windowNumber,
            String windowName, UUID bodyId, String bodyName, String divisionCode, UUID visitorAccount,
            String itemCode, String itemName, String caseNumber, Instant startedAt, Instant tokenExpiresAt,
            Instant tokenUsedAt, Instant reratingExpiresAt, Instant reratingUsedAt) {
    }

    /** A link that may still be used, and the round it rates (1: the slip's, 2: the one after the answer). */
    private record Usable(VisitRow row, int round) {
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

    /**
     * Inserts the visit's rating of the round and follows it up like a case rating; a second one of the same round is
     * refused by the unique key.
     */
    private RatingView insert(VisitRow visit, Rating rating, String channel, int round) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into evaluation_rating (id, visit_id, round, item_code, item_name, body_id, body_name,
                        division_code, rater_account, stage, level, reasons, comment, rated_at, hall_id, hall_name,
                        window_id, window_name, channel)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'VISIT', ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, visit.id(), round, visit.itemCode(), visit.itemName(), visit.bodyId(), visit.bodyName(),
                            visit.divisionCode(), visit.visitorAccount(), rating.level().score(),
                            "{" + String.join(",", rating.reasons().stream().map(Enum::name).toList()) + "}",
                            rating.comment(), Timestamp.from(now), visit.hallId(), visit.hallName(), visit.windowId(),
                            visit.windowNumber() + " " + visit.windowName(), channel)
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyRated();
        }
        ratings.followUp(id, null, visit.id(), null, visit.itemCode(), visit.bodyId(), rating.level(), round, now);
        return new RatingView(id, round, "VISIT", rating.level(), rating.reasons(), rating.comment(), now);
    }

    private Usable usable(String token, String address) {
        String hash = token == null || token.isBlank() ? null : hash(token.strip());
        VisitRow row = hash == null ? null
                : jdbc.sql(SELECT_ROW + " where token_hash = ?").param(hash).query(Visits::row).optional()
                        .orElse(null);
        if (row == null && hash != null) {
            VisitRow second = jdbc.sql(SELECT_ROW + " where rerating_token_hash = ?").param(hash)
                    .query(Visits::row).optional().orElse(null);
            if (second != null) {
                if (second.reratingUsedAt() != null || rounds(second.id()) >= 2) {
                    throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                            "evaluation.visit.link-used");
                }
                if (!clock.instant().isBefore(second.reratingExpiresAt())) {
                    throw new RatingRefusedException(RatingRefusedException.Reason.CONFLICT,
                            "evaluation.visit.link-expired");
                }
                return new Usable(second, 2);
            }
        }
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
        return new Usable(row, 1);
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
                visitor_account, item_code, item_name, case_number, started_at, token_expires_at, token_used_at,
                rerating_expires_at, rerating_used_at
            from evaluation_visit""";

    private static VisitRow row(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp(15);
        Timestamp used = rs.getTimestamp(16);
        Timestamp reratingExpires = rs.getTimestamp(17);
        Timestamp reratingUsed = rs.getTimestamp(18);
        return new VisitRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getTimestamp(14).toInstant(), expires == null ? null : expires.toInstant(),
                used == null ? null : used.toInstant(), reratingExpires == null ? null : reratingExpires.toInstant(),
                reratingUsed == null ? null : reratingUsed.toInstant());
    }
}

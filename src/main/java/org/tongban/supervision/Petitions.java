package org.tongban.supervision;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseFacts;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemSummary;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsCodes;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Consultations, complaints and reports (咨询/投诉/举报) by anyone, about a service item, a case (by its number) or a
 * body: routed to the responsible body (the item's, the case's, or the body named), due within working days set per
 * kind ({@code tongban.supervision.petitions.*-days}, local practice) on the platform's holiday calendar (行政许可法
 * Art. 82 counts working days the same way), answered by the body's staff (audited) and rated by the submitter
 * (satisfied / unsatisfied, once).
 *
 * <p>A signed-in person submits in their own name and sees the answers in their account. Anyone else proves a phone
 * by the SMS code identity sends ({@link SmsCodes}, with its send limits) and gets a lookup code; the phone is kept
 * encrypted with a keyed hash to match it and shown to the body masked only (DOMAIN §8, GB/T 39786-2021). Anonymous
 * submissions are limited per phone and per address within a window, counted in PostgreSQL so every node agrees.
 */
@Service
public class Petitions {

    public static final List<String> KINDS = List.of("CONSULTATION", "COMPLAINT", "REPORT");
    public static final List<String> SUBJECTS = List.of("ITEM", "CASE", "BODY");

    private static final int TEXT_MAX = 2000;
    private static final String LOOKUP_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new submission; {@code lookupCode} is given to anonymous submitters once, and kept only as a hash. */
    public record Submitted(PetitionView petition, String lookupCode) {
    }

    private final JdbcClient jdbc;
    private final CaseFacts cases;
    private final Catalog catalog;
    private final Organization organization;
    private final WorkingDays workingDays;
    private final SupervisionProperties properties;
    private final SmsCodes sms;
    private final PersonalData personalData;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Petitions(JdbcClient jdbc, CaseFacts cases, Catalog catalog, Organization organization, WorkingDays workingDays,
            SupervisionProperties properties, SmsCodes sms, PersonalData personalData,
            TransactionTemplate transactions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.catalog = catalog;
        this.organization = organization;
        this.workingDays = workingDays;
        this.properties = properties;
        this.sms = sms;
        this.personalData = personalData;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Sends the code an anonymous submitter proves their phone with (identity's one-time codes and their limits).
     *
     * @throws InvalidValueException {@code identity.phone.format}
     * @throws TooManyRequestsException {@code identity.sms.cooldown} / {@code identity.sms.too-many}
     * @throws SupervisionRefusedException {@code supervision.petition.staff} (403) for staff accounts
     */
    public void sendPhoneCode(SignedIn who, String phone, String address, Locale locale) {
        if (who != null && who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.staff");
        }
        sms.send(SmsCodes.Purpose.VERIFY_PHONE, new PhoneNumber(phone), address, locale);
    }

    /**
     * Files a consultation, complaint or report and routes it to the responsible body.
     *
     * @throws PetitionRefusedException (422) naming the field: {@code supervision.petition.kind-missing},
     *         {@code .subject-missing}, {@code .item-unknown}, {@code .case-unknown}, {@code .body-unknown},
     *         {@code .text-missing}, {@code .text-too-long}, {@code .phone-missing}, {@code .code-missing}
     * @throws SupervisionRefusedException {@code supervision.petition.staff} (403) for staff accounts
     * @throws TooManyRequestsException {@code supervision.petition.too-many} (429) for anonymous submitters
     * @throws InvalidValueException {@code identity.phone.format}, {@code identity.sms.code-invalid} (400)
     */
    public Submitted submit(SignedIn who, PetitionRequest request, String address) {
        if (who != null && who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.staff");
        }
        String kind = upper(request.kind());
        if (!KINDS.contains(kind)) {
            throw new PetitionRefusedException("kind", "supervision.petition.kind-missing");
        }
        Route route = route(request);
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw new PetitionRefusedException("text", "supervision.petition.text-missing");
        }
        if (text.length() > TEXT_MAX) {
            throw new PetitionRefusedException("text", "supervision.petition.text-too-long", TEXT_MAX);
        }
        PhoneNumber phone = null;
        if (who == null) {
            if (request.phone() == null || request.phone().isBlank()) {
                throw new PetitionRefusedException("phone", "supervision.petition.phone-missing");
            }
            phone = new PhoneNumber(request.phone());
            if (request.code() == null || request.code().isBlank()) {
                throw new PetitionRefusedException("code", "supervision.petition.code-missing");
            }
        }
        PhoneNumber proven = phone;
        Instant now = clock.instant();
        String phoneHash = proven == null ? null : personalData.lookupHash("phone", proven.value());
        String addressHash = proven == null ? null : personalData.lookupHash("address", address == null ? "" : address);
        if (proven != null) {
            // Over the limit, the code is not even looked at; then the code is checked in identity's own transaction,
            // so every wrong guess counts even though nothing is stored here.
            transactions.executeWithoutResult(status -> limit(phoneHash, addressHash, now));
            sms.verify(SmsCodes.Purpose.VERIFY_PHONE, proven, request.code());
        }
        LocalDate due = Weekdays.add(workingDays.calendar(), LocalDate.ofInstant(now, Applications.ZONE), days(kind));
        UUID id = UUID.randomUUID();
        String lookupCode = proven == null ? null : lookupCode();
        transactions.executeWithoutResult(status -> {
            if (proven != null) {
                limit(phoneHash, addressHash, now);
            }
            jdbc.sql("""
                    insert into supervision_petition (id, kind, subject, item_code, item_name, application_id,
                        case_number, body_id, body_name, division_code, text, submitter_account, phone_cipher,
                        phone_hash, phone_masked, lookup_hash, address_hash, submitted_at, due_on)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, kind, route.subject(), route.itemCode(), route.itemName(), route.applicationId(),
                            route.caseNumber(), route.body().id(), route.body().name(), route.body().divisionCode(),
                            text, who == null ? null : who.accountId(),
                            proven == null ? null : personalData.encrypt(proven.value()), phoneHash,
                            proven == null ? null : proven.masked(),
                            lookupCode == null ? null : lookupHash(lookupCode), addressHash, Timestamp.from(now),
                            Date.valueOf(due))
                    .update();
        });
        return new Submitted(find(id), lookupCode);
    }

    /** The signed-in person's submissions, newest first. */
    public List<PetitionView> mine(SignedIn who) {
        requirePerson(who);
        return jdbc.sql(SELECT + " where submitter_account = ? order by submitted_at desc limit 200")
                .param(who.accountId()).query(Petitions::petition).list();
    }

    /**
     * An anonymous submission by its lookup code and the phone it was filed with; one answer for a wrong code and a
     * wrong phone.
     */
    public PetitionView lookup(String lookupCode, String phone) {
        return jdbc.sql(SELECT + " where id = ?").param(anonymousId(lookupCode, phone))
                .query(Petitions::petition).single();
    }

    /**
     * The signed-in submitter rates the answer ({@code satisfied} or not), once.
     *
     * @throws SupervisionRefusedException {@code supervision.petition.rating-missing},
     *         {@code supervision.petition.not-answered} (422),
     *         {@code supervision.petition.already-rated} (409)
     */
    public PetitionView rate(SignedIn who, UUID id, Boolean satisfied) {
        requirePerson(who);
        boolean own = jdbc.sql("select count(*) from supervision_petition where id = ? and submitter_account = ?")
                .params(id, who.accountId()).query(Integer.class).single() > 0;
        if (!own) {
            throw new NotFoundException("supervision.petition.not-found", id);
        }
        return rate(id, satisfied);
    }

    /** The anonymous submitter rates the answer, once (see {@link #rate(SignedIn, UUID, boolean)}). */
    public PetitionView rate(String lookupCode, String phone, Boolean satisfied) {
        return rate(anonymousId(lookupCode, phone), satisfied);
    }

    private PetitionView rate(UUID id, Boolean satisfied) {
        if (satisfied == null) {
            throw new PetitionRefusedException("satisfied", "supervision.petition.rating-missing");
        }
        return transactions.execute(status -> {
            PetitionView p = jdbc.sql(SELECT + " where id = ? for update").param(id).query(Petitions::petition)
                    .single();
            if (!p.answered()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.RULE,
                        "supervision.petition.not-answered");
            }
            if (p.rating() != null) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.petition.already-rated");
            }
            jdbc.sql("update supervision_petition set rating = ?, rated_at = ? where id = ?")
                    .params(satisfied ? "SATISFIED" : "UNSATISFIED", Timestamp.from(clock.instant()), id).update();
            return find(id);
        });
    }

    /** What the staff member's body is asked to answer, open ones first, the earliest due first. */
    public List<PetitionView> inbox(SignedIn staff) {
        UUID body = requireBodyStaff(staff);
        return jdbc.sql(SELECT + " where body_id = ? order by (status = 'ANSWERED'), due_on, submitted_at limit 500")
                .param(body).query(Petitions::petition).list();
    }

    /**
     * The body answers, once (audited).
     *
     * @throws PetitionRefusedException {@code supervision.petition.answer-missing} / {@code .text-too-long} (422)
     * @throws SupervisionRefusedException {@code supervision.petition.already-answered} (409)
     * @throws NotFoundException {@code supervision.petition.not-found} for another body's
     */
    public PetitionView answer(SignedIn staff, UUID id, String answer) {
        UUID body = requireBodyStaff(staff);
        String text = answer == null ? "" : answer.strip();
        return transactions.execute(status -> {
            PetitionView p = jdbc.sql(SELECT + " where id = ? and body_id = ? for update").params(id, body)
                    .query(Petitions::petition).optional()
                    .orElseThrow(() -> new NotFoundException("supervision.petition.not-found", id));
            if (text.isEmpty()) {
                throw new PetitionRefusedException("answer", "supervision.petition.answer-missing");
            }
            if (text.length() > TEXT_MAX) {
                throw new PetitionRefusedException("answer", "supervision.petition.text-too-long", TEXT_MAX);
            }
            if (p.answered()) {
                throw new SupervisionRefusedException(SupervisionRefusedException.Reason.CONFLICT,
                        "supervision.petition.already-answered");
            }
            jdbc.sql("""
                    update supervision_petition set status = 'ANSWERED', answer = ?, answered_at = ?, answered_by = ?,
                        answerer_name = ? where id = ?""")
                    .params(text, Timestamp.from(clock.instant()), staff.accountId(), staff.name(), id).update();
            audit.record(new AuditTrail.Event("supervision", "petition.answered", staff.accountId(), staff.name(),
                    "petition", id.toString(), p.kind() + " " + p.subject()));
            return find(id);
        });
    }

    // --- routing

    private record Route(String subject, String itemCode, String itemName, UUID applicationId, String caseNumber,
            BodySummary body) {
    }

    private Route route(PetitionRequest request) {
        String subject = upper(request.subject());
        switch (subject) {
            case "ITEM" -> {
                String code = request.itemCode() == null ? "" : request.itemCode().strip();
                ItemSummary item;
                try {
                    item = catalog.item(ImplementationCode.of(code)).summary();
                } catch (InvalidValueException | NotFoundException e) {
                    throw new PetitionRefusedException("itemCode", "supervision.petition.item-unknown");
                }
                return new Route(subject, item.code(), item.name(), null, null, organization.body(item.bodyId()));
            }
            case "CASE" -> {
                CaseFacts.CaseRef ref = cases.byNumber(request.caseNumber())
                        .orElseThrow(() -> new PetitionRefusedException("caseNumber",
                                "supervision.petition.case-unknown"));
                return new Route(subject, ref.itemCode(), ref.itemName(), ref.applicationId(), ref.caseNumber(),
                        organization.body(ref.bodyId()));
            }
            case "BODY" -> {
                if (request.bodyId() == null) {
                    throw new PetitionRefusedException("bodyId", "supervision.petition.body-unknown");
                }
                try {
                    return new Route(subject, null, null, null, null, organization.body(request.bodyId()));
                } catch (NotFoundException e) {
                    throw new PetitionRefusedException("bodyId", "supervision.petition.body-unknown");
                }
            }
            default -> throw new PetitionRefusedException("subject", "supervision.petition.subject-missing");
        }
    }

    private int days(String kind) {
        return switch (kind) {
            case "CONSULTATION" -> properties.petitions().consultationDays();
            case "COMPLAINT" -> properties.petitions().complaintDays();
            default -> properties.petitions().reportDays();
        };
    }

    /** Anonymous submissions per phone and per address within the window (after a lock on the phone). */
    private void limit(String phoneHash, String addressHash, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("petition:" + phoneHash).query(Object.class)
                .optional();
        SupervisionProperties.Petitions p = properties.petitions();
        Timestamp since = Timestamp.from(now.minus(p.window()));
        int perPhone = jdbc.sql("select count(*) from supervision_petition where phone_hash = ? and submitted_at > ?")
                .params(phoneHash, since).query(Integer.class).single();
        int perAddress = jdbc.sql("select count(*) from supervision_petition where address_hash = ? "
                + "and submitted_at > ?").params(addressHash, since).query(Integer.class).single();
        if (perPhone >= p.maxPerPhone() || perAddress >= p.maxPerAddress()) {
            throw new TooManyRequestsException("supervision.petition.too-many", p.window().toSeconds(),
                    p.window().toHours());
        }
    }

    // --- lookup codes

    private static String lookupCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(LOOKUP_ALPHABET.charAt(RANDOM.nextInt(LOOKUP_ALPHABET.length())));
        }
        return code.toString();
    }

    private String lookupHash(String code) {
        String normalized = code.strip().toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        return personalData.lookupHash("petition-lookup", normalized);
    }

    private UUID anonymousId(String lookupCode, String phone) {
        if (lookupCode == null || lookupCode.isBlank() || phone == null || phone.isBlank()) {
            throw new NotFoundException("supervision.petition.not-found", "");
        }
        PhoneNumber number;
        try {
            number = new PhoneNumber(phone);
        } catch (InvalidValueException e) {
            throw new NotFoundException("supervision.petition.not-found", "");
        }
        return jdbc.sql("select id from supervision_petition where lookup_hash = ? and phone_hash = ?")
                .params(lookupHash(lookupCode), personalData.lookupHash("phone", number.value()))
                .query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("supervision.petition.not-found", ""));
    }

    // --- who

    private static void requirePerson(SignedIn who) {
        if (who == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.staff");
        }
    }

    private static UUID requireBodyStaff(SignedIn staff) {
        if (staff == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.SIGN_IN,
                    "supervision.signin.required");
        }
        if (!staff.staff() || staff.staffBody() == null) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.body-staff-only");
        }
        return staff.staffBody();
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    private PetitionView find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(Petitions::petition).single();
    }

    static final String SELECT = """
            select id, kind, subject, item_code, item_name, case_number, body_id, body_name, text, submitted_at, due_on,
                status, answer, answered_at, answerer_name, rating, rated_at, phone_masked from supervision_petition""";

    static PetitionView petition(ResultSet rs, int n) throws SQLException {
        Timestamp answered = rs.getTimestamp(14);
        Timestamp rated = rs.getTimestamp(17);
        return new PetitionView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getDate(11).toLocalDate(), rs.getString(12), rs.getString(13),
                answered == null ? null : answered.toInstant(), rs.getString(15), rs.getString(16),
                rated == null ? null : rated.toInstant(), rs.getString(18));
    }
}

package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.identity.AccountMessages;
import org.tongban.identity.SignedIn;

/**
 * Tells the applicant of every change of their case (DOMAIN §5: tracking): submitted, correction requested, accepted
 * (by an officer or by operation of law), not accepted, special procedure started, decided, completed. Each becomes
 * an in-app notification on "my messages" and an SMS through the identity module's sender (the development inbox in
 * the demo). Listeners run after the case's transaction committed, from the event publication registry, so a crash
 * loses no notification and a redelivered event notifies once ({@code event_key}).
 */
@Service
public class CaseNotifications {

    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    /** One notification as the applicant reads it. */
    public record Notification(UUID id, UUID applicationId, String caseNumber, String itemName, String kind,
            String detail, Instant createdAt, boolean read) {
    }

    private final JdbcClient jdbc;
    private final ApplicationStore store;
    private final AccountMessages messages;
    private final MessageSource texts;
    private final Clock clock = Clock.systemUTC();

    private final WalkInFiling walkIns;

    CaseNotifications(JdbcClient jdbc, ApplicationStore store, AccountMessages messages, MessageSource texts,
            WalkInFiling walkIns) {
        this.walkIns = walkIns;
        this.jdbc = jdbc;
        this.store = store;
        this.messages = messages;
        this.texts = texts;
    }

    @ApplicationModuleListener
    void on(CaseSubmitted event) {
        notify(event.applicationId(), event.resubmission() ? "RESUBMITTED" : "SUBMITTED", event.receivedOn().toString(),
                "submitted:" + event.applicationId() + ":" + corrections(event.applicationId()));
    }

    @ApplicationModuleListener
    void on(CaseCorrectionRequested event) {
        notify(event.applicationId(), "CORRECTION_REQUESTED", String.valueOf(event.deficiencies()),
                "correction:" + event.applicationId() + ":" + corrections(event.applicationId()));
    }

    @ApplicationModuleListener
    void on(CaseAccepted event) {
        notify(event.applicationId(), event.byLaw() ? "ACCEPTED_BY_LAW" : "ACCEPTED", format(event.acceptedOn()),
                "accepted:" + event.applicationId());
    }

    @ApplicationModuleListener
    void on(CaseNotAccepted event) {
        notify(event.applicationId(), "NOT_ACCEPTED", event.reason(), "not-accepted:" + event.applicationId());
    }

    @ApplicationModuleListener
    void on(CaseSuspended event) {
        if (event.resumedOn() == null) {
            notify(event.applicationId(), "SUSPENDED", event.kind(),
                    "suspended:" + event.applicationId() + ":" + event.taskId() + ":" + event.startedOn());
        }
    }

    @ApplicationModuleListener
    void on(CaseDecided event) {
        notify(event.applicationId(), "GRANTED".equals(event.outcome()) ? "GRANTED" : "REFUSED",
                event.decisionNumber(), "decided:" + event.applicationId());
    }

    @ApplicationModuleListener
    void on(CaseCompleted event) {
        notify(event.applicationId(), "COMPLETED", null, "completed:" + event.applicationId());
    }

    @ApplicationModuleListener
    void on(CaseDelivered event) {
        notify(event.applicationId(), "DELIVERED_" + event.method().name(), event.detail(),
                "delivered:" + event.applicationId());
    }

    /** How many correction notices the application has had: tells one submission or notice from the next. */
    private int corrections(UUID applicationId) {
        return jdbc.sql("select count(*) from cases_correction_request where application_id = ?").param(applicationId)
                .query(Integer.class).single();
    }

    private void notify(UUID applicationId, String kind, String detail, String eventKey) {
        ApplicationStore.Row row = store.find(applicationId).orElse(null);
        if (row == null) {
            return;
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into cases_notification (id, account_id, application_id, case_number, item_name, kind, detail,
                    created_at, event_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_key) do nothing""")
                .params(id, row.applicantAccount(), applicationId, row.caseNumber(), row.itemName(), kind,
                        detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail,
                        java.sql.Timestamp.from(clock.instant()), eventKey)
                .update();
        if (inserted == 1) {
            java.util.function.Function<Locale, String> text = locale -> texts.getMessage("cases.notification.sms",
                    new Object[] { row.itemName(), row.caseNumber() == null ? "" : row.caseNumber(),
                            texts.getMessage("cases.notification." + kind, new Object[] { detail == null ? "" : detail },
                                    locale) },
                    locale);
            // A case a hall window filed for a person without an account reaches the phone given at the counter (in
            // Chinese: such a person has no language on record).
            if (messages.sms(row.applicantAccount(), text)
                    || walkIns.smsToUnregistered(applicationId, text.apply(SMS_LOCALE))) {
                jdbc.sql("update cases_notification set sms_sent = true where id = ?").param(id).update();
            }
        }
    }

    /** The applicant's notifications, newest first. */
    @Transactional(readOnly = true)
    public List<Notification> mine(SignedIn applicant, int limit) {
        return jdbc.sql("""
                select id, application_id, case_number, item_name, kind, detail, created_at, read_at
                from cases_notification where account_id = ? order by created_at desc limit ?""")
                .params(applicant.accountId(), limit)
                .query((rs, n) -> new Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) != null))
                .list();
    }

    public int unread(SignedIn applicant) {
        return jdbc.sql("select count(*) from cases_notification where account_id = ? and read_at is null")
                .param(applicant.accountId()).query(Integer.class).single();
    }

    @Transactional
    public void markAllRead(SignedIn applicant) {
        jdbc.sql("update cases_notification set read_at = ? where account_id = ? and read_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), applicant.accountId()).update();
    }

    private static String format(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}

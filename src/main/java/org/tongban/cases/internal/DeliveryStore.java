package org.tongban.cases.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.identity.EncryptedColumn;
import org.tongban.identity.PersonalData;

import tools.jackson.core.type.TypeReference;

/**
 * The applicant's choice of delivery (结果送达方式) and its record in PostgreSQL. A mail recipient's name, mobile and
 * address and a collector's ID number are sealed with the platform's data key (DOMAIN §8, §10); only the county of
 * the address stays clear.
 */
@Repository
public class DeliveryStore {

    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    DeliveryStore(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Declares the sealed columns so that a data-key rotation re-encrypts them. */
    @Bean
    static EncryptedColumn encryptedDeliveryRecipient() {
        return new EncryptedColumn("cases_delivery", "application_id", "recipient_sealed");
    }

    @Bean
    static EncryptedColumn encryptedDeliveryCollector() {
        return new EncryptedColumn("cases_delivery", "application_id", "collector_id_sealed");
    }

    /** Where a result goes by post: opened from the sealed column. */
    public record MailAddress(String recipient, String mobile, String division, String detail) {
    }

    /** A pickup place: a hall of the item's body and its delivery window. */
    public record Pickup(UUID hallId, String hallName, String hallAddress, String windowNumber, String windowName) {
    }

    public record Row(UUID applicationId, String method, Pickup pickup, MailAddress mail, String divisionCode,
            Instant chosenAt, UUID chosenBy, String status, String confirmation, String carrier,
            String trackingNumber, LocalDate postedOn, String collectorName, Boolean collectorAgent,
            String collectorIdNumber, Instant deliveredAt, UUID deliveredBy, String deliveredByName, long version) {

        public boolean delivered() {
            return "DELIVERED".equals(status);
        }
    }

    public Optional<Row> find(UUID application) {
        return jdbc.sql("select * from cases_delivery where application_id = ?").param(application)
                .query(this::row).optional();
    }

    /**
     * Records the applicant's choice, replacing an earlier one, unless the result was delivered already: false then
     * (the choice is final once delivered).
     */
    public boolean choose(UUID application, String method, Pickup pickup, MailAddress mail, UUID by, Instant at) {
        String sealed = mail == null ? null : personalData.encrypt(Json.write(Map.of("recipient", mail.recipient(),
                "mobile", mail.mobile(), "division", mail.division(), "detail", mail.detail())));
        return jdbc.sql("""
                insert into cases_delivery (application_id, method, hall_id, hall_name, hall_address, window_number,
                    window_name, recipient_sealed, division_code, chosen_at, chosen_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (application_id) do update set method = excluded.method, hall_id = excluded.hall_id,
                    hall_name = excluded.hall_name, hall_address = excluded.hall_address,
                    window_number = excluded.window_number, window_name = excluded.window_name,
                    recipient_sealed = excluded.recipient_sealed, division_code = excluded.division_code,
                    chosen_at = excluded.chosen_at, chosen_by = excluded.chosen_by,
                    version = cases_delivery.version + 1
                where cases_delivery.status = 'CHOSEN'""")
                .params(application, method, pickup == null ? null : pickup.hallId(),
                        pickup == null ? null : pickup.hallName(), pickup == null ? null : pickup.hallAddress(),
                        pickup == null ? null : pickup.windowNumber(), pickup == null ? null : pickup.windowName(),
                        sealed, mail == null ? null : mail.division(), ts(at), by)
                .update() == 1;
    }

    /** The default (online) when the applicant never chose: the row a delivery record needs. */
    public void ensureDefault(UUID application, UUID applicant, Instant at) {
        jdbc.sql("""
                insert into cases_delivery (application_id, method, chosen_at, chosen_by) values (?, 'ONLINE', ?, ?)
                on conflict (application_id) do nothing""").params(application, ts(at), applicant).update();
    }

    /** What was done to deliver; which parts are set depends on the method. */
    public record Delivery(String confirmation, String carrier, String trackingNumber, LocalDate postedOn,
            String collectorName, Boolean collectorAgent, String collectorIdNumber) {
    }

    /**
     * Marks the result delivered if it is not yet and the method is still {@code method}: false when the applicant
     * changed the method meanwhile or it was delivered already.
     */
    public boolean markDelivered(UUID application, String method, Delivery d, UUID by, String byName, Instant at) {
        return jdbc.sql("""
                update cases_delivery set status = 'DELIVERED', confirmation = ?, carrier = ?, tracking_number = ?,
                    posted_on = ?, collector_name = ?, collector_agent = ?, collector_id_sealed = ?,
                    delivered_at = ?, delivered_by = ?, delivered_by_name = ?, version = version + 1
                where application_id = ? and status = 'CHOSEN' and method = ?""")
                .params(d.confirmation(), d.carrier(), d.trackingNumber(), date(d.postedOn()), d.collectorName(),
                        d.collectorAgent(), d.collectorIdNumber() == null ? null
                                : personalData.encrypt(d.collectorIdNumber()),
                        ts(at), by, byName, application, method)
                .update() == 1;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        String sealed = rs.getString("recipient_sealed");
        MailAddress mail = null;
        if (sealed != null) {
            Map<String, String> v = Json.read(personalData.decrypt(sealed), VALUES);
            mail = new MailAddress(v.get("recipient"), v.get("mobile"), v.get("division"), v.get("detail"));
        }
        UUID hall = rs.getObject("hall_id", UUID.class);
        Pickup pickup = hall == null ? null : new Pickup(hall, rs.getString("hall_name"), rs.getString("hall_address"),
                rs.getString("window_number"), rs.getString("window_name"));
        String collectorId = rs.getString("collector_id_sealed");
        Date posted = rs.getDate("posted_on");
        return new Row(rs.getObject("application_id", UUID.class), rs.getString("method"), pickup, mail,
                rs.getString("division_code"), instant(rs, "chosen_at"), rs.getObject("chosen_by", UUID.class),
                rs.getString("status"), rs.getString("confirmation"), rs.getString("carrier"),
                rs.getString("tracking_number"), posted == null ? null : posted.toLocalDate(),
                rs.getString("collector_name"), (Boolean) rs.getObject("collector_agent"),
                collectorId == null ? null : personalData.decrypt(collectorId), instant(rs, "delivered_at"),
                rs.getObject("delivered_by", UUID.class), rs.getString("delivered_by_name"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

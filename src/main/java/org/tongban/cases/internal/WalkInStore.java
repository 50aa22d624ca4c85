package org.tongban.cases.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who filed an application at a hall window, where, and for whom ({@code cases_walk_in}). */
@Repository
public class WalkInStore {

    /** One filing; the ID number and phone only sealed (and hashed), never in clear (DOMAIN §8). */
    public record WalkIn(UUID applicationId, boolean registered, String idNumberHash, String idNumberSealed,
            String phoneSealed, String phoneMasked, UUID officerAccount, String officerName, UUID bodyId, UUID hallId,
            String hallName, String windowNumber, String startKey, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    WalkInStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the filing unless the officer already started one with the same key; answers whether it did. */
    public boolean insert(WalkIn w) {
        return jdbc.sql("""
                insert into cases_walk_in (application_id, registered, id_number_hash, id_number_sealed, phone_sealed,
                    phone_masked, officer_account, officer_name, body_id, hall_id, hall_name, window_number, start_key,
                    created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (officer_account, start_key) do nothing""")
                .params(w.applicationId(), w.registered(), w.idNumberHash(), w.idNumberSealed(), w.phoneSealed(),
                        w.phoneMasked(), w.officerAccount(), w.officerName(), w.bodyId(), w.hallId(), w.hallName(),
                        w.windowNumber(), w.startKey(), Timestamp.from(w.createdAt()))
                .update() == 1;
    }

    public Optional<WalkIn> find(UUID application) {
        return jdbc.sql("select * from cases_walk_in where application_id = ?").param(application)
                .query((rs, n) -> new WalkIn(rs.getObject("application_id", UUID.class), rs.getBoolean("registered"),
                        rs.getString("id_number_hash"), rs.getString("id_number_sealed"), rs.getString("phone_sealed"),
                        rs.getString("phone_masked"), rs.getObject("officer_account", UUID.class),
                        rs.getString("officer_name"), rs.getObject("body_id", UUID.class),
                        rs.getObject("hall_id", UUID.class), rs.getString("hall_name"), rs.getString("window_number"),
                        rs.getString("start_key"), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** The application the officer already started with this key (a retried start). */
    public Optional<UUID> startedWith(UUID officer, String startKey) {
        return jdbc.sql("select application_id from cases_walk_in where officer_account = ? and start_key = ?")
                .params(officer, startKey).query(UUID.class).optional();
    }

    /**
     * The applicant id earlier walk-in cases of a person without an account were filed under, so that all of one
     * person's cases share it.
     */
    public Optional<UUID> unregisteredApplicant(String idNumberHash) {
        return jdbc.sql("""
                select a.applicant_account from cases_walk_in w join cases_application a on a.id = w.application_id
                where w.id_number_hash = ? and not w.registered order by w.created_at limit 1""")
                .param(idNumberHash).query(UUID.class).optional();
    }

    /** Whether cases were filed under this ID number for a person without an account. */
    public boolean hasUnregistered(String idNumberHash) {
        return jdbc.sql("select exists (select 1 from cases_walk_in where id_number_hash = ? and not registered)")
                .param(idNumberHash).query(Boolean.class).single();
    }

    /**
     * Gives the account the walk-in cases filed under its ID number without an account, with their notifications;
     * answers the applications that moved.
     */
    public java.util.List<UUID> claim(String idNumberHash, UUID account) {
        java.util.List<UUID> moved = jdbc.sql("""
                update cases_walk_in set registered = true where id_number_hash = ? and not registered
                returning application_id""").param(idNumberHash).query(UUID.class).list();
        for (UUID application : moved) {
            jdbc.sql("update cases_application set applicant_account = ?, version = version + 1 where id = ?")
                    .params(account, application).update();
            jdbc.sql("update cases_notification set account_id = ? where application_id = ?")
                    .params(account, application).update();
        }
        return moved;
    }
}

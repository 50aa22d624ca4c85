package org.tongban.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.NotFoundException;

/**
 * Raises an account's real-name assurance level (实名等级, DOMAIN §8) and records who did it, how and when. Levels
 * only go up here; an L4 account checked again at a hall stays L4. Every change of identity assurance is audited
 * (GB/T 39786-2021, 等保 level 3: identification and audit of security-relevant events).
 */
@Component
public class AssuranceAudit {

    /** How a level was reached. */
    public enum Method {
        /** the account's phone proven by a one-time code */
        PHONE,
        /** ID number and name matched the population base data (L2) */
        POPULATION,
        /** a window officer saw the person and the document in a hall (L3) */
        IN_PERSON,
        /** a digital certificate and a signature over a fresh challenge (L4) */
        CERTIFICATE
    }

    public record Entry(Instant at, int fromLevel, int toLevel, Method method, UUID actor, String details) {
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail trail;

    AssuranceAudit(JdbcTemplate jdbc, AuditTrail trail) {
        this.jdbc = jdbc;
        this.trail = trail;
    }

    /**
     * Raises the level to at least {@code level} (never lowers it) and audits the step, in the caller's transaction.
     *
     * @param actor who performed the check ({@code null} when the person did it online)
     * @return the account's level afterwards
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int raise(UUID account, int level, Method method, UUID actor, String details) {
        Integer before = jdbc.query("select assurance_level from identity_account where id = ? for update",
                (rs, i) -> rs.getInt(1), account).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.account.not-found", account));
        int after = Math.max(before, level);
        if (after != before) {
            jdbc.update("update identity_account set assurance_level = ?, version = version + 1 where id = ?", after,
                    account);
        }
        record(account, before, after, method, actor, details);
        return after;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID account, int from, int to, Method method, UUID actor, String details) {
        jdbc.update("insert into identity_assurance_audit (account_id, from_level, to_level, method, actor_id, details) "
                + "values (?, ?, ?, ?, ?, ?)", account, from, to, method.name(), actor,
                details.length() > 1000 ? details.substring(0, 1000) : details);
        // The level history above is this account's own record; the platform trail is what supervision reads.
        trail.record(new AuditTrail.Event("identity", "ASSURANCE_" + method.name(), actor, null, "account",
                account.toString(), "L" + from + " → L" + to + (details.isEmpty() ? "" : "; " + details)));
    }

    public List<Entry> recent(UUID account, int limit) {
        return jdbc.query("select at, from_level, to_level, method, actor_id, details from identity_assurance_audit "
                + "where account_id = ? order by at desc, id desc limit ?", (rs, i) -> new Entry(
                        rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3), Method.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class), rs.getString(6)), account, limit);
    }
}

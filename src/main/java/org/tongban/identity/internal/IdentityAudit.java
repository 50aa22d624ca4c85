package org.tongban.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail of sensitive identity actions (agent authorizations and their revocation, switching whom a person
 * acts for, staff accounts created, changed or deactivated): who, what, to whom, when and from which address.
 * Append-only, in PostgreSQL so that every node writes the same trail (GB/T 39786-2021 asks for audit of security
 * events; DOMAIN §10). Details never hold clear ID or phone numbers.
 */
@Component
public class IdentityAudit {

    /** What was done; the name is stored. */
    public enum Action {
        COMPANY_CLAIMED, AGENT_AUTHORIZED, AGENT_REVOKED, ACTING_FOR_STARTED, ACTING_FOR_ENDED,
        ACTING_FOR_LAPSED, STAFF_CREATED, STAFF_CHANGED, STAFF_DEACTIVATED, PASSWORD_CHANGED
    }

    public record Entry(Instant at, UUID actor, String action, String targetType, String targetId, String detail,
            String ip) {
    }

    private final JdbcTemplate jdbc;

    IdentityAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action in the caller's transaction, so an action and its record stand or fall together. */
    public void record(UUID actor, Action action, String targetType, Object targetId, String detail) {
        jdbc.update("insert into identity_audit (actor_id, action, target_type, target_id, detail, ip) "
                + "values (?, ?, ?, ?, ?, ?)", actor, action.name(), targetType, String.valueOf(targetId),
                detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000)), currentAddress());
    }

    public List<Entry> about(String targetType, Object targetId, int limit) {
        return jdbc.query("select at, actor_id, action, target_type, target_id, detail, ip from identity_audit "
                + "where target_type = ? and target_id = ? order by at desc, id desc limit ?", (rs, i) -> new Entry(
                        rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), targetType, String.valueOf(targetId), limit);
    }

    private static String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}

package org.tongban.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The platform's append-only audit trail: every module records its sensitive actions here (account changes, grants
 * of assurance levels, authorizations, client registrations, catalogue publication, case decisions), so that
 * supervision reads one trail. A record joins the caller's transaction: if the action rolls back, so does its
 * record, and an action is never committed without one.
 *
 * <p>Never put clear personal data (ID numbers, phone numbers) into {@code detail}; use masked forms or ids.
 */
@Service
public class AuditTrail {

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One audited action. {@code actorId} and {@code actorName} may be null for the platform itself. */
    public record Event(String module, String action, UUID actorId, String actorName, String targetType,
            String targetId, String detail) {

        public Event {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(action, "action");
        }
    }

    /** A recorded event as supervision reads it. */
    public record Recorded(long id, Instant occurredAt, String module, String action, UUID actorId,
            String actorName, String targetType, String targetId, String detail, String address) {
    }

    /** Records an event in the caller's transaction (or in its own when there is none). */
    @Transactional
    public void record(Event event) {
        insert(event);
    }

    /** For actions that are not part of a database transaction (e.g. a refused attempt). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(Event event) {
        insert(event);
    }

    private void insert(Event event) {
        jdbc.update("""
                insert into platform_audit_event (module, action, actor_id, actor_name, target_type, target_id,
                                                  detail, address)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.module(), event.action(), event.actorId(), truncate(event.actorName(), 200),
                event.targetType(), truncate(event.targetId(), 200), event.detail(), currentAddress());
    }

    /** The newest events about one record, newest first. */
    @Transactional(readOnly = true)
    public List<Recorded> about(String targetType, String targetId, int limit) {
        return jdbc.query("""
                select * from platform_audit_event where target_type = ? and target_id = ?
                order by occurred_at desc, id desc limit ?""", (rs, n) -> recorded(rs), targetType, targetId, limit);
    }

    /** The newest events of one module, newest first. */
    @Transactional(readOnly = true)
    public List<Recorded> recent(String module, int limit) {
        return jdbc.query("""
                select * from platform_audit_event where module = ?
                order by occurred_at desc, id desc limit ?""", (rs, n) -> recorded(rs), module, limit);
    }

    /** The newest events by one actor, newest first. */
    @Transactional(readOnly = true)
    public List<Recorded> by(UUID actorId, int limit) {
        return jdbc.query("""
                select * from platform_audit_event where actor_id = ?
                order by occurred_at desc, id desc limit ?""", (rs, n) -> recorded(rs), actorId, limit);
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("module"),
                rs.getString("action"), rs.getObject("actor_id", UUID.class), rs.getString("actor_name"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("detail"),
                rs.getString("address"));
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return truncate(attributes.getRequest().getRemoteAddr(), 64);
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

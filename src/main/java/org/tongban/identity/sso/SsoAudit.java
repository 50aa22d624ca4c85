package org.tongban.identity.sso;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.tongban.platform.audit.AuditTrail;

/**
 * Audit of single sign-on administration (client systems registered, secrets rotated, clients disabled, signing keys
 * rotated), written to the platform's audit trail in the same transaction as the action. Never holds secrets.
 */
@Component
public class SsoAudit {

    /** One recorded action; {@code target} is {@code type:id}, e.g. {@code client:demo-dept}. */
    public record Entry(Instant at, UUID actor, String action, String target, String detail) {
    }

    private static final String MODULE = "identity.sso";

    private final AuditTrail trail;

    SsoAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(UUID actor, String action, String target, String detail) {
        int colon = target.indexOf(':');
        trail.record(new AuditTrail.Event(MODULE, action, actor, null, colon < 0 ? target : target.substring(0, colon),
                colon < 0 ? null : target.substring(colon + 1), detail));
    }

    /** The newest single sign-on administration records, newest first. */
    public List<Entry> recent(int limit) {
        return trail.recent(MODULE, limit).stream()
                .map(e -> new Entry(e.occurredAt(), e.actorId(), e.action(),
                        e.targetId() == null ? e.targetType() : e.targetType() + ":" + e.targetId(), e.detail()))
                .toList();
    }
}

package org.tongban.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.tongban.platform.audit.AuditTrail;

/**
 * The audit trail of sensitive identity actions (agent authorizations and their revocation, switching whom a person
 * acts for, staff accounts created, changed or deactivated): who, what, to whom, when and from which address.
 * Written to the platform's append-only audit trail (module {@code identity}), so that every node and supervision
 * read the same trail (GB/T 39786-2021 asks for audit of security
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

    private final AuditTrail trail;

    IdentityAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** Records an action in the caller's transaction, so an action and its record stand or fall together. */
    public void record(UUID actor, Action action, String targetType, Object targetId, String detail) {
        trail.record(new AuditTrail.Event("identity", action.name(), actor, null, targetType,
                String.valueOf(targetId), detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000))));
    }

    public List<Entry> about(String targetType, Object targetId, int limit) {
        return trail.about(targetType, String.valueOf(targetId), limit).stream()
                .map(e -> new Entry(e.occurredAt(), e.actorId(), e.action(), e.targetType(), e.targetId(), e.detail(),
                        e.address()))
                .toList();
    }
}

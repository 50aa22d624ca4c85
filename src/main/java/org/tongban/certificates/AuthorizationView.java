package org.tongban.certificates;

import java.time.Instant;
import java.util.UUID;

/** An authorization to use a certificate (用证授权), as the holder sees it. */
public record AuthorizationView(UUID id, UUID certificateId, Grantee.Kind granteeKind, String granteeId,
        String granteeName, String purpose, Instant validUntil, Instant grantedAt, Instant revokedAt) {

    public boolean active(Instant now) {
        return revokedAt == null && validUntil.isAfter(now);
    }
}

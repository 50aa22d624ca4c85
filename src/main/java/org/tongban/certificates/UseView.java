package org.tongban.certificates;

import java.time.Instant;

/** One use of a certificate (用证记录), allowed or refused, as its holder sees it. */
public record UseView(Instant at, Grantee.Kind granteeKind, String granteeName, String actorName, String purpose,
        boolean allowed, String refusal) {
}

package org.tongban.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * An agent authorization (经办人授权) as the company's legal representative sees it: the agent's identifiers masked.
 *
 * @param scope the matters covered (empty: every matter)
 * @param expires the last day it is valid (China Standard Time)
 */
public record AgentView(UUID id, UUID agentAccount, String agentName, String agentIdNumberMasked,
        String agentPhoneMasked, Set<String> scope, LocalDate expires, Instant grantedAt, Instant revokedAt,
        Status status) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }
}

package org.tongban.identity;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A legal-person account (法人账户) as one person relates to it.
 *
 * @param legalRepresentative whether this person is its legal representative (法定代表人), who acts for it in every
 *        matter and authorizes agents
 * @param scope for an agent, the matters they may act in (empty: every matter)
 * @param expires for an agent, the last day of their authorization; {@code null} for the legal representative
 */
public record CompanyView(UUID id, String creditCode, String name, boolean legalRepresentative, Set<String> scope,
        LocalDate expires) {
}

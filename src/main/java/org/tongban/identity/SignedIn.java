package org.tongban.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is signed in, as every module sees it: kept in the shared session (so it must stay small and serializable)
 * and never holding a clear ID or phone number.
 *
 * @param staffBody the body a staff member works for ({@code null} for persons)
 * @param staffDivision the division of that body
 * @param actingFor the company this person acts for right now as its agent, or {@code null} when acting for themself
 */
public record SignedIn(UUID accountId, String name, boolean staff, int assuranceLevel, Set<StaffRole> roles,
        UUID staffBody, String staffDivision, ActingFor actingFor) implements Serializable, AuthenticatedPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    public Collection<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(staff ? "ROLE_STAFF" : "ROLE_PERSON"));
        roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        return authorities;
    }

    /** The principal name sessions are indexed by: the account id (names are not unique, and not stable). */
    @Override
    public String getName() {
        return accountId.toString();
    }

    /** The same person, now acting for the given company (or for themself when {@code null}). */
    public SignedIn actingFor(ActingFor company) {
        return new SignedIn(accountId, name, staff, assuranceLevel, roles, staffBody, staffDivision, company);
    }

    /** The same person after a step-up of their real-name assurance level. */
    public SignedIn withAssuranceLevel(int level) {
        return new SignedIn(accountId, name, staff, level, roles, staffBody, staffDivision, actingFor);
    }

    public boolean has(StaffRole role) {
        return roles.contains(role);
    }
}

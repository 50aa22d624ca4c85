package org.tongban.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.tongban.identity.SignedIn;

/**
 * Password sign-in by phone number or ID number. Failures count per identifier typed (known or not) and per
 * address; the answer to a wrong identifier and to a wrong password is the same, so nobody learns which accounts
 * exist.
 */
@Component
class AccountAuthentication implements AuthenticationProvider {


    static final class AddressThrottledException extends AuthenticationException {
        AddressThrottledException() {
            super("Too many failed sign-ins from this address");
        }
    }

    static final class IdentifierLockedException extends LockedException {
        private final Instant until;

        IdentifierLockedException(Instant until) {
            super("Locked until " + until);
            this.until = until;
        }

        Instant until() {
            return until;
        }
    }

    private final Accounts accounts;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final AccountLookup lookup;
    private final PersonalDataCipher cipher;
    private final PasswordEncoder passwords;
    private final SignInLog log;
    private final StaffAssignments staff;
    private final Clock clock = Clock.systemUTC();
    /** A real hash to compare against when there is no account: the same work, the same time. */
    private final String noAccount;

    AccountAuthentication(Accounts accounts, org.springframework.jdbc.core.JdbcTemplate jdbc, AccountLookup lookup,
            PersonalDataCipher cipher, PasswordEncoder passwords, SignInLog log, StaffAssignments staff) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.cipher = cipher;
        this.passwords = passwords;
        this.log = log;
        this.staff = staff;
        this.noAccount = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String typed = String.valueOf(request.getName()).strip().toUpperCase(Locale.ROOT);
        String password = String.valueOf(request.getCredentials());
        String ip = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "-";
        String identifierHash = cipher.lookupHash("signin:" + typed);
        Instant now = clock.instant();
        if (log.addressThrottled(ip, now)) {
            log.record(identifierHash, null, ip, false, "THROTTLED");
            throw new AddressThrottledException();
        }
        Optional<Instant> locked = log.lockedUntil(identifierHash, now);
        if (locked.isPresent()) {
            log.record(identifierHash, null, ip, false, "LOCKED");
            throw new IdentifierLockedException(locked.get());
        }
        Optional<Credentials> account = find(typed);
        boolean matches = passwords.matches(password, account.map(Credentials::passwordHash).orElse(noAccount));
        if (account.isEmpty() || !matches || !account.get().active()) {
            log.record(identifierHash, account.map(Credentials::id).orElse(null), ip, false, "BAD_CREDENTIALS");
            throw new BadCredentialsException("Bad credentials");
        }
        Credentials found = account.get();
        if (passwords.upgradeEncoding(found.passwordHash())) {
            // Made with an older algorithm or weaker parameters: the password is at hand only now, so hash it again
            // with the configured ones (IdentityProperties#passwordHash).
            accounts.rehashPassword(found.id(), found.passwordHash(), passwords.encode(password));
        }
        log.record(identifierHash, found.id(), ip, true, null);
        SignedIn principal = signedIn(found.id(), found.kind(), found.name(), found.assuranceLevel());
        // The password factor with its time: OpenID Connect's auth_time (and Spring Security's multi-factor checks).
        var authorities = new java.util.ArrayList<org.springframework.security.core.GrantedAuthority>(
                principal.authorities());
        authorities.add(org.springframework.security.core.authority.FactorGrantedAuthority
                .withAuthority(org.springframework.security.core.authority.FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(now).build());
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                authorities);
        result.setDetails(request.getDetails());
        return result;
    }

    SignedIn signedIn(Account account) {
        return signedIn(account.id(), account.kind(), account.name(), account.assuranceLevel());
    }

    private SignedIn signedIn(java.util.UUID id, Account.Kind kind, String name, int assuranceLevel) {
        var assignment = kind == Account.Kind.STAFF ? staff.of(id) : Optional.<StaffAssignments.Assignment>empty();
        return new SignedIn(id, name, kind == Account.Kind.STAFF,
                assuranceLevel, assignment.map(StaffAssignments.Assignment::roles).orElse(Set.of()),
                assignment.map(StaffAssignments.Assignment::bodyId).orElse(null),
                assignment.map(StaffAssignments.Assignment::divisionCode).orElse(null), null);
    }

    /** What a password sign-in needs of an account. */
    private record Credentials(java.util.UUID id, Account.Kind kind, String name, String passwordHash,
            int assuranceLevel, boolean active) {
    }

    /**
     * The account by its phone's or ID number's look-up hash ({@link AccountLookup#keys}), in one plain query: the sign-in's own work apart from
     * the password check, read without loading the whole entity (which cost most of a sign-in's Java time in the
     * profile, see bench/README.md "Sign-in benchmark").
     */
    private Optional<Credentials> credentials(String column, String hash) {
        return jdbc.query("select id, kind, name, password_hash, assurance_level, status from identity_account where "
                + column + " = ?", (rs, n) -> new Credentials(rs.getObject("id", java.util.UUID.class),
                        Account.Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("password_hash"),
                        rs.getInt("assurance_level"), "ACTIVE".equals(rs.getString("status"))), hash)
                .stream().findFirst();
    }

    private Optional<Credentials> find(String typed) {
        for (AccountLookup.Key key : lookup.keys(typed)) {
            Optional<Credentials> found = credentials(key.column(), key.hash());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static Duration remaining(Instant until, Instant now) {
        return Duration.between(now, until);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

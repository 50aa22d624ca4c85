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
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.shared.InvalidValueException;

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
    private final PersonalDataCipher cipher;
    private final PasswordEncoder passwords;
    private final SignInLog log;
    private final StaffAssignments staff;
    private final Clock clock = Clock.systemUTC();
    /** A real hash to compare against when there is no account: the same work, the same time. */
    private final String noAccount;

    AccountAuthentication(Accounts accounts, PersonalDataCipher cipher, PasswordEncoder passwords, SignInLog log,
            StaffAssignments staff) {
        this.accounts = accounts;
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
        Optional<Account> account = find(typed);
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(noAccount));
        if (account.isEmpty() || !matches || !account.get().active()) {
            log.record(identifierHash, account.map(Account::id).orElse(null), ip, false, "BAD_CREDENTIALS");
            throw new BadCredentialsException("Bad credentials");
        }
        Account found = account.get();
        if (passwords.upgradeEncoding(found.passwordHash())) {
            // Made with an older algorithm or weaker parameters: the password is at hand only now, so hash it again
            // with the configured ones (IdentityProperties#passwordHash).
            accounts.rehashPassword(found.id(), found.passwordHash(), passwords.encode(password));
        }
        log.record(identifierHash, found.id(), ip, true, null);
        SignedIn principal = signedIn(found);
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
        var assignment = account.kind() == Account.Kind.STAFF ? staff.of(account.id()) : Optional.<StaffAssignments.Assignment>empty();
        return new SignedIn(account.id(), account.name(), account.kind() == Account.Kind.STAFF,
                account.assuranceLevel(), assignment.map(StaffAssignments.Assignment::roles).orElse(Set.of()),
                assignment.map(StaffAssignments.Assignment::bodyId).orElse(null),
                assignment.map(StaffAssignments.Assignment::divisionCode).orElse(null), null);
    }

    private Optional<Account> find(String typed) {
        try {
            return accounts.findByPhoneHash(cipher.lookupHash("phone:" + new PhoneNumber(typed).value()));
        } catch (InvalidValueException notAPhone) {
            for (IdDocumentType type : IdDocumentType.values()) {
                try {
                    String number = type.normalize(typed);
                    Optional<Account> found = accounts.findByIdNumberHash(cipher.lookupHash(type.name() + ":" + number));
                    if (found.isPresent()) {
                        return found;
                    }
                } catch (InvalidValueException notThisType) {
                    // try the next document type
                }
            }
            return Optional.empty();
        }
    }

    static Duration remaining(Instant until, Instant now) {
        return Duration.between(now, until);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package org.tongban.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsCodes;
import org.tongban.shared.InvalidValueException;

/**
 * Sign-in by phone and one-time code. The same lockout and address throttling as password sign-in apply, counted
 * in the same log under the same identifier, so switching between password and code gains an attacker nothing.
 */
@Component
public class SmsSignIn {

    /**
     * Why a sign-in was refused, as the form shows it.
     *
     * @param reason {@code bad-credentials}, {@code locked} or {@code throttled} (the password form's reasons)
     * @param lockedMinutes for {@code locked}: minutes to wait
     */
    public static final class Refused extends RuntimeException {
        private final String reason;
        private final long lockedMinutes;

        Refused(String reason, long lockedMinutes) {
            super(reason);
            this.reason = reason;
            this.lockedMinutes = lockedMinutes;
        }

        public String reason() {
            return reason;
        }

        public long lockedMinutes() {
            return lockedMinutes;
        }
    }

    private final SmsCodes codes;
    private final Accounts accounts;
    private final PersonalDataCipher cipher;
    private final SignInLog log;
    private final AccountAuthentication authentication;
    private final Clock clock = Clock.systemUTC();

    SmsSignIn(SmsCodes codes, Accounts accounts, PersonalDataCipher cipher, SignInLog log,
            AccountAuthentication authentication) {
        this.codes = codes;
        this.accounts = accounts;
        this.cipher = cipher;
        this.log = log;
        this.authentication = authentication;
    }

    /**
     * @return the authenticated principal
     * @throws Refused {@code throttled} (too many failures from this address), {@code locked} (too many for this
     *         phone) or {@code bad-credentials} (wrong, expired or used code, or no active account: one answer)
     */
    public Authentication signIn(PhoneNumber phone, String code, String ip) {
        String identifierHash = cipher.lookupHash("signin:" + phone.value());
        Instant now = clock.instant();
        if (log.addressThrottled(ip, now)) {
            log.record(identifierHash, null, ip, false, "THROTTLED");
            throw new Refused("throttled", 0);
        }
        Optional<Instant> locked = log.lockedUntil(identifierHash, now);
        if (locked.isPresent()) {
            log.record(identifierHash, null, ip, false, "LOCKED");
            throw new Refused("locked", Math.max(1, java.time.Duration.between(now, locked.get()).toMinutes() + 1));
        }
        Optional<Account> account = accounts.findByPhoneHash(cipher.lookupHash("phone:" + phone.value()))
                .filter(Account::active);
        try {
            codes.verify(SmsCodes.Purpose.SIGN_IN, phone, code);
        } catch (InvalidValueException wrong) {
            log.record(identifierHash, account.map(Account::id).orElse(null), ip, false, "BAD_CODE");
            throw new Refused("bad-credentials", 0);
        }
        if (account.isEmpty()) {
            log.record(identifierHash, null, ip, false, "BAD_CODE");
            throw new Refused("bad-credentials", 0);
        }
        log.record(identifierHash, account.get().id(), ip, true, "SMS");
        SignedIn principal = authentication.signedIn(account.get());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
    }

}

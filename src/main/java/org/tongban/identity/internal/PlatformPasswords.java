package org.tongban.identity.internal;

import java.util.Map;
import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tongban.identity.PasswordPolicy;

/**
 * The platform's password encoder: prefixed hashes ({@code {argon2}$argon2id$v=19$m=7168,t=5,p=1$…},
 * {@code {bcrypt}$2a$10$…}) so that the algorithm or its parameters can change without a flag day: both kinds verify,
 * new hashes use the configured one, and {@link AccountAuthentication} re-hashes an older kind at the next successful
 * sign-in.
 *
 * <p>At most {@code concurrency} hashes are computed at once (first come, first served); the others wait. A hash is
 * CPU and memory bound (7 MiB each at the default setting): more of them at once than there are cores only share the
 * cores and the cache and make every one of them slower, and a burst of sign-ins (or of wrong passwords) would hold
 * that much memory per request. With the gate, the memory in hashing stays at {@code concurrency} × the Argon2
 * memory, and waiting sign-ins are served in the order they came.
 */
final class PlatformPasswords implements PasswordEncoder {

    private final PasswordEncoder stored;
    private final Semaphore gate;

    /**
     * @param current the id of the encoder for new hashes
     * @param encoders by id: {@code argon2} ({@link Argon2Passwords}) and {@code bcrypt}
     * @param concurrency how many hashes may be computed at once
     */
    PlatformPasswords(String current, Map<String, PasswordEncoder> encoders, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the password hash concurrency must be at least 1");
        }
        this.stored = new DelegatingPasswordEncoder(current, encoders);
        this.gate = new Semaphore(concurrency, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        gate.acquireUninterruptibly();
        try {
            return stored.encode(rawPassword);
        } finally {
            gate.release();
        }
    }

    /**
     * Text with half a surrogate pair matches nothing: it has no UTF-8 form to hash (Argon2's encoder throws on it),
     * and the password rules never let one be set ({@link PasswordPolicy}).
     */
    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || !PasswordPolicy.wellFormed(rawPassword)) {
            return false;
        }
        gate.acquireUninterruptibly();
        try {
            return stored.matches(rawPassword, encodedPassword);
        } finally {
            gate.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return stored.upgradeEncoding(encodedPassword);
    }
}

package org.tongban.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The platform's Argon2id passwords (the {@code {argon2}} kind of {@link PlatformPasswords}): a 16-byte salt, a
 * 32-byte tag, one lane (RFC 9106), stored as PHC strings ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$tag}).
 *
 * <p>Computed by libsodium when it is bound ({@link SodiumArgon2}, about twice as fast), otherwise by BouncyCastle
 * through Spring Security's {@link Argon2PasswordEncoder}. Both read and write the same strings; strings libsodium
 * does not take (another Argon2 variant or version) are checked by BouncyCastle. Whether a stored hash needs
 * re-hashing (weaker parameters than configured) is Spring Security's rule in either case.
 */
final class Argon2Passwords implements PasswordEncoder {

    private static final String NATIVE_PREFIX = "$argon2id$v=19$";

    private final int memoryKib;
    private final int iterations;
    private final Argon2PasswordEncoder bouncyCastle;
    private final Optional<SodiumArgon2> sodium;

    Argon2Passwords(int memoryKib, int iterations, Optional<SodiumArgon2> sodium) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        this.sodium = sodium;
    }

    /** Which implementation computes the hashes: {@code libsodium (<library>)} or {@code BouncyCastle}. */
    String implementation() {
        return sodium.map(binding -> "libsodium (" + binding.library() + ")").orElse("BouncyCastle");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        if (sodium.isEmpty()) {
            return bouncyCastle.encode(rawPassword);
        }
        byte[] password = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return sodium.get().hash(password, memoryKib, iterations);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (sodium.isEmpty() || encodedPassword == null || !encodedPassword.startsWith(NATIVE_PREFIX)) {
            return bouncyCastle.matches(rawPassword, encodedPassword);
        }
        byte[] password = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return sodium.get().verify(encodedPassword, password);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bouncyCastle.upgradeEncoding(encodedPassword);
    }
}

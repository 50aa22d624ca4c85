package org.tongban.identity.internal;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * JMH micro-benchmark of one password check (issue 4), run by {@code bench/micro.sh}: Argon2id at each of the
 * settings OWASP's Password Storage Cheat Sheet lists as equally strong (memory KiB × passes, one lane), the
 * platform's default among them (7168 × 5), and bcrypt at cost 10, OWASP's minimum for it and the platform's hash
 * before Argon2id. The encoders are the ones the platform builds: Spring Security's (BouncyCastle underneath), and for
 * {@code argon2id-sodium} the platform's libsodium binding ({@link SodiumArgon2}) at the default setting.
 * Milliseconds per check, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashMicro {

    private static final String PASSWORD = "Liaoning#2026ok";

    @Param({ "argon2id:7168:5", "argon2id-sodium:7168:5", "argon2id:9216:4", "argon2id:12288:3", "argon2id:19456:2",
        "argon2id:47104:1", "bcrypt:10" })
    public String hash;

    private PasswordEncoder encoder;
    private String stored;

    @Setup
    public void setUp() {
        String[] parts = hash.split(":");
        encoder = switch (parts[0]) {
            case "bcrypt" -> new BCryptPasswordEncoder(Integer.parseInt(parts[1]));
            case "argon2id-sodium" -> new Argon2Passwords(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Optional.of(SodiumArgon2.load(null).binding().orElseThrow(
                            () -> new IllegalStateException("libsodium is not installed"))));
            default -> new Argon2PasswordEncoder(16, 32, 1, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        };
        stored = encoder.encode(PASSWORD);
    }

    @Benchmark
    public boolean check() {
        if (!encoder.matches(PASSWORD, stored)) {
            throw new IllegalStateException("the password does not match its hash");
        }
        return true;
    }
}

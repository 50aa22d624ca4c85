package org.tongban.identity;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataKey base64 of the 256-bit AES key that encrypts ID and phone numbers at rest; when unset, a key is
 *        generated once into {@code keyDirectory} (embedded mode). Production sets it from the secret store.
 * @param lookupKey base64 of the 256-bit HMAC key for the look-up hashes of ID and phone numbers; same rules
 * @param keyDirectory where generated keys are kept when the keys are not configured
 * @param maxFailures failed sign-ins for one identifier before it is locked
 * @param lockout how long the first lockout lasts; each further failure doubles it, up to {@code maxLockout}
 * @param maxLockout the longest lockout
 * @param maxFailuresPerAddress failed sign-ins from one IP address within {@code addressWindow} before that address
 *        must wait
 * @param addressWindow the window for counting failures per address
 * @param passwordHash how new and changed passwords are hashed: {@code argon2id} (the default) or {@code bcrypt}.
 *        Hashes are stored with their algorithm and parameters, so every stored hash stays verifiable; one made
 *        with another algorithm or weaker parameters is replaced at the account's next successful sign-in.
 * @param argon2MemoryKib Argon2id memory in KiB (default 7168 = 7 MiB)
 * @param argon2Iterations Argon2id passes over that memory (default 5). With parallelism 1, 7 MiB × 5 passes is one of
 *        the equivalent settings OWASP's Password Storage Cheat Sheet lists (the others: 9 MiB × 4, 12 MiB × 3,
 *        19 MiB × 2, 46 MiB × 1); it needs the least memory per concurrent sign-in
 * @param bcryptStrength the bcrypt cost factor (2^n rounds) when {@code passwordHash} is {@code bcrypt}
 * @param argon2Native whether Argon2id is computed by libsodium: {@code auto} (the default: when libsodium can be
 *        loaded, on Java 22 or later; otherwise BouncyCastle), {@code off} (always BouncyCastle) or {@code required}
 *        (the platform does not start without it). Both make and check the same stored hashes
 * @param argon2NativeLibrary the libsodium to load, as a name or path for {@code dlopen}; unset: the usual names
 *        ({@code libsodium.so.23}, {@code libsodium.so.26}, {@code libsodium.so}, the platform's own naming)
 * @param passwordHashConcurrency how many password hashes are computed at once; more wait their turn (0, the
 *        default: the number of processors)
 * @param dataKeyGeneration the generation number of {@code dataKey} (stored values carry it as {@code v<n>:}); raise
 *        it with a new key to rotate
 * @param previousDataKeys earlier data keys by generation (base64), kept until every value has been re-encrypted with
 *        the current key (the rotation job does that in the background, see {@code DataKeyRotation})
 */
@ConfigurationProperties("tongban.identity")
public record IdentityProperties(String dataKey, String lookupKey,
        @DefaultValue("./data/keys") Path keyDirectory,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("1h") Duration maxLockout,
        @DefaultValue("30") int maxFailuresPerAddress,
        @DefaultValue("10m") Duration addressWindow,
        @DefaultValue("argon2id") String passwordHash,
        @DefaultValue("7168") int argon2MemoryKib,
        @DefaultValue("5") int argon2Iterations,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("auto") String argon2Native,
        String argon2NativeLibrary,
        @DefaultValue("0") int passwordHashConcurrency,
        @DefaultValue("1") int dataKeyGeneration,
        java.util.Map<Integer, String> previousDataKeys) {

    public IdentityProperties {
        previousDataKeys = previousDataKeys == null ? java.util.Map.of() : java.util.Map.copyOf(previousDataKeys);
        if (dataKeyGeneration < 1 || previousDataKeys.containsKey(dataKeyGeneration)) {
            throw new IllegalArgumentException("tongban.identity.data-key-generation must be positive and not also "
                    + "among tongban.identity.previous-data-keys");
        }
        if (!passwordHash.equals("argon2id") && !passwordHash.equals("bcrypt")) {
            throw new IllegalArgumentException("tongban.identity.password-hash must be argon2id or bcrypt");
        }
        if (!java.util.Set.of("auto", "off", "required").contains(argon2Native)) {
            throw new IllegalArgumentException("tongban.identity.argon2-native must be auto, off or required");
        }
        if (passwordHashConcurrency < 0) {
            throw new IllegalArgumentException("tongban.identity.password-hash-concurrency must not be negative");
        }
        // Argon2 (RFC 9106 §3.1) needs at least 8 KiB per lane and one pass.
        if (argon2MemoryKib < 8 || argon2Iterations < 1) {
            throw new IllegalArgumentException("tongban.identity.argon2-memory-kib must be at least 8 and "
                    + "tongban.identity.argon2-iterations at least 1");
        }
    }
}

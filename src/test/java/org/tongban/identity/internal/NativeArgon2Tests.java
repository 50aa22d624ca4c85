package org.tongban.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tongban.identity.IdentityProperties;

/**
 * Argon2id by libsodium against BouncyCastle's: the same stored hashes either way, and the platform's choice between
 * them. CI installs libsodium and sets {@code TONGBAN_TEST_LIBSODIUM=required}, so there these tests cannot be
 * skipped; elsewhere they are skipped when libsodium is not installed.
 */
class NativeArgon2Tests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static SodiumArgon2 sodium;

    @BeforeAll
    static void bind() {
        SodiumArgon2.Loaded loaded = SodiumArgon2.load(null);
        if ("required".equals(System.getenv("TONGBAN_TEST_LIBSODIUM"))) {
            assertThat(loaded.binding()).as("libsodium: %s", loaded.reason()).isPresent();
        }
        sodium = loaded.binding().orElse(null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void libsodiumAndBouncyCastleReadEachOthersHashes() {
        assumeTrue(sodium != null, "libsodium is not installed");
        var bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, 7168, 5);
        String made = sodium.hash(utf8(PASSWORD), 7168, 5);
        assertThat(made).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").hasSize(96);
        assertThat(bouncyCastle.matches(PASSWORD, made)).isTrue();
        assertThat(bouncyCastle.matches(PASSWORD + "!", made)).isFalse();
        String byBouncyCastle = bouncyCastle.encode("密码#" + PASSWORD);
        assertThat(sodium.verify(byBouncyCastle, utf8("密码#" + PASSWORD))).isTrue();
        assertThat(sodium.verify(byBouncyCastle, utf8("密碼#" + PASSWORD))).isFalse();
        assertThat(sodium.verify(byBouncyCastle, new byte[0])).isFalse();
        // Two lanes and other sizes, as an earlier configuration might have stored them.
        String twoLanes = new Argon2PasswordEncoder(8, 16, 2, 64, 2).encode(PASSWORD);
        assertThat(sodium.verify(twoLanes, utf8(PASSWORD))).isTrue();
        assertThat(sodium.hash(utf8(PASSWORD), 7168, 5)).as("salted").isNotEqualTo(made);
    }

    @Test
    void aChangedOrMalformedHashMatchesNothing() {
        assumeTrue(sodium != null, "libsodium is not installed");
        String made = sodium.hash(utf8(PASSWORD), 64, 1);
        char last = made.charAt(made.length() - 2);
        String tampered = made.substring(0, made.length() - 2) + (last == 'A' ? 'B' : 'A') + made.charAt(made.length() - 1);
        assertThat(sodium.verify(tampered, utf8(PASSWORD))).isFalse();
        assertThat(sodium.verify(made.replace("t=1", "t=2"), utf8(PASSWORD))).isFalse();
        assertThat(sodium.verify("$argon2id$v=19$m=64,t=1,p=1$nonsense", utf8(PASSWORD))).isFalse();
        assertThat(sodium.verify("", utf8(PASSWORD))).isFalse();
    }

    @Test
    void theEncoderUsesLibsodiumWhenItCanAndBouncyCastleForWhatLibsodiumDoesNotRead() {
        assumeTrue(sodium != null, "libsodium is not installed");
        var passwords = new Argon2Passwords(64, 1, Optional.of(sodium));
        assertThat(passwords.implementation()).startsWith("libsodium (");
        String hash = passwords.encode(PASSWORD);
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.matches(PASSWORD.toUpperCase(), hash)).isFalse();
        // Argon2i (another variant) is not what libsodium's argon2id functions read: BouncyCastle checks it.
        String argon2i = "$argon2i" + hash.substring("$argon2id".length());
        assertThat(passwords.matches(PASSWORD, argon2i)).isFalse();
        assertThat(new Argon2Passwords(64, 1, Optional.empty()).matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.upgradeEncoding(hash)).isFalse();
        assertThat(new Argon2Passwords(7168, 5, Optional.of(sodium)).upgradeEncoding(hash)).isTrue();
    }

    private static PasswordEncoder configured(Map<String, String> settings) {
        IdentityProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("tongban.identity", IdentityProperties.class);
        return new SecurityConfiguration().passwordEncoder(properties);
    }

    @Test
    void whenLibsodiumIsRequiredButMissingThePlatformDoesNotStart() {
        assertThatThrownBy(() -> configured(Map.of("tongban.identity.argon2-native", "required",
                "tongban.identity.argon2-native-library", "/nonexistent/libsodium-missing.so")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libsodium could not be used")
                .hasMessageContaining("/nonexistent/libsodium-missing.so");
        assertThatThrownBy(() -> configured(Map.of("tongban.identity.argon2-native", "sometimes")))
                .hasRootCauseMessage("tongban.identity.argon2-native must be auto, off or required");
        // "off" and a missing library under "auto" both fall back to BouncyCastle and still work.
        for (var settings : List.of(Map.of("tongban.identity.argon2-native", "off"),
                Map.of("tongban.identity.argon2-native-library", "/nonexistent/libsodium-missing.so"))) {
            PasswordEncoder passwords = configured(settings);
            assertThat(passwords.matches(PASSWORD, passwords.encode(PASSWORD))).isTrue();
        }
    }

    @Test
    void noMoreHashesRunAtOnceThanTheConcurrencyAllowsAndTheOthersWait() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return "x" + rawPassword;
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return encodedPassword.equals("x" + rawPassword);
            }
        };
        var passwords = new PlatformPasswords("slow", Map.of("slow", slow), 2);
        String hash = passwords.encode("pw");
        var start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger matched = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (passwords.matches("pw", hash)) {
                    matched.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(matched).hasValue(8);
        assertThat(most.get()).isEqualTo(2);
        assertThatThrownBy(() -> new PlatformPasswords("slow", Map.of("slow", slow), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

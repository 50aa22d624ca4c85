package org.tongban.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tongban.identity.IdentityProperties;
import org.tongban.identity.PasswordPolicy;
import org.tongban.shared.InvalidValueException;

/** The password hash a deployment gets without configuring anything, and what happens to hashes made otherwise. */
class PasswordHashingTests {

    private static final String PASSWORD = "Liaoning#2026ok";

    private static IdentityProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("tongban.identity", IdentityProperties.class);
    }

    private static PasswordEncoder encoder(Map<String, String> settings) {
        return new SecurityConfiguration().passwordEncoder(properties(settings));
    }

    @Test
    void theDefaultIsArgon2idWithOwaspParameters() {
        PasswordEncoder passwords = encoder(Map.of());
        String hash = passwords.encode(PASSWORD);
        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(passwords.matches(PASSWORD, hash)).isTrue();
        assertThat(passwords.matches(PASSWORD + " ", hash)).isFalse();
        assertThat(passwords.upgradeEncoding(hash)).isFalse();
        assertThat(passwords.encode(PASSWORD)).as("salted").isNotEqualTo(hash);
    }

    @Test
    void olderHashesStillVerifyAndAreMarkedForReplacement() {
        PasswordEncoder passwords = encoder(Map.of());
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(10).encode(PASSWORD);
        assertThat(passwords.matches(PASSWORD, bcrypt)).isTrue();
        assertThat(passwords.upgradeEncoding(bcrypt)).isTrue();
        String weakArgon2 = encoder(Map.of("tongban.identity.argon2-memory-kib", "64",
                "tongban.identity.argon2-iterations", "1")).encode(PASSWORD);
        assertThat(passwords.matches(PASSWORD, weakArgon2)).isTrue();
        assertThat(passwords.upgradeEncoding(weakArgon2)).as("weaker parameters").isTrue();
    }

    @Test
    void bcryptCanStillBeChosen() {
        PasswordEncoder passwords = encoder(Map.of("tongban.identity.password-hash", "bcrypt",
                "tongban.identity.bcrypt-strength", "11"));
        String hash = passwords.encode(PASSWORD);
        assertThat(hash).startsWith("{bcrypt}$2a$11$");
        assertThat(passwords.upgradeEncoding("{bcrypt}" + new BCryptPasswordEncoder(10).encode(PASSWORD))).isTrue();
    }

    @Test
    void textWithoutAUtf8FormMatchesNothingAndCannotBeChosen() {
        PasswordEncoder passwords = encoder(Map.of("tongban.identity.argon2-memory-kib", "64",
                "tongban.identity.argon2-iterations", "1"));
        String hash = passwords.encode(PASSWORD);
        assertThat(passwords.matches(PASSWORD + "\uD800", hash)).isFalse();
        assertThat(passwords.matches("\uDC00" + PASSWORD, hash)).isFalse();
        assertThat(passwords.matches(PASSWORD + "\uD83D\uDE00", passwords.encode(PASSWORD + "\uD83D\uDE00")))
                .as("a pair is fine").isTrue();
        for (String bad : new String[] { "Liaoning#2026\uD800", "Liaoning#2026\u0000", "Liao\nning#2026" }) {
            assertThatThrownBy(() -> PasswordPolicy.check(bad))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.code()).isEqualTo("identity.password.characters"));
        }
        PasswordPolicy.check("Liaoning#2026\uD83D\uDE00");
    }

    @Test
    void unknownAlgorithmsAndImpossibleParametersAreRefusedAtStart() {
        assertThatThrownBy(() -> properties(Map.of("tongban.identity.password-hash", "md5")))
                .hasRootCauseMessage("tongban.identity.password-hash must be argon2id or bcrypt");
        assertThatThrownBy(() -> properties(Map.of("tongban.identity.argon2-memory-kib", "4")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}

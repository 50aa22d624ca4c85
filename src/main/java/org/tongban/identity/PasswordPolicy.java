package org.tongban.identity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.tongban.shared.InvalidValueException;

/**
 * What a password must be: 10 to 64 characters, at least two of letters, digits and other characters, not one of
 * the patterns every password list starts with, not built from the person's own ID or phone number, and text that can
 * be typed (no control characters, no half of a surrogate pair: the hash is taken over the UTF-8 bytes, and such a
 * string has none).
 */
public final class PasswordPolicy {

    static final int MIN = 10;
    static final int MAX = 64;
    private static final List<String> WEAK_PATTERNS = List.of("123456", "654321", "password", "qwerty", "abc123",
            "111111", "000000", "888888", "woaini", "iloveyou", "admin", "123123", "aaaaaa", "1qaz2wsx", "zxcvbn");

    private PasswordPolicy() {
    }

    /** @throws InvalidValueException {@code identity.password.*} naming the rule */
    public static void check(String password, String... personal) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw new InvalidValueException("identity.password.length", null, MIN, MAX);
        }
        if (!wellFormed(password) || password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("identity.password.characters", null);
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLetter) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 2) {
            throw new InvalidValueException("identity.password.classes", null);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (WEAK_PATTERNS.stream().anyMatch(lower::contains) || password.chars().distinct().count() <= 3) {
            throw new InvalidValueException("identity.password.common", null);
        }
        for (String own : personal) {
            if (own != null && own.length() >= 6 && (lower.contains(own.toLowerCase(Locale.ROOT))
                    || lower.contains(own.substring(own.length() - 6).toLowerCase(Locale.ROOT)))) {
                throw new InvalidValueException("identity.password.personal", null);
            }
        }
    }

    /** Whether every surrogate is half of a pair, so that the text has a UTF-8 form. */
    public static boolean wellFormed(CharSequence text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }
}

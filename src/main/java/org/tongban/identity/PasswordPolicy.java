package org.tongban.identity;

import java.util.List;
import java.util.Locale;

import org.tongban.shared.InvalidValueException;

/**
 * What a password must be: 10 to 64 characters, at least two of letters, digits and other characters, not one of
 * the patterns every password list starts with, and not built from the person's own ID or phone number.
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
}

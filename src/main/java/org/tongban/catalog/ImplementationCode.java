package org.tongban.catalog;

import java.util.Locale;

import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * An implementation code (实施编码), 31 characters as observed on provincial platforms (DOMAIN §3): the implementing
 * body's unified social credit code (18), the exercise-level digit (1: 2 province … 6 village) and the basic code
 * (12).
 */
public record ImplementationCode(String value) {

    /**
     * @throws InvalidValueException {@code catalog.implementation-code.format} (not 31 characters), or the rule of
     *         the part that is wrong: the credit code's check character, the level digit, the basic code
     */
    public ImplementationCode {
        String code = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (code.length() != 31) {
            throw new InvalidValueException("catalog.implementation-code.format", value, value);
        }
        UnifiedSocialCreditCode.of(code.substring(0, 18));
        char level = code.charAt(18);
        if (level < '2' || level > '6') {
            throw new InvalidValueException("catalog.implementation-code.level", value, value, String.valueOf(level));
        }
        BasicCode.of(code.substring(19));
        value = code;
    }

    public static ImplementationCode of(String value) {
        return new ImplementationCode(value);
    }

    /** The code of {@code basic} as implemented by the body with {@code creditCode} at {@code level}. */
    public static ImplementationCode of(UnifiedSocialCreditCode creditCode, DivisionLevel level, BasicCode basic) {
        return new ImplementationCode(creditCode.value() + level.exerciseLevelCode() + basic.value());
    }

    public UnifiedSocialCreditCode creditCode() {
        return UnifiedSocialCreditCode.of(value.substring(0, 18));
    }

    public DivisionLevel level() {
        return DivisionLevel.ofExerciseLevelCode(value.charAt(18) - '0');
    }

    public BasicCode basicCode() {
        return BasicCode.of(value.substring(19));
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.tongban.shared;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity card number (公民身份号码, GB 11643-1999): six-digit address code, eight-digit birth date,
 * three-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
public final class CitizenIdNumber {

    private static final String CHECK = "10X98765432";

    private final String value;
    private final LocalDate birthDate;

    private CitizenIdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Accepts the 18-character number, or a 15-digit first-generation number, which it upgrades.
     *
     * @throws InvalidValueException {@code shared.citizen-id.format} (not 17 digits and a check character, nor 15 digits),
     *         {@code shared.citizen-id.birth-date} (no such date, or before 1900) or {@code shared.citizen-id.check}
     */
    public static CitizenIdNumber of(String text) {
        String id = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        if (id.matches("[0-9]{15}")) {
            return ofFifteenDigits(id);
        }
        if (!id.matches("[0-9]{17}[0-9X]")) {
            throw new InvalidValueException("shared.citizen-id.format", text);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidValueException("shared.citizen-id.birth-date", text);
        }
        if (birth.getYear() < 1900) {
            throw new InvalidValueException("shared.citizen-id.birth-date", text);
        }
        if (checkCharacter(id.substring(0, 17)) != id.charAt(17)) {
            throw new InvalidValueException("shared.citizen-id.check", text);
        }
        return new CitizenIdNumber(id, birth);
    }

    /**
     * Upgrades a first-generation 15-digit number (address code, {@code yyMMdd} birth date, sequence; no check
     * character) to the 18-digit form of GB 11643-1999: the century 19 is inserted and the check character appended.
     * First-generation cards were issued only to people born in the 1900s.
     */
    private static CitizenIdNumber ofFifteenDigits(String fifteen) {
        String first17 = fifteen.substring(0, 6) + "19" + fifteen.substring(6);
        String upgraded = first17 + checkCharacter(first17);
        try {
            return of(upgraded);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.code(), fifteen);
        }
    }

    /** Completes the first 17 digits of an ID number with its check character. */
    public static CitizenIdNumber withCheckCharacter(String first17) {
        if (first17 == null || !first17.matches("[0-9]{17}")) {
            throw new InvalidValueException("shared.citizen-id.format", first17);
        }
        return of(first17 + checkCharacter(first17));
    }

    public static boolean isValid(String text) {
        try {
            of(text);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** ISO 7064 MOD 11-2 over the first 17 digits: weights 2^(17−i) mod 11, check table {@code 10X98765432}. */
    static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 16; i >= 0; i--) {
            weight = weight * 2 % 11;
            sum += (first17.charAt(i) - '0') * weight;
        }
        return CHECK.charAt(sum % 11);
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** Odd sequence numbers are given to men, even ones to women. */
    public boolean male() {
        return (value.charAt(16) - '0') % 2 == 1;
    }

    /** The number as views show it (DOMAIN §8): the first four and last four characters, e.g. 2101**********1234. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CitizenIdNumber id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked, so that a log line never carries the full number. */
    @Override
    public String toString() {
        return masked();
    }
}

package org.tongban.shared;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): registration authority (1), organization category
 * (1), registration region (6, GB/T 2260), organization code (9, GB 11714) and a check character over the 31-symbol
 * alphabet {@code 0-9A-HJ-NPQRTUWXY} with weights 3^i mod 31.
 */
public final class UnifiedSocialCreditCode {

    /** The 31 symbols, in value order; I, O, S, V and Z are not used. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = weights();

    private final String value;

    private UnifiedSocialCreditCode(String value) {
        this.value = value;
    }

    /**
     * @throws InvalidValueException {@code shared.credit-code.format} (not 18 symbols of the alphabet, or region not
     *         six digits) or {@code shared.credit-code.check} (wrong check character)
     */
    public static UnifiedSocialCreditCode of(String text) {
        String code = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        if (code.length() != 18 || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                || !code.substring(2, 8).chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("shared.credit-code.format", text, text);
        }
        if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
            throw new InvalidValueException("shared.credit-code.check", text, text);
        }
        return new UnifiedSocialCreditCode(code);
    }

    public static boolean isValid(String text) {
        try {
            of(text);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** Completes the first 17 symbols of a credit code with its GB 32100 check character. */
    public static UnifiedSocialCreditCode withCheckCharacter(String first17) {
        String head = first17 == null ? "" : first17.toUpperCase(java.util.Locale.ROOT);
        if (head.length() != 17 || !head.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                || !head.substring(2, 8).chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("shared.credit-code.format", first17, first17);
        }
        return of(head + checkCharacter(head));
    }

    /**
     * Completes an 8-symbol organization code body (digits and capital letters) with its GB 11714 check character:
     * weights 3 7 9 10 5 8 4 2, letters worth 10–35, check 11 − (sum mod 11), where 10 is X and 11 is 0.
     */
    public static String organizationCodeWithCheck(String body) {
        if (body == null || body.length() != 8 || !body.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'A' && c <= 'Z'))) {
            throw new InvalidValueException("shared.organization-code.format", body, body);
        }
        int[] weights = { 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(body.charAt(i), 36) * weights[i];
        }
        int check = 11 - sum % 11;
        return body + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    private static int[] weights() {
        int[] weights = new int[17];
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            weights[i] = weight;
            weight = weight * 3 % 31;
        }
        return weights;
    }

    public String value() {
        return value;
    }

    /** The registration region (登记管理机关行政区划码), six digits. */
    public String region() {
        return value.substring(2, 8);
    }

    /** The embedded organization code (组织机构代码), nine symbols. */
    public String organizationCode() {
        return value.substring(8, 17);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnifiedSocialCreditCode code && code.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

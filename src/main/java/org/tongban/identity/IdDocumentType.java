package org.tongban.identity;

import java.util.Locale;

import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.InvalidValueException;

/** The identity documents an account can be registered with; labels in {@code identity.document.NAME}. */
public enum IdDocumentType {
    /** 居民身份证 (GB 11643) */
    RESIDENT_ID,
    /** 护照 */
    PASSPORT,
    /** 港澳居民来往内地通行证: H or M and 8 or 10 digits */
    HK_MACAO_PERMIT,
    /** 台湾居民来往大陆通行证: 8 digits */
    TAIWAN_PERMIT;

    /**
     * The number in its canonical form.
     *
     * @throws InvalidValueException with the rule it breaks
     */
    public String normalize(String number) {
        String value = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        return switch (this) {
            case RESIDENT_ID -> CitizenIdNumber.of(value).value();
            case PASSPORT -> require(value, "[A-Z0-9]{5,17}", "identity.document.passport");
            case HK_MACAO_PERMIT -> require(value, "[HM][0-9]{8}([0-9]{2})?", "identity.document.hk-macao");
            case TAIWAN_PERMIT -> require(value, "[0-9]{8}", "identity.document.taiwan");
        };
    }

    /** The number as views show it: the first and last few characters, the rest hidden. */
    public static String mask(String normalized) {
        int keepStart = normalized.length() >= 18 ? 4 : 1;
        int keepEnd = normalized.length() >= 18 ? 4 : 2;
        return normalized.substring(0, keepStart) + "*".repeat(normalized.length() - keepStart - keepEnd)
                + normalized.substring(normalized.length() - keepEnd);
    }

    private static String require(String value, String pattern, String code) {
        if (!value.matches(pattern)) {
            throw new InvalidValueException(code, value);
        }
        return value;
    }
}

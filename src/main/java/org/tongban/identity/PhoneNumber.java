package org.tongban.identity;

import org.tongban.shared.InvalidValueException;

/** A mainland mobile number (11 digits starting 13–19), the channel for one-time codes. */
public record PhoneNumber(String value) {

    public PhoneNumber {
        String digits = value == null ? "" : value.strip().replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        }
        if (!digits.matches("1[3-9][0-9]{9}")) {
            throw new InvalidValueException("identity.phone.format", value);
        }
        value = digits;
    }

    /** 138****5678 */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public String toString() {
        return masked();
    }
}

package org.tongban.organization;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Checks an identifier a window officer or applicant typed, before it is used: a resident ID number (GB 11643), a
 * unified social credit code (GB 32100) or a division code (GB/T 2260), and says what it encodes. A resident ID
 * number is answered masked only.
 */
@Service
public class IdentifierCheck {

    /** The identifiers that can be checked; {@link #key()} is how clients name them. */
    public enum Kind {
        CITIZEN_ID("citizen-id"), CREDIT_CODE("credit-code"), DIVISION_CODE("division-code");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** @throws InvalidValueException {@code organization.identifier.kind} for anything else */
        public static Kind of(String key) {
            for (Kind kind : values()) {
                if (kind.key.equals(key == null ? null : key.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new InvalidValueException("organization.identifier.kind", key, key);
        }
    }

    /**
     * What a valid identifier says. Fields that do not apply to the kind are {@code null}.
     *
     * @param value the identifier normalized (upper case, 15-digit ID numbers upgraded), masked for ID numbers
     * @param regionCode the six-digit division the identifier was issued or registered in
     * @param regionName that division's full name, when the platform holds it
     * @param birthDate and {@code male}: from an ID number
     * @param bodyId and {@code bodyName}: the government body with this credit code, when it is one on the platform
     * @param division the division a division code names, when the platform holds it
     */
    public record Result(String kind, String value, String regionCode, String regionName, LocalDate birthDate,
            Boolean male, UUID bodyId, String bodyName, DivisionSummary division) {
    }

    private final Organization organization;

    IdentifierCheck(Organization organization) {
        this.organization = organization;
    }

    /** @throws InvalidValueException with the rule the value breaks */
    public Result check(Kind kind, String value) {
        return switch (kind) {
            case CITIZEN_ID -> {
                CitizenIdNumber id = CitizenIdNumber.of(value);
                String region = id.value().substring(0, 6);
                yield new Result(kind.key(), id.masked(), region, regionName(region), id.birthDate(), id.male(), null,
                        null, null);
            }
            case CREDIT_CODE -> {
                UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of(value);
                BodySummary body = body(code);
                yield new Result(kind.key(), code.value(), code.region(), regionName(code.region()), null, null,
                        body == null ? null : body.id(), body == null ? null : body.name(), null);
            }
            case DIVISION_CODE -> {
                DivisionCode code = DivisionCode.of(value);
                DivisionSummary division = organization.findDivision(code).orElse(null);
                yield new Result(kind.key(), code.value(), code.value().substring(0, 6),
                        regionName(code.value().substring(0, 6)), null, null, null, null, division);
            }
        };
    }

    private String regionName(String sixDigits) {
        if (!DivisionCode.isValid(sixDigits)) {
            return null;
        }
        return organization.findDivision(DivisionCode.of(sixDigits)).map(DivisionSummary::fullName).orElse(null);
    }

    private BodySummary body(UnifiedSocialCreditCode code) {
        try {
            return organization.body(code);
        } catch (NotFoundException e) {
            return null;
        }
    }
}

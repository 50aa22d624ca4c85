package org.tongban.identity.internal;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.PhoneNumber;
import org.tongban.shared.InvalidValueException;

/** Finds an account by what a person types to name it: a mobile number or an ID document number. */
@Component
public class AccountLookup {

    private final Accounts accounts;
    private final PersonalDataCipher cipher;

    AccountLookup(Accounts accounts, PersonalDataCipher cipher) {
        this.accounts = accounts;
        this.cipher = cipher;
    }

    public Optional<Account> byPhoneOrIdNumber(String typed) {
        String value = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return accounts.findByPhoneHash(cipher.lookupHash("phone:" + new PhoneNumber(value).value()));
        } catch (InvalidValueException notAPhone) {
            for (IdDocumentType type : IdDocumentType.values()) {
                try {
                    Optional<Account> found = accounts.findByIdNumberHash(
                            cipher.lookupHash(type.name() + ":" + type.normalize(value)));
                    if (found.isPresent()) {
                        return found;
                    }
                } catch (InvalidValueException notThisType) {
                    // try the next document type
                }
            }
            return Optional.empty();
        }
    }

    /** The keyed hash a resident ID number has in accounts and base data. */
    public String residentIdHash(String normalizedIdNumber) {
        return cipher.lookupHash(IdDocumentType.RESIDENT_ID.name() + ":" + normalizedIdNumber);
    }
}

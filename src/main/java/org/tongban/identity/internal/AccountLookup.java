package org.tongban.identity.internal;

import java.util.ArrayList;
import java.util.List;
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
        for (Key key : keys(typed)) {
            Optional<Account> found = key.column().equals(Key.PHONE) ? accounts.findByPhoneHash(key.hash())
                    : accounts.findByIdNumberHash(key.hash());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Where an account named by typed text can be: a column of {@code identity_account} and the look-up hash in it. */
    record Key(String column, String hash) {
        static final String PHONE = "phone_hash";
        static final String ID_NUMBER = "id_number_hash";
    }

    /**
     * The places to look, in order, for what a person typed to name an account: a mobile number's hash, or else the ID
     * number's hash under each document type whose format it fits. None for blank text.
     */
    List<Key> keys(String typed) {
        String value = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(new Key(Key.PHONE, cipher.lookupHash("phone:" + new PhoneNumber(value).value())));
        } catch (InvalidValueException notAPhone) {
            List<Key> keys = new ArrayList<>();
            for (IdDocumentType type : IdDocumentType.values()) {
                try {
                    keys.add(new Key(Key.ID_NUMBER, cipher.lookupHash(type.name() + ":" + type.normalize(value))));
                } catch (InvalidValueException notThisType) {
                    // try the next document type
                }
            }
            return keys;
        }
    }

    /** The keyed hash a resident ID number has in accounts and base data. */
    public String residentIdHash(String normalizedIdNumber) {
        return cipher.lookupHash(IdDocumentType.RESIDENT_ID.name() + ":" + normalizedIdNumber);
    }
}

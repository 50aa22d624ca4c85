package org.tongban.identity.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.tongban.identity.IdDocumentType;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;

/** Creates accounts, refusing an ID or phone number that already has one (one person, one account). */
@Component
public class AccountFactory {

    private final Accounts accounts;
    private final PersonalDataCipher cipher;

    AccountFactory(Accounts accounts, PersonalDataCipher cipher) {
        this.accounts = accounts;
        this.cipher = cipher;
    }

    public Account create(Account.Kind kind, String name, IdDocumentType idType, String idNumber, String phone,
            String email, String passwordHash, Instant now) {
        if (accounts.existsByIdNumberHash(cipher.lookupHash(idType.name() + ":" + idNumber))) {
            throw new InvalidFieldException("idNumber", new InvalidValueException("identity.registration.duplicate-id", null));
        }
        if (accounts.existsByPhoneHash(cipher.lookupHash("phone:" + phone))) {
            throw new InvalidFieldException("phone", new InvalidValueException("identity.registration.duplicate-phone", null));
        }
        Account account = new Account(kind, name, idType, idNumber, phone, email, passwordHash, cipher, now);
        return accounts.saveAndFlush(account);
    }
}

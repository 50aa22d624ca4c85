package org.tongban.identity;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.AccountFactory;
import org.tongban.identity.internal.AccountLanguages;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;

/** Self-registration of natural persons (自然人注册). Staff accounts are created by administrators, never here. */
@Service
public class Registration {

    /**
     * What a person types to register.
     *
     * @param idType the document type; {@code RESIDENT_ID} unless the person has none
     */
    public record PersonRegistration(String name, IdDocumentType idType, String idNumber, String phone, String email,
            String password, String passwordAgain) {
    }

    private final AccountFactory accounts;
    private final PasswordEncoder passwords;
    private final Clock clock = Clock.systemUTC();

    private final AccountLanguages languages;

    Registration(AccountFactory accounts, PasswordEncoder passwords, AccountLanguages languages) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.languages = languages;
    }

    /**
     * @return the new account's id
     * @throws InvalidFieldException naming the first field that is wrong, or that is already registered
     */
    @Transactional
    public UUID registerPerson(PersonRegistration form) {
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 50) {
            throw new InvalidFieldException("name", new InvalidValueException("identity.name.invalid", name));
        }
        if (form.idType() == null) {
            throw new InvalidFieldException("idType", new InvalidValueException("identity.document.type", null));
        }
        String idNumber = InvalidFieldException.parse("idNumber", () -> form.idType().normalize(form.idNumber()));
        PhoneNumber phone = InvalidFieldException.parse("phone", () -> new PhoneNumber(form.phone()));
        String email = form.email() == null || form.email().isBlank() ? null : form.email().strip();
        if (email != null && (email.length() > 200 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new InvalidFieldException("email", new InvalidValueException("identity.email.format", email));
        }
        InvalidFieldException.parse("password", () -> {
            PasswordPolicy.check(form.password(), idNumber, phone.value());
            return null;
        });
        if (!form.password().equals(form.passwordAgain())) {
            throw new InvalidFieldException("passwordAgain", new InvalidValueException("identity.password.mismatch", null));
        }
        UUID id = accounts.create(Account.Kind.PERSON, name, form.idType(), idNumber, phone.value(), email,
                passwords.encode(form.password()), clock.instant()).id();
        // Text messages reach the person in the language they registered in (the page's, or the API's
        // Accept-Language).
        languages.remember(id, LocaleContextHolder.getLocale());
        return id;
    }
}

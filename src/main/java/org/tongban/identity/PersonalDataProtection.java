package org.tongban.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.CitizenIdNumber;

/**
 * The platform's protection of personal identifiers at rest (DOMAIN §8), for modules that keep such identifiers
 * themselves (e.g. the exchange's base databases): the same data key and look-up key as the accounts, so that a
 * resident's look-up hash is the same wherever it is stored and no module carries its own cryptography.
 */
@Service
public class PersonalDataProtection {

    private final PersonalDataCipher cipher;
    private final JdbcTemplate jdbc;

    PersonalDataProtection(PersonalDataCipher cipher, JdbcTemplate jdbc) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    /** AES-256-GCM with a fresh nonce; the stored form names the key generation. */
    public String encrypt(String plain) {
        return cipher.encrypt(plain);
    }

    public String decrypt(String stored) {
        return cipher.decrypt(stored);
    }

    /** The keyed look-up hash of a resident ID number, equal to the one of the account holding that number. */
    public String residentIdHash(CitizenIdNumber id) {
        return cipher.lookupHash(IdDocumentType.RESIDENT_ID.name() + ":" + id.value());
    }

    /** The look-up hash of the resident ID number of an account (none for other document types). */
    public Optional<String> residentIdHashOf(UUID accountId) {
        return jdbc.queryForList("select id_number_hash from identity_account where id = ? and id_type = ?",
                String.class, accountId, IdDocumentType.RESIDENT_ID.name()).stream().findFirst();
    }
}

package org.tongban.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * The platform's protection of personal identifiers at rest (DOMAIN §8, GB/T 39786-2021), for other modules that
 * must keep an ID number themselves (e.g. the holder of an e-certificate): the same data key and the same keyed
 * look-up hash as accounts, so a value stored elsewhere can be matched to an account without decrypting anything.
 */
@Service
public class PersonalData {

    /** A natural person as an issuer of documents needs them: the clear ID number, the masked form, the hash. */
    public record Person(UUID accountId, String name, IdDocumentType idType, String idNumber, String idNumberMasked,
            String idNumberHash) {
    }

    private final PersonalDataCipher cipher;
    private final org.tongban.identity.internal.Accounts accounts;

    PersonalData(PersonalDataCipher cipher, org.tongban.identity.internal.Accounts accounts) {
        this.cipher = cipher;
        this.accounts = accounts;
    }

    /*
     * Encrypting, decrypting and hashing touch no database and run without a transaction: callers decrypt while
     * reading rows, and a transaction here took a second pooled connection per row — under load every connection
     * waited for another (found by bench/submission.sh). Only the look-ups of accounts below are transactional.
     */

    /** AES-256-GCM with the platform's data key; the stored form names the key generation. */
    public String encrypt(String plain) {
        return cipher.encrypt(plain);
    }

    public String decrypt(String stored) {
        return cipher.decrypt(stored);
    }

    /** The keyed hash accounts store for an ID document number ({@code TYPE:normalized}). */
    public String idNumberHash(IdDocumentType type, String normalizedNumber) {
        return cipher.lookupHash(type.name() + ":" + normalizedNumber);
    }

    /** The keyed hash of any other identifier, under a namespace ({@code credit-code}, ...). */
    public String lookupHash(String namespace, String normalized) {
        return cipher.lookupHash(namespace + ":" + normalized);
    }

    /** The person behind a (non-staff or staff) account, with the clear ID number. */
    @Transactional(readOnly = true)
    public Optional<Person> person(UUID accountId) {
        return accounts.findById(accountId).map(this::person);
    }

    private Person person(Account account) {
        return new Person(account.id(), account.name(), account.idType(), account.idNumber(cipher),
                account.idNumberMasked(), account.idNumberHash());
    }

    /** The keyed look-up hash of a resident ID number, equal to the one of the account holding that number. */
    public String residentIdHash(org.tongban.shared.CitizenIdNumber id) {
        return idNumberHash(IdDocumentType.RESIDENT_ID, id.value());
    }

    /** The look-up hash of the resident ID number of an account (none for other document types). */
    @Transactional(readOnly = true)
    public Optional<String> residentIdHashOf(UUID accountId) {
        return accounts.findById(accountId).filter(a -> a.idType() == IdDocumentType.RESIDENT_ID)
                .map(Account::idNumberHash);
    }

    /**
     * The active personal (not staff) account whose ID number has this look-up hash: a hall window filing for a
     * person who walks in finds the account the case belongs to without decrypting anything.
     */
    @Transactional(readOnly = true)
    public Optional<UUID> personalAccountWithIdNumberHash(String hash) {
        return accounts.findByIdNumberHash(hash).filter(a -> a.kind() == Account.Kind.PERSON && a.active())
                .map(Account::id);
    }

    /**
     * The active personal (not staff) account registered with this mobile number, and its holder's name: a hall
     * window records whom it served without anybody typing or decrypting an ID number.
     */
    @Transactional(readOnly = true)
    public Optional<Holder> personalAccountWithPhone(PhoneNumber phone) {
        return accounts.findByPhoneHash(cipher.lookupHash("phone:" + phone.value()))
                .filter(a -> a.kind() == Account.Kind.PERSON && a.active())
                .map(a -> new Holder(a.id(), a.name()));
    }

    /** An account and its holder's name. */
    public record Holder(UUID accountId, String name) {
    }

    /** The look-up hash of the account's ID number, to find what is held under it. */
    @Transactional(readOnly = true)
    public Optional<String> idNumberHashOf(UUID accountId) {
        return accounts.findById(accountId).map(Account::idNumberHash);
    }
}

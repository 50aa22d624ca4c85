package org.tongban.identity.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.tongban.identity.IdDocumentType;

/**
 * An account (账户) of a natural person or a staff member. Identifiers are held encrypted with a look-up hash and
 * a masked form for display; the clear values never reach the database.
 */
@Entity
@Table(name = "identity_account")
public class Account {

    public enum Kind { PERSON, STAFF }

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "id_type")
    private IdDocumentType idType;
    @Column(name = "id_number_cipher")
    private String idNumberCipher;
    @Column(name = "id_number_hash")
    private String idNumberHash;
    @Column(name = "id_number_masked")
    private String idNumberMasked;
    @Column(name = "phone_cipher")
    private String phoneCipher;
    @Column(name = "phone_hash")
    private String phoneHash;
    @Column(name = "phone_masked")
    private String phoneMasked;
    private String email;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "assurance_level")
    private int assuranceLevel;
    private String status;
    @Column(name = "created_at")
    private Instant createdAt;
    /** Written only by {@link AccountLanguages} (a direct update), so a stale entity never writes it back. */
    @Column(name = "language", insertable = false, updatable = false)
    private String language;
    @Version
    private long version;

    protected Account() {
    }

    Account(Kind kind, String name, IdDocumentType idType, String idNumber, String phone, String email,
            String passwordHash, PersonalDataCipher cipher, Instant now) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.name = name;
        this.idType = idType;
        this.idNumberCipher = cipher.encrypt(idNumber);
        this.idNumberHash = cipher.lookupHash(idType.name() + ":" + idNumber);
        this.idNumberMasked = IdDocumentType.mask(idNumber);
        this.phoneCipher = cipher.encrypt(phone);
        this.phoneHash = cipher.lookupHash("phone:" + phone);
        this.phoneMasked = phone.substring(0, 3) + "****" + phone.substring(7);
        this.email = email;
        this.passwordHash = passwordHash;
        // L1: self-registered. L2 needs the check against population data (DOMAIN §8).
        this.assuranceLevel = 1;
        this.status = "ACTIVE";
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public IdDocumentType idType() {
        return idType;
    }

    /** The keyed look-up hash of {@code TYPE:number}, for finding what was issued to this ID without decrypting. */
    public String idNumberHash() {
        return idNumberHash;
    }

    /** The ID number, decrypted: only for what must carry it in clear (e.g. a signed e-certificate). */
    public String idNumber(PersonalDataCipher cipher) {
        return cipher.decrypt(idNumberCipher);
    }

    public String idNumberMasked() {
        return idNumberMasked;
    }

    public String phoneMasked() {
        return phoneMasked;
    }

    /** The mobile number, decrypted: only to hand a message to the SMS gateway. */
    public String phone(PersonalDataCipher cipher) {
        return cipher.decrypt(phoneCipher);
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public int assuranceLevel() {
        return assuranceLevel;
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The language of the person's text messages: the one they last chose in the portal, Chinese unless English. */
    public Locale locale() {
        return AccountLanguages.locale(language);
    }
}

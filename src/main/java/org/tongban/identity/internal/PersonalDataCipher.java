package org.tongban.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tongban.identity.IdentityProperties;

/**
 * Encrypts personal identifiers at rest (AES-256-GCM, a fresh 96-bit nonce per value, DOMAIN §8) and derives the
 * keyed hash (HMAC-SHA-256) that finds an account by ID or phone number without decrypting anything. Stored form:
 * {@code v<generation>:<base64 nonce+ciphertext>}; the prefix names the key generation, so a key is rotated by
 * configuring a new one with the next generation, keeping the old one among the previous keys until
 * {@link DataKeyRotation} has re-encrypted every stored value.
 */
@Component
public class PersonalDataCipher {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("^v(\\d{1,4}):");
    private static final int NONCE_BYTES = 12;

    private final int generation;
    private final String prefix;
    private final SecretKeySpec dataKey;
    private final java.util.Map<Integer, SecretKeySpec> dataKeys;
    /** Keyed once; each hash works on a clone (a Mac is not thread-safe, and getInstance plus init cost more). */
    private final Mac lookupMac;
    private final SecureRandom random = new SecureRandom();

    PersonalDataCipher(IdentityProperties properties) {
        this.generation = properties.dataKeyGeneration();
        this.prefix = "v" + generation + ":";
        this.dataKey = new SecretKeySpec(key(properties.dataKey(), properties.keyDirectory(),
                generation == 1 ? "data.key" : "data-" + generation + ".key"), "AES");
        java.util.Map<Integer, SecretKeySpec> keys = new java.util.HashMap<>();
        properties.previousDataKeys().forEach((g, key) -> keys.put(g, new SecretKeySpec(decode(key), "AES")));
        keys.put(generation, dataKey);
        this.dataKeys = java.util.Map.copyOf(keys);
        try {
            this.lookupMac = Mac.getInstance("HmacSHA256");
            this.lookupMac.init(new SecretKeySpec(key(properties.lookupKey(), properties.keyDirectory(), "lookup.key"),
                    "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot key the look-up hash", e);
        }
    }

    /**
     * Whether earlier data keys are configured ({@code tongban.identity.previous-data-keys}): only then can values
     * sealed with them be read, and so re-encrypted.
     */
    public boolean hasPreviousKeys() {
        return dataKeys.size() > 1;
    }

    /** The prefix of values sealed with the current key ({@code v2:}); others are due for re-encryption. */
    public String currentPrefix() {
        return prefix;
    }

    /** The value sealed with the current key; a value already sealed with it comes back as it is. */
    public String reencrypt(String stored) {
        return stored.startsWith(prefix) ? stored : encrypt(decrypt(stored));
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return prefix + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    public String decrypt(String stored) {
        java.util.regex.Matcher version = PREFIX.matcher(stored);
        SecretKeySpec key = version.find() ? dataKeys.get(Integer.parseInt(version.group(1))) : null;
        if (key == null) {
            throw new IllegalStateException("Unknown key generation: " + stored.substring(0, Math.min(5, stored.length()))
                    + " (configure it among tongban.identity.previous-data-keys)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(version.end()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt (wrong key or tampered value)", e);
        }
    }

    /** The keyed hash of a normalized identifier, hex: equal inputs give equal hashes, nothing else is revealed. */
    public String lookupHash(String normalized) {
        try {
            Mac mac = (Mac) lookupMac.clone();
            return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("Cannot hash", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] key = Base64.getDecoder().decode(configured.strip());
        if (key.length != 32) {
            throw new IllegalStateException("tongban.identity keys must be 256 bits (32 bytes, base64)");
        }
        return key;
    }

    private byte[] key(String configured, Path directory, String file) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured);
        }
        Path path = directory.resolve(file);
        try {
            if (Files.exists(path)) {
                return Base64.getDecoder().decode(Files.readString(path).strip());
            }
            Files.createDirectories(directory);
            byte[] key = new byte[32];
            random.nextBytes(key);
            Files.writeString(path, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: rely on the directory's permissions.
            }
            log.warn("Generated {} in {}: configure tongban.identity keys from a secret store in production", file,
                    directory.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

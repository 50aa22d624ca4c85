package org.tongban.identity.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets: 256 random bits, shown to the administrator once and stored only as {@code {sha256}<hex>}. A slow
 * password hash (bcrypt) protects guessable human passwords; a secret this long cannot be guessed, so one fast hash
 * is enough and keeps the token endpoint cheap (it checks the secret on every request).
 */
final class ClientSecrets implements PasswordEncoder {

    private static final String PREFIX = "{sha256}";
    private final SecureRandom random = new SecureRandom();

    /** A fresh secret, URL-safe base64 (43 characters). */
    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + JdbcAuthorizations.hash(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }
}

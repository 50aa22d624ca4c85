package org.tongban.identity;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataKey base64 of the 256-bit AES key that encrypts ID and phone numbers at rest; when unset, a key is
 *        generated once into {@code keyDirectory} (embedded mode). Production sets it from the secret store.
 * @param lookupKey base64 of the 256-bit HMAC key for the look-up hashes of ID and phone numbers; same rules
 * @param keyDirectory where generated keys are kept when the keys are not configured
 * @param maxFailures failed sign-ins for one identifier before it is locked
 * @param lockout how long the first lockout lasts; each further failure doubles it, up to {@code maxLockout}
 * @param maxLockout the longest lockout
 * @param maxFailuresPerAddress failed sign-ins from one IP address within {@code addressWindow} before that address
 *        must wait
 * @param addressWindow the window for counting failures per address
 * @param bcryptStrength the bcrypt cost factor (2^n rounds) for passwords
 * @param dataKeyGeneration the generation number of {@code dataKey} (stored values carry it as {@code v<n>:}); raise
 *        it with a new key to rotate
 * @param previousDataKeys earlier data keys by generation (base64), kept until every value has been re-encrypted with
 *        the current key (the rotation job does that in the background, see {@code DataKeyRotation})
 */
@ConfigurationProperties("tongban.identity")
public record IdentityProperties(String dataKey, String lookupKey,
        @DefaultValue("./data/keys") Path keyDirectory,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("1h") Duration maxLockout,
        @DefaultValue("30") int maxFailuresPerAddress,
        @DefaultValue("10m") Duration addressWindow,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("1") int dataKeyGeneration,
        java.util.Map<Integer, String> previousDataKeys) {

    public IdentityProperties {
        previousDataKeys = previousDataKeys == null ? java.util.Map.of() : java.util.Map.copyOf(previousDataKeys);
        if (dataKeyGeneration < 1 || previousDataKeys.containsKey(dataKeyGeneration)) {
            throw new IllegalArgumentException("tongban.identity.data-key-generation must be positive and not also "
                    + "among tongban.identity.previous-data-keys");
        }
    }
}

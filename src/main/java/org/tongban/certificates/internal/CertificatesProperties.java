package org.tongban.certificates.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the certificates module ({@code tongban.certificates.*}).
 *
 * @param keyStore where the private keys of the root CA and the issuing bodies live: {@code pkcs12} (a PKCS#12 file,
 *        for one node) or {@code database} (encrypted with the data key in PostgreSQL, for several nodes). Keys held
 *        by the other one are moved on start.
 * @param keyStoreFile the PKCS#12 file
 * @param keyStorePassword the PKCS#12 file's password; when unset, one is generated once into
 *        {@code tongban.identity.key-directory} (embedded demo). Production sets it from the secret store.
 */
@ConfigurationProperties("tongban.certificates")
public record CertificatesProperties(
        @DefaultValue("pkcs12") String keyStore,
        @DefaultValue("./data/certificates/signing-keys.p12") Path keyStoreFile,
        String keyStorePassword) {

    public CertificatesProperties {
        keyStore = keyStore.strip().toLowerCase(java.util.Locale.ROOT);
        if (!"pkcs12".equals(keyStore) && !"database".equals(keyStore)) {
            throw new IllegalArgumentException("tongban.certificates.key-store must be pkcs12 or database, not "
                    + keyStore);
        }
    }
}

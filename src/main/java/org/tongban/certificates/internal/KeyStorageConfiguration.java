package org.tongban.certificates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.identity.IdentityProperties;
import org.tongban.identity.PersonalData;

/**
 * Chooses the {@link KeyStorage} by {@code tongban.certificates.key-store}. The PKCS#12 password comes from
 * {@code tongban.certificates.key-store-password} (the secret store in production) or, when unset, from a password
 * generated once into {@code tongban.identity.key-directory} — the same rule as the platform's data key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CertificatesProperties.class)
class KeyStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyStorageConfiguration.class);
    static final String PASSWORD_FILE = "certificates-key-store.password";

    @Bean
    KeyStorage keyStorage(CertificatesProperties properties, IdentityProperties identity, JdbcTemplate jdbc,
            PersonalData personalData) {
        if ("database".equals(properties.keyStore())) {
            return new DatabaseKeyStorage(jdbc, personalData);
        }
        return new Pkcs12KeyStorage(properties.keyStoreFile(), password(properties, identity.keyDirectory(), true)
                .orElseThrow());
    }

    @Bean
    KeyStorageMigration keyStorageMigration(KeyStorage keys, CertificatesProperties properties,
            IdentityProperties identity, JdbcTemplate jdbc, PersonalData personalData,
            org.tongban.platform.audit.AuditTrail audit,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        // Switching back to the database: the PKCS#12 file (if there is one) is the source.
        Pkcs12KeyStorage file = null;
        if (keys instanceof DatabaseKeyStorage && Files.exists(properties.keyStoreFile())) {
            file = password(properties, identity.keyDirectory(), false)
                    .map(p -> new Pkcs12KeyStorage(properties.keyStoreFile(), p)).orElse(null);
            if (file == null) {
                log.warn("{} exists but no password for it is configured: keys only it holds are not moved into the "
                        + "database (set tongban.certificates.key-store-password)", properties.keyStoreFile());
            }
        }
        return new KeyStorageMigration(keys, file, jdbc, personalData, audit, transactions);
    }

    static Optional<char[]> password(CertificatesProperties properties, Path keyDirectory, boolean generate) {
        if (properties.keyStorePassword() != null && !properties.keyStorePassword().isBlank()) {
            return Optional.of(properties.keyStorePassword().toCharArray());
        }
        Path path = keyDirectory.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(path)) {
                return Optional.of(Files.readString(path).strip().toCharArray());
            }
            if (!generate) {
                return Optional.empty();
            }
            Files.createDirectories(keyDirectory);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            Files.writeString(path, password);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: rely on the directory's permissions.
            }
            log.warn("Generated the certificates key store password into {}: set tongban.certificates.key-store-password "
                    + "from a secret store in production", path.toAbsolutePath());
            return Optional.of(password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

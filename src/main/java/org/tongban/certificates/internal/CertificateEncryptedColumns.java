package org.tongban.certificates.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tongban.identity.EncryptedColumn;

/** The certificates' values sealed with the data key, re-encrypted when the key is rotated (DOMAIN §8). */
@Configuration(proxyBeanMethods = false)
class CertificateEncryptedColumns {

    @Bean
    static EncryptedColumn encryptedCertificatePayloads() {
        return new EncryptedColumn("certificates_certificate", "id", "payload_cipher");
    }

    @Bean
    static EncryptedColumn encryptedCertificateSigningKeys() {
        return new EncryptedColumn("certificates_signing_key", "id", "private_key");
    }

    @Bean
    static EncryptedColumn encryptedCertificateRootKey() {
        return new EncryptedColumn("certificates_root_ca", "id", "private_key");
    }
}

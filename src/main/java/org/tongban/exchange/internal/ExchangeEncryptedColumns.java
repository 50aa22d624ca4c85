package org.tongban.exchange.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tongban.identity.EncryptedColumn;

/** The base databases' values sealed with the data key, re-encrypted when the key is rotated (DOMAIN §8). */
@Configuration(proxyBeanMethods = false)
class ExchangeEncryptedColumns {

    @Bean
    static EncryptedColumn encryptedPopulationIdNumbers() {
        return new EncryptedColumn("exchange_person", "id_number_hash", "id_number_cipher");
    }
}

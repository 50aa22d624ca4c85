package org.tongban.cases.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.identity.EncryptedColumn;

/**
 * Keeps applicants' form values sealed at rest (DOMAIN §8): seals rows written before sealing began, in batches, on
 * every node ({@code FOR UPDATE SKIP LOCKED}); and declares the sealed column so that a data-key rotation re-encrypts
 * it.
 */
@Configuration(proxyBeanMethods = false)
public class FormValueSealing {

    private static final Logger log = LoggerFactory.getLogger(FormValueSealing.class);
    private static final int BATCH = 500;

    private final ApplicationStore store;
    private final TransactionTemplate transactions;

    FormValueSealing(ApplicationStore store, TransactionTemplate transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    @Bean
    static EncryptedColumn encryptedFormValues() {
        return new EncryptedColumn("cases_application", "id", "form_values_sealed");
    }

    /** Seals every clear row; how many were sealed. */
    @Scheduled(initialDelayString = "PT40S", fixedDelayString = "PT6H")
    public int sealClearValues() {
        int total = 0;
        while (true) {
            Integer sealed = transactions.execute(status -> store.sealClearValues(BATCH));
            total += sealed == null ? 0 : sealed;
            if (sealed == null || sealed < BATCH) {
                if (total > 0) {
                    log.info("Sealed the form values of {} applications", total);
                }
                return total;
            }
        }
    }
}

package org.tongban.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;

@TongbanIntegrationTest
class SessionStoreTransactionsIntegrationTests {

    @Autowired
    @Qualifier("springSessionTransactionOperations")
    TransactionOperations sessionTransactions;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EntityManagerFactory entityManagers;

    /** The setting and where it comes from (the test cluster is not durable: there it is off for all anyway). */
    private String setting() {
        return jdbc.queryForObject(
                "select setting || ' from ' || source from pg_settings where name = 'synchronous_commit'", String.class);
    }

    @Test
    void onlyTheSessionStoresTransactionsCommitWithoutWaitingForTheFlush() {
        String inSession = sessionTransactions.execute(status -> setting());
        String elsewhere = transactions.execute(status -> setting());
        String afterwards = setting();

        assertThat(inSession).isEqualTo("off from session");
        assertThat(elsewhere).doesNotEndWith("from session");
        // "set local" ends with the transaction: the pooled connection goes back as it came.
        assertThat(afterwards).isEqualTo(elsewhere);
    }

    @Test
    void theSessionStoresTransactionsArePlainJdbcWithoutAnEntityManager() {
        boolean entityManagerInSession = Boolean.TRUE.equals(sessionTransactions.execute(
                status -> TransactionSynchronizationManager.hasResource(entityManagers)));
        boolean entityManagerElsewhere = Boolean.TRUE.equals(transactions.execute(
                status -> TransactionSynchronizationManager.hasResource(entityManagers)));

        assertThat(entityManagerInSession).isFalse();
        assertThat(entityManagerElsewhere).isTrue();
    }
}

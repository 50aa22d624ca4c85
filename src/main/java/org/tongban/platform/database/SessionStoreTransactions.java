package org.tongban.platform.database;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of the HTTP session store (Spring Session JDBC) commit without waiting for the WAL flush.
 *
 * <p>Every request of a signed-in user writes its session row (the last access time), so with synchronous commit each
 * page waited for one disk flush that protects nothing of value: if PostgreSQL itself crashed, at most the last
 * fraction of a second of session updates would be lost (a last access time, or a session that then has to sign in
 * again); the database stays consistent (PostgreSQL's asynchronous commit, chapter "Asynchronous Commit"). Every other
 * transaction of the platform — cases, materials, certificates, the access log — keeps synchronous commit.
 *
 * <p>They are plain JDBC transactions: the session store uses nothing but its {@code JdbcTemplate}, and the platform's
 * JPA transaction manager opened a Hibernate session for each of them, twice per request (reading the session, then
 * saving it) — a measurable part of a request's CPU in the submission benchmark.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreTransactions {

    /**
     * The platform's transaction template, as Spring Boot would define it: Boot's backs off as soon as any
     * {@link TransactionOperations} bean exists, such as the session store's below.
     */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** Picked up by name by Spring Session's {@code JdbcHttpSessionConfiguration}. */
    @Bean
    TransactionOperations springSessionTransactionOperations(DataSource dataSource, JdbcTemplate jdbc) {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // As Spring Session's own template: the session is saved after the request's work, never inside it.
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return template.execute(status -> {
                    jdbc.execute("set local synchronous_commit = off");
                    return action.doInTransaction(status);
                });
            }
        };
    }
}

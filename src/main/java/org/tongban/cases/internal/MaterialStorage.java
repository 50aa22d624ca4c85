package org.tongban.cases.internal;

import java.io.InputStream;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where material files live. The default keeps them on the local disk (one node, or a shared volume); an
 * S3-compatible object store implements the same three operations for several nodes.
 */
public interface MaterialStorage {

    /** Stores the bytes and answers the key to read them back with. */
    String store(byte[] content);

    InputStream open(String key);

    void delete(String key);

    /**
     * Deletes the file once the surrounding transaction has committed (a rolled-back replacement keeps the old
     * file), or at once outside a transaction.
     */
    default void deleteAfterCommit(String key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete(key);
                }
            });
        } else {
            delete(key);
        }
    }
}

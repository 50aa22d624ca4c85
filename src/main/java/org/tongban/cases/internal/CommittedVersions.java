package org.tongban.cases.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What was read of an item version that never changes once stored (a process definition version, a published
 * guide), kept per item code and version, but only once it is certainly committed: read inside a transaction (which
 * may have stored it itself and may still roll back, leaving the number to something else), it is kept after the
 * commit. Needs no invalidation, so it is right on every node. Bounded: when more versions are in use than kept, it
 * starts over rather than track recency (rare; a province has thousands of items).
 */
final class CommittedVersions<V> {

    private record Key(String itemCode, int version) {
    }

    private final int limit;
    private final Map<Key, V> kept = new ConcurrentHashMap<>();

    CommittedVersions(int limit) {
        this.limit = limit;
    }

    V get(String itemCode, int version) {
        return kept.get(new Key(itemCode, version));
    }

    void remember(String itemCode, int version, V value) {
        Key key = new Key(itemCode, version);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    put(key, value);
                }
            });
        } else {
            put(key, value);
        }
    }

    private void put(Key key, V value) {
        if (kept.size() >= limit) {
            kept.clear();
        }
        kept.put(key, value);
    }
}

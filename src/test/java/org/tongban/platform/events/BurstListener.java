package org.tongban.platform.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener of the test's own events only ({@link ListenerExecutionIntegrationTests}): records how many of its
 * deliveries ran at once and on which threads, and fails the first delivery of the events asked to fail. The record
 * is static: the bean is a proxy (asynchronous listener), whose own fields are not the target's.
 */
@Component
class BurstListener {

    /** An event of the test; {@code failFirst} makes its first delivery throw. */
    record Burst(String run, int n, boolean failFirst) {
    }

    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();
    static final Set<String> threads = ConcurrentHashMap.newKeySet();
    static final Set<String> delivered = ConcurrentHashMap.newKeySet();
    static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    static final java.util.Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @ApplicationModuleListener
    void on(Burst event) throws InterruptedException {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        threads.add(Thread.currentThread().getName());
        try {
            Thread.sleep(5);
            String key = event.run() + "/" + event.n();
            attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (event.failFirst() && failedOnce.add(key)) {
                throw new IllegalStateException("first delivery of " + key + " fails");
            }
            delivered.add(key);
        } finally {
            running.decrementAndGet();
        }
    }
}

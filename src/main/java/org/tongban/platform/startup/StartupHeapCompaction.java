package org.tongban.platform.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the heap that start-up used back to the operating system once, right after the last start-up work (the
 * runners: calendar, index check, demo data) and before the platform reports itself ready for traffic.
 *
 * <p>A start allocates several hundred megabytes that are garbage a moment later (configuration parsing, bean
 * definitions, Hibernate's metamodel, the AOT-linked classes' first use). G1 sizes the heap for that allocation rate,
 * so without this the platform would hold ~300 MB of committed but empty heap at readiness until the idle cycle of
 * {@code -XX:G1PeriodicGCInterval} returns it ten seconds later (bench/README.md, "Startup benchmark"). One
 * collection here costs a few hundred milliseconds once; with {@code -XX:MaxHeapFreeRatio} (jvm.options) G1 then
 * shrinks the heap to what is live plus that margin. Under load the heap grows again as G1 needs it, up to
 * {@code -Xmx}; nothing here caps it.
 *
 * <p>{@code tongban.startup.compact-heap=false} turns it off (the tests do: many contexts start in one JVM). With
 * {@code -XX:+DisableExplicitGC} the request is ignored by the JVM.
 */
@Component
@ConditionalOnBooleanProperty(name = "tongban.startup.compact-heap", matchIfMissing = true)
class StartupHeapCompaction {

    private static final Logger log = LoggerFactory.getLogger(StartupHeapCompaction.class);

    /** What one compaction did. */
    record Result(long committedBefore, long committedAfter, long usedAfter, long millis) {
    }

    // Last of the ready listeners: the readiness state is published after all of them (SpringApplication's ready()).
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        Result result = compact();
        log.info("Start-up heap returned: committed {} MB -> {} MB ({} MB in use) in {} ms",
                result.committedBefore() >> 20, result.committedAfter() >> 20, result.usedAfter() >> 20,
                result.millis());
    }

    static Result compact() {
        var memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getCommitted();
        long started = System.nanoTime();
        System.gc();
        long millis = (System.nanoTime() - started) / 1_000_000;
        MemoryUsage after = memory.getHeapMemoryUsage();
        return new Result(before, after.getCommitted(), after.getUsed(), millis);
    }
}

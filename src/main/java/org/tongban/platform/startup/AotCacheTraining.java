package org.tongban.platform.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The training run of the JDK's ahead-of-time cache (JEP 483/514/515) that {@code ./tongban run} makes once per build:
 * started with {@code -XX:AOTCacheOutput=…} and {@code tongban.startup.aot-training=true}, the platform starts as
 * usual and, as soon as it is ready for traffic, shuts down the normal way (embedded PostgreSQL stopped cleanly);
 * the JVM then writes the cache on exit. The cache so holds every class a start loads and links up to readiness,
 * including those first used after the context refresh (the web server's start, the runners, the readiness probe),
 * which Spring's {@code spring.context.exit=onRefresh} leaves out.
 */
@Component
@ConditionalOnBooleanProperty("tongban.startup.aot-training")
class AotCacheTraining {

    private static final Logger log = LoggerFactory.getLogger(AotCacheTraining.class);

    private final ApplicationContext context;

    AotCacheTraining(ApplicationContext context) {
        this.context = context;
    }

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            log.info("Start-up cache training: ready for traffic, shutting down so that the JVM writes the cache");
            // Not on the thread that publishes the event: exiting closes the context that is publishing it.
            Thread.ofPlatform().name("aot-training-exit").start(() -> System.exit(SpringApplication.exit(context)));
        }
    }
}

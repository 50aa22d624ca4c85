package org.tongban.platform.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs the asynchronous event listeners ({@code @ApplicationModuleListener}) on a fixed number of threads with a queue,
 * instead of one virtual thread per event. A burst of events — the first deadline scan of a working day publishes tens
 * of thousands of warnings at once — would otherwise start as many listeners together; they all wait for the
 * connection pool, time out after 30 s and fail (found by {@code bench/deadline-scan.sh} over 1M open cases). Queued,
 * they run a few at a time and leave the rest of the pool to requests. A queued event is also stored in the event
 * publication registry, so an event still queued when the process stops is delivered again at the next start.
 */
@Configuration(proxyBeanMethods = false)
class ListenerExecution {

    /** Spring's default executor for {@code @Async} (both names, so that no other executor is picked by accident). */
    @Bean(name = { "applicationTaskExecutor", "taskExecutor" })
    ThreadPoolTaskExecutor applicationTaskExecutor(@Value("${tongban.events.listener-threads:4}") int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("tongban.events.listener-threads must be at least 1");
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("listener-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        // unbounded: publishing never blocks or fails because listeners are behind
        executor.setQueueCapacity(Integer.MAX_VALUE);
        // at shutdown: listeners at work may finish for a few seconds; what is still queued is delivered at the next
        // start (spring.modulith.events.republish-outstanding-events-on-restart)
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}

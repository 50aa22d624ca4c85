package org.tongban.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by an earlier run of the application that was killed ({@code kill -9}): the
 * postmaster is a separate process and outlives the JVM, still holding the data directory. It has to be stopped
 * before the data directory can be started again. Its clients are gone, so a fast shutdown is safe; PostgreSQL
 * replays its WAL on the next start if it has to be killed.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    /** Stops the postmaster recorded in {@code postmaster.pid} of the data directory, if it is still alive. */
    static void stopIfRunning(Path dataDirectory, Duration patience) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(OrphanedPostmaster::isPostgres);
        if (postmaster.isEmpty()) {
            // The process is gone: PostgreSQL itself removes a stale pid file on start.
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("Stopping PostgreSQL postmaster {} left behind by an earlier run in {}", process.pid(), dataDirectory);
        // SIGTERM asks for a smart shutdown; its clients died with the old JVM, so it ends promptly.
        process.destroy();
        if (!waitForExit(process, patience)) {
            log.warn("Postmaster {} did not stop within {}; killing it (WAL recovery runs on next start)",
                    process.pid(), patience);
            process.destroyForcibly();
            waitForExit(process, patience);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        // The command may be hidden from us (other user); the pid file's owner is then trusted.
        return process.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}

package org.tongban.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.TongbanApplication;

/**
 * The default mode for real: the application in its own JVM, its embedded PostgreSQL under a data directory, killed
 * with SIGKILL and started again on the same directory. Nothing committed may be lost, and no postmaster may be
 * left behind.
 */
class EmbeddedDatabaseRecoveryIntegrationTests {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();
    private int databasePort;

    @AfterEach
    void stopEverything() throws IOException {
        for (Process process : started) {
            process.destroyForcibly();
        }
        postmasterPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void survivesAKilledApplicationAndAKilledDatabase() throws Exception {
        databasePort = freePort();

        Process first = start("first");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            // A further server setting from tongban.embedded-database.settings.*
            assertThat(setting(statement, "work_mem")).isEqualTo("7MB");
            statement.execute("create table recovery_probe (step text primary key)");
            statement.execute("insert into recovery_probe values ('before-kill-application')");
        }
        long firstPostmaster = postmasterPid().orElseThrow();
        first.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(firstPostmaster)).as("the postmaster outlives a killed JVM").isPresent();

        // The orphaned postmaster still holds the directory and the port: the next start must stop it first.
        Process second = start("second");
        assertThat(ProcessHandle.of(firstPostmaster).filter(ProcessHandle::isAlive)).isEmpty();
        long secondPostmaster = postmasterPid().orElseThrow();
        assertThat(secondPostmaster).isNotEqualTo(firstPostmaster);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(steps(statement)).containsExactly("before-kill-application");
            statement.execute("insert into recovery_probe values ('before-kill-database')");
        }

        // Both die at once, as in a power cut of the process tree: PostgreSQL recovers from its write-ahead log.
        second.destroyForcibly().waitFor();
        ProcessHandle.of(secondPostmaster).ifPresent(ProcessHandle::destroyForcibly);
        waitUntilGone(secondPostmaster);

        Process third = start("third");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(steps(statement)).containsExactlyInAnyOrder("before-kill-application", "before-kill-database");
        }
        long thirdPostmaster = postmasterPid().orElseThrow();

        // A normal stop (SIGTERM) shuts the database down too.
        third.destroy();
        assertThat(third.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        waitUntilGone(thirdPostmaster);
        assertThat(Files.exists(dir.resolve("postgres/postmaster.pid"))).isFalse();
    }

    private Process start(String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), TongbanApplication.class.getName(),
                "--server.port=0",
                "--tongban.embedded-database.data-directory=" + dir.resolve("postgres"),
                "--tongban.embedded-database.port=" + databasePort,
                "--tongban.embedded-database.settings.work_mem=7MB",
                "--tongban.demo.enabled=false",
                "--tongban.log-directory=" + dir.resolve("logs"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains("Started TongbanApplication")) {
                return process;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The " + name + " start failed:\n" + output);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The " + name + " start took longer than " + STARTUP + ":\n" + Files.readString(log));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/tongban", "postgres", "");
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pidFile = dir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> steps(Statement statement) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select step from recovery_probe")) {
            while (rs.next()) {
                steps.add(rs.getString(1));
            }
        }
        return steps;
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d is gone", pid).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

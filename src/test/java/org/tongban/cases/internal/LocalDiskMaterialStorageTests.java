package org.tongban.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.tongban.cases.CasesProperties;

/**
 * The local-disk storage: a stored file is complete under its key the moment {@code store} returns, and the
 * temporary file it was written to (and forced to disk) is gone.
 */
class LocalDiskMaterialStorageTests {

    @TempDir
    Path directory;

    private LocalDiskMaterialStorage storage(Path root) {
        return new LocalDiskMaterialStorage(new CasesProperties(
                new CasesProperties.Materials(DataSize.ofMegabytes(10), root, "local", null), 5, null, null, null));
    }

    @Test
    void storesTheWholeFileUnderItsKeyAndLeavesNoTemporaryFile() throws IOException {
        // the root does not exist yet: the storage creates it and the month's directories
        Path root = directory.resolve("data/materials");
        LocalDiskMaterialStorage storage = storage(root);
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);

        String key = storage.store(content);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(key).startsWith("%d/%02d/".formatted(today.getYear(), today.getMonthValue()));
        assertThat(Files.readAllBytes(root.resolve(key))).isEqualTo(content);
        try (InputStream in = storage.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(filesUnder(root)).containsExactly(root.resolve(key));
    }

    @Test
    void concurrentUploadsEachGetTheirOwnCompleteFileAndNoTemporaryFileRemains() throws Exception {
        Path root = directory.resolve("materials");
        LocalDiskMaterialStorage storage = storage(root);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            byte[] content = new byte[1000 + i * 4096];
            new Random(i).nextBytes(content);
            contents.add(content);
        }
        List<Future<String>> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (byte[] content : contents) {
                keys.add(pool.submit(() -> storage.store(content)));
            }
        }
        List<Path> stored = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            Path file = root.resolve(keys.get(i).get());
            assertThat(Files.readAllBytes(file)).isEqualTo(contents.get(i));
            stored.add(file);
        }
        assertThat(filesUnder(root)).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void storesAnEmptyFile() throws IOException {
        Path root = directory.resolve("materials");
        String key = storage(root).store(new byte[0]);
        assertThat(Files.size(root.resolve(key))).isZero();
        assertThat(filesUnder(root)).containsExactly(root.resolve(key));
    }

    @Test
    void deletesAndRefusesKeysOutsideTheRoot() throws IOException {
        Path root = directory.resolve("materials");
        LocalDiskMaterialStorage storage = storage(root);
        String key = storage.store(new byte[] {1, 2, 3});
        storage.delete(key);
        assertThat(filesUnder(root)).isEmpty();
        assertThatThrownBy(() -> storage.open("../outside")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}

package org.tongban.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tongban.cases.CasesProperties;

/**
 * Materials as files under {@code tongban.cases.materials.directory} ({@code ./data/materials}), durable before
 * {@link #store} returns (and so before the upload is acknowledged): the bytes go to a temporary file in the target
 * directory, which is forced to disk ({@code fsync}), then renamed atomically to its key, and the directory is forced
 * too, so that the new name survives a power loss. A crash at any point leaves either no file under the key or the
 * whole file; at worst a temporary {@code .upload*.tmp} file, which never has a row.
 */
@Component
@ConditionalOnProperty(name = "tongban.cases.materials.storage", havingValue = "local", matchIfMissing = true)
class LocalDiskMaterialStorage implements MaterialStorage {

    private final Path root;

    /** Directories whose own entries (up to the root) were forced to disk by this process. */
    private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();

    LocalDiskMaterialStorage(CasesProperties properties) {
        this.root = properties.materials().directory().toAbsolutePath().normalize();
    }

    @Override
    public String store(byte[] content) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = "%d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), UUID.randomUUID());
        Path target = resolve(key);
        Path directory = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, ".upload", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            forceDirectory(directory);
            // The month's directory (and the year's, the root) may be new entries of their parents, created by this
            // or a concurrent upload: the first upload into a directory in this process forces them up to the root.
            if (!durableDirectories.contains(directory)) {
                for (Path dir = directory; dir.startsWith(root) && dir.getParent() != null; dir = dir.getParent()) {
                    forceDirectory(dir.getParent());
                }
                durableDirectories.add(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store material", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure being reported matters more; a left temporary file never has a row
                }
            }
        }
        return key;
    }

    /** fsync of a directory, so that a name created or renamed in it is on disk (POSIX: fsync on the directory). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read material " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete material " + key, e);
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Material key outside the storage: " + key);
        }
        return path;
    }
}

package org.tongban.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tongban.cases.CasesProperties;

/**
 * Materials as files under {@code tongban.cases.materials.directory} ({@code ./data/materials}): written to a
 * temporary file and moved into place, so a crash never leaves half a file under a key.
 */
@Component
@ConditionalOnProperty(name = "tongban.cases.materials.storage", havingValue = "local", matchIfMissing = true)
class LocalDiskMaterialStorage implements MaterialStorage {

    private final Path root;

    LocalDiskMaterialStorage(CasesProperties properties) {
        this.root = properties.materials().directory().toAbsolutePath().normalize();
    }

    @Override
    public String store(byte[] content) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = "%d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), UUID.randomUUID());
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store material", e);
        }
        return key;
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

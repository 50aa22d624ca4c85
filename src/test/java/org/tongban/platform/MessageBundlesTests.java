package org.tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The message bundles are one namespace (spring.messages.basename lists every module's): a key defined twice — in
 * one file or in two — silently shows one page the other's text, so none may be.
 */
class MessageBundlesTests {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");

    @Test
    void noKeyIsDefinedTwiceInOneLanguage() throws IOException {
        for (String suffix : List.of(".properties", "_en.properties")) {
            Map<String, String> seen = new HashMap<>();
            List<String> twice = new ArrayList<>();
            try (Stream<Path> files = Files.list(BUNDLES)) {
                for (Path file : files.filter(f -> isBundle(f, suffix)).sorted().toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String trimmed = line.strip();
                        int equals = trimmed.indexOf('=');
                        if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                            continue;
                        }
                        String key = trimmed.substring(0, equals).strip();
                        String earlier = seen.put(key, file.getFileName().toString());
                        if (earlier != null) {
                            twice.add(key + " (" + earlier + ", " + file.getFileName() + ")");
                        }
                    }
                }
            }
            assertThat(twice).as("keys defined twice in *" + suffix).isEmpty();
        }
    }

    private static boolean isBundle(Path file, String suffix) {
        String name = file.getFileName().toString();
        return suffix.equals(".properties") ? name.endsWith(".properties") && !name.contains("_")
                : name.endsWith(suffix);
    }
}

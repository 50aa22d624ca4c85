package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.tongban.catalog.internal.transfer.ImportProblem;

/** Every problem an import reports can be shown in Chinese and English, with where it lies. */
class TransferMessagesTests {

    private static final Path SOURCES = Path.of("src/main/java/org/tongban/catalog/internal/transfer");

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/catalog", "i18n/shared");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** The message keys the engine's sources name. */
    private static Set<String> codes() throws IOException {
        Set<String> codes = new TreeSet<>();
        Pattern key = Pattern.compile("\"(catalog\\.(?:transfer|guide|basic-item)\\.[a-z-]+)\"");
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                Matcher matcher = key.matcher(Files.readString(file));
                while (matcher.find()) {
                    codes.add(matcher.group(1));
                }
            }
        }
        return codes;
    }

    @Test
    void everyCodeTheEngineReportsHasAMessageInBothLanguages() throws IOException {
        ResourceBundleMessageSource messages = messages();
        Set<String> codes = codes();

        assertThat(codes).hasSizeGreaterThan(30).contains("catalog.transfer.required", "catalog.guide.no-process");
        for (String code : codes) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                assertThat(messages.getMessage(code, new Object[] { "a", "b", "c", "d" }, null, locale))
                        .as(code + " in " + locale).isNotNull().doesNotContain("{");
            }
        }
    }

    @Test
    void aProblemIsDescribedWithItsSheetRowAndColumn() {
        ImportProblem problem = new ImportProblem(new ImportProblem.Location("材料", 1202, "必要性"),
                "catalog.transfer.choice", List.of("必需的", "必要、非必要、容缺后补"));
        ImportProblem json = new ImportProblem(new ImportProblem.Location("$.items[2].materials[0]", 3, "necessity"),
                "catalog.transfer.required", List.of("necessity"));

        assertThat(problem.describe(messages(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("工作表“材料”第 1202 行“必要性”：“必需的”无法识别，可填写：必要、非必要、容缺后补。");
        assertThat(problem.describe(messages(), Locale.ENGLISH)).isEqualTo(
                "Sheet \"材料\", row 1202, column \"必要性\": \"必需的\" is not understood; allowed: 必要、非必要、容缺后补.");
        assertThat(json.describe(messages(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("第 3 个事项 $.items[2].materials[0] 的“necessity”：“necessity”必须填写。");
    }
}

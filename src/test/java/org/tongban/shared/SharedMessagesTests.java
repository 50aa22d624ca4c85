package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codes of the shared kernel are message keys ({@code i18n/shared*.properties}); the web layer fills their
 * placeholders from {@code arguments()} with {@link MessageFormat}, as Spring's message source does. Formatted here
 * without a Spring context, the same way.
 */
class SharedMessagesTests {

    private static final List<String> CODES = List.of("shared.division-code.format", "shared.division-code.structure",
            "shared.division-level.unknown", "shared.credit-code.format", "shared.credit-code.check",
            "shared.organization-code.format", "shared.citizen-id.format", "shared.citizen-id.birth-date",
            "shared.citizen-id.check", "shared.calendar.outside-year", "shared.calendar.conflict",
            "shared.calendar.workday-not-weekend", "shared.calendar.csv-header", "shared.calendar.csv-line",
            "shared.calendar.duplicate-year", CalendarYearMissingException.CODE);

    private static Properties bundle(String name) {
        InputStream in = SharedMessagesTests.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        Properties properties = new Properties();
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }

    private static String chinese(String code, Object[] arguments) {
        String pattern = bundle("i18n/shared.properties").getProperty(code);
        assertThat(pattern).as(code).isNotNull();
        return new MessageFormat(pattern, Locale.SIMPLIFIED_CHINESE).format(arguments);
    }

    private static String english(String code, Object[] arguments) {
        String pattern = bundle("i18n/shared_en.properties").getProperty(code);
        assertThat(pattern).as(code).isNotNull();
        return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    }

    private static String chinese(InvalidValueException e) {
        return chinese(e.code(), e.arguments());
    }

    @ParameterizedTest
    @ValueSource(strings = { "i18n/shared.properties", "i18n/shared_en.properties" })
    void everyCodeHasAMessageInBothLanguages(String name) {
        Properties messages = bundle(name);

        assertThat(messages.stringPropertyNames()).containsAll(CODES);
    }

    @Test
    void aYearIsShownWithoutAThousandsSeparator() {
        InvalidValueException outside = rejected(() -> new CalendarYear(2026, Set.of(), Set.of(), Map.of())
                .isWorkingDay(LocalDate.of(2027, 1, 4)));
        InvalidValueException duplicate = rejected(() -> new WorkingDayCalendar(List.of(
                new CalendarYear(2026, Set.of(), Set.of(), Map.of()),
                new CalendarYear(2026, Set.of(), Set.of(), Map.of()))));
        CalendarYearMissingException missing = new CalendarYearMissingException(2030);

        assertThat(chinese(outside)).isEqualTo("日期 2027-01-04 不属于 2026 年。");
        assertThat(english(outside.code(), outside.arguments())).isEqualTo("The date 2027-01-04 is not in 2026.");
        assertThat(chinese(duplicate)).isEqualTo("2026 年的节假日安排重复。");
        assertThat(chinese(missing.code(), missing.arguments())).startsWith("尚未导入 2030 年的法定节假日安排");
    }

    @Test
    void aLineNumberIsShownAsItIs() {
        String file = "date,kind,festival\n" + "#\n".repeat(1_200) + "2026-10-01,holiday,国庆节,oops\n";
        InvalidValueException e = rejected(() -> HolidayCalendarCsv.parse(new StringReader(file)));

        assertThat(chinese(e)).startsWith("节假日文件第 1202 行无法识别");
    }

    @Test
    void anExerciseLevelCodeIsShownAsItIs() {
        assertThat(chinese(rejected(() -> DivisionLevel.ofExerciseLevelCode(1000))))
                .isEqualTo("行使层级代码 1000 无效，应为 2（省）至 6（村）。");
    }

    @Test
    void aRejectedCodeIsShownAsTheUserTypedIt() {
        assertThat(chinese(rejected(() -> DivisionCode.of("990101001001"))))
                .startsWith("“990101001001”不是有效的行政区划代码");
        assertThat(chinese(rejected(() -> UnifiedSocialCreditCode.withCheckCharacter("12100A0040000062D"))))
                .startsWith("“12100A0040000062D”不是有效的统一社会信用代码");
        assertThat(chinese(rejected(() -> UnifiedSocialCreditCode.of("91440300708461136U"))))
                .isEqualTo("统一社会信用代码“91440300708461136U”的校验码不正确，请核对（GB 32100）。");
    }

    @Test
    void aCitizenIdNumberIsNeverEchoedIntoAMessage() {
        InvalidValueException e = rejected(() -> CitizenIdNumber.of("110105194912310021"));

        assertThat(chinese(e)).doesNotContain("110105").isEqualTo("身份证号码的校验码不正确，请核对（GB 11643）。");
    }
}

package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The holiday file administrators publish each year ({@code date,kind,festival}). */
class HolidayCalendarCsvTests {

    static final String BUNDLED = "calendar/cn-holidays-2025-2026.csv";

    /** The bundled State Council arrangements for 2025 and 2026, read the way the platform reads them. */
    static List<CalendarYear> bundled() {
        InputStream in = HolidayCalendarCsvTests.class.getClassLoader().getResourceAsStream(BUNDLED);
        assertThat(in).as(BUNDLED + " on the classpath").isNotNull();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return HolidayCalendarCsv.parse(reader);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<CalendarYear> parse(String text) {
        return HolidayCalendarCsv.parse(new StringReader(text));
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Nested
    class TheBundledFile {

        @Test
        void holdsTheYears2025And2026InOrder() {
            assertThat(bundled()).extracting(CalendarYear::year).containsExactly(2025, 2026);
        }

        @Test
        void lists2026AsTheStateCouncilArrangedIt() {
            CalendarYear year2026 = bundled().get(1);

            // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days off,
            // worked: 01-04 (Sun), 02-14 (Sat), 02-28 (Sat), 05-09 (Sat), 09-20 (Sun), 10-10 (Sat).
            assertThat(year2026.holidays()).hasSize(33);
            assertThat(year2026.makeUpWorkdays()).containsExactlyInAnyOrder(day("2026-01-04"), day("2026-02-14"),
                    day("2026-02-28"), day("2026-05-09"), day("2026-09-20"), day("2026-10-10"));
            for (int d = 1; d <= 7; d++) {
                assertThat(year2026.holidays()).contains(LocalDate.of(2026, 10, d));
                assertThat(year2026.festivals()).containsEntry(LocalDate.of(2026, 10, d), "国庆节");
            }
            for (int d = 15; d <= 23; d++) {
                assertThat(year2026.holidays()).contains(LocalDate.of(2026, 2, d));
            }
            assertThat(year2026.festivals()).containsEntry(day("2026-09-25"), "中秋节")
                    .containsEntry(day("2026-02-14"), "春节").containsEntry(day("2026-06-19"), "端午节");
        }

        @Test
        void lists2025AsTheStateCouncilArrangedIt() {
            CalendarYear year2025 = bundled().get(0);

            // 元旦 1 + 春节 8 (01-28..02-04) + 清明 3 + 劳动节 5 + 端午 3 + 国庆·中秋 8 = 28 days off, 5 worked.
            assertThat(year2025.holidays()).hasSize(28);
            assertThat(year2025.makeUpWorkdays()).containsExactlyInAnyOrder(day("2025-01-26"), day("2025-02-08"),
                    day("2025-04-27"), day("2025-09-28"), day("2025-10-11"));
            assertThat(year2025.festivals()).containsEntry(day("2025-10-08"), "国庆节、中秋节");
        }

        @Test
        void everyMakeUpWorkdayIsAWeekendDayAndNoDayIsBoth() {
            for (CalendarYear year : bundled()) {
                assertThat(year.makeUpWorkdays()).allSatisfy(d -> assertThat(d.getDayOfWeek())
                        .isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
                assertThat(year.holidays()).doesNotContainAnyElementsOf(year.makeUpWorkdays());
                assertThat(year.festivals().keySet()).allSatisfy(d -> assertThat(d.getYear()).isEqualTo(year.year()));
            }
        }
    }

    @Nested
    class Reading {

        @Test
        void readsHolidaysWorkdaysAndFestivals() {
            List<CalendarYear> years = parse("""
                    date,kind,festival
                    2026-10-01,holiday,国庆节
                    2026-10-10,workday,国庆节
                    2026-10-02,holiday
                    2026-10-03,holiday,
                    """);

            assertThat(years).hasSize(1);
            CalendarYear year = years.getFirst();
            assertThat(year.year()).isEqualTo(2026);
            assertThat(year.holidays()).containsExactlyInAnyOrder(day("2026-10-01"), day("2026-10-02"),
                    day("2026-10-03"));
            assertThat(year.makeUpWorkdays()).containsExactly(day("2026-10-10"));
            assertThat(year.festivals()).containsOnlyKeys(day("2026-10-01"), day("2026-10-10"));
        }

        @Test
        void skipsCommentsAndBlankLines() {
            List<CalendarYear> years = parse("""
                    date,kind,festival
                    # 国办发明电〔2025〕 2026 arrangement

                    \t
                    2026-10-01,holiday,国庆节
                    #2026-10-02,holiday,国庆节
                    """);

            assertThat(years.getFirst().holidays()).containsExactly(day("2026-10-01"));
        }

        @Test
        void acceptsAByteOrderMarkBeforeTheHeader() {
            List<CalendarYear> years = parse("\uFEFFdate,kind,festival\n2026-10-01,holiday,国庆节\n");

            assertThat(years.getFirst().holidays()).containsExactly(day("2026-10-01"));
        }

        @Test
        void acceptsWindowsLineEndingsAndSpacesAroundFields() {
            List<CalendarYear> years = parse("date,kind,festival \r\n 2026-10-01 , holiday , 国庆节 \r\n");

            assertThat(years.getFirst().holidays()).containsExactly(day("2026-10-01"));
            assertThat(years.getFirst().festivals()).containsEntry(day("2026-10-01"), "国庆节");
        }

        @Test
        void listsYearsInOrderWhateverTheOrderOfTheLines() {
            List<CalendarYear> years = parse("""
                    date,kind,festival
                    2026-01-01,holiday,元旦
                    2025-01-01,holiday,元旦
                    """);

            assertThat(years).extracting(CalendarYear::year).containsExactly(2025, 2026);
            assertThat(years.get(0).holidays()).containsExactly(day("2025-01-01"));
            assertThat(years.get(1).holidays()).containsExactly(day("2026-01-01"));
            assertThat(years.get(0).festivals()).containsOnlyKeys(day("2025-01-01"));
        }

        @Test
        void aYearWithOnlyAMakeUpWorkdayIsStillListed() {
            List<CalendarYear> years = parse("date,kind,festival\n2027-01-02,workday,元旦\n");

            assertThat(years).singleElement().satisfies(year -> {
                assertThat(year.year()).isEqualTo(2027);
                assertThat(year.holidays()).isEmpty();
                assertThat(year.makeUpWorkdays()).containsExactly(day("2027-01-02"));
            });
        }

        @Test
        void aFileWithOnlyTheHeaderHasNoYears() {
            assertThat(parse("date,kind,festival\n")).isEmpty();
            assertThat(parse("date,kind,festival")).isEmpty();
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @ValueSource(strings = { "date;kind;festival", "Date,Kind,Festival", "date,kind", "kind,date,festival",
                "2026-10-01,holiday,国庆节", "# date,kind,festival", "" })
        void aWrongHeaderIsRefusedNamingTheExpectedOne(String header) {
            InvalidValueException e = rejected(() -> parse(header + "\n2026-10-01,holiday,国庆节\n"));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-header");
            assertThat(e.value()).isEqualTo(header);
            assertThat(e.arguments()).containsExactly("date,kind,festival");
        }

        @Test
        void anEmptyFileHasNoHeader() {
            InvalidValueException e = rejected(() -> parse(""));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-header");
            assertThat(e.value()).isNull();
        }

        @Test
        void anUnknownKindIsRefusedWithItsLineNumber() {
            InvalidValueException e = rejected(() -> parse("""
                    date,kind,festival
                    2026-10-01,holiday,国庆节
                    2026-10-02,vacation,国庆节
                    """));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-line");
            assertThat(e.value()).isEqualTo("2026-10-02,vacation,国庆节");
            assertThat(e.arguments()).containsExactly("3");
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-02-30,holiday,春节", "2026/10/01,holiday,国庆节", "20261001,holiday,国庆节",
                "2026-13-01,holiday,", "2026-10-1,holiday,国庆节", ",holiday,国庆节", "国庆节,holiday,2026-10-01" })
        void aDateThatCannotBeReadIsRefusedWithItsLineNumber(String line) {
            InvalidValueException e = rejected(() -> parse("date,kind,festival\n# comment\n\n" + line + "\n"));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-line");
            assertThat(e.value()).isEqualTo(line);
            assertThat(e.arguments()).containsExactly("4");
        }

        @Test
        void aDateListedTwiceIsRefusedAtItsSecondLineEvenWithAnotherKind() {
            InvalidValueException e = rejected(() -> parse("""
                    date,kind,festival
                    # comments and blank lines count as lines

                    2026-10-10,workday,国庆节
                    2026-10-01,holiday,国庆节
                    2026-10-10,holiday,国庆节
                    """));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-line");
            assertThat(e.value()).isEqualTo("2026-10-10,holiday,国庆节");
            assertThat(e.arguments()).containsExactly("6");
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-10-01", "2026-10-01,holiday,国庆节,extra", "2026-10-01,,国庆节",
                "2026-10-01,Holiday,国庆节", "2026-10-01,WORKDAY," })
        void aLineWithTheWrongFieldsIsRefusedWithItsLineNumber(String line) {
            InvalidValueException e = rejected(() -> parse("date,kind,festival\n" + line + "\n"));

            assertThat(e.code()).isEqualTo("shared.calendar.csv-line");
            assertThat(e.value()).isEqualTo(line);
            assertThat(e.arguments()).containsExactly("2");
        }

        @Test
        void theRulesOfACalendarYearApplyToTheFile() {
            // 2026-10-09 is a Friday: it cannot be a make-up working day.
            InvalidValueException e = rejected(() -> parse("date,kind,festival\n2026-10-09,workday,国庆节\n"));

            assertThat(e.code()).isEqualTo("shared.calendar.workday-not-weekend");
            assertThat(e.value()).isEqualTo("2026-10-09");
        }

        @Test
        void lineNumbersBeyondAThousandAreNotGroupedLikeNumbers() {
            StringBuilder file = new StringBuilder("date,kind,festival\n");
            file.append("#\n".repeat(1_200));
            file.append("2026-10-01,holiday,国庆节,oops\n");

            InvalidValueException e = rejected(() -> parse(file.toString()));

            assertThat(e.arguments()).containsExactly("1202");
        }
    }
}

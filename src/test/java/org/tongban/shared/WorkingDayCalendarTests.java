package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;
import static org.tongban.shared.Rejections.yearMissing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Periods in working days (行政许可法 Art. 82) over the bundled 2025–2026 State Council arrangements. Every expected
 * date is counted by hand in the comment, from the file ({@code calendar/cn-holidays-2025-2026.csv}) and the weekday
 * of each date; none comes from the calendar under test.
 */
class WorkingDayCalendarTests {

    private static WorkingDayCalendar calendar;

    @BeforeAll
    static void readTheBundledArrangements() {
        calendar = new WorkingDayCalendar(HolidayCalendarCsvTests.bundled());
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Nested
    class WorkingDays2026 {

        @ParameterizedTest
        @ValueSource(strings = { "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
                "2026-10-07" })
        void nationalDayWeekIsOff(String date) {
            assertThat(calendar.isWorkingDay(day(date))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                "2026-02-21", "2026-02-22", "2026-02-23", "2026-01-01", "2026-01-02", "2026-04-06", "2026-05-01",
                "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25" })
        void theOtherFestivalDaysOf2026AreOff(String date) {
            assertThat(calendar.isWorkingDay(day(date))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" })
        void makeUpWeekendDaysAreWorked(String date) {
            assertThat(day(date).getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(calendar.isWorkingDay(day(date))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-10-11", "2026-10-17", "2026-10-18", "2026-09-19", "2026-02-07" })
        void ordinaryWeekendDaysAreOff(String date) {
            assertThat(calendar.isWorkingDay(day(date))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = { "2026-09-30", "2026-10-08", "2026-10-09", "2026-02-13", "2026-02-24",
                "2026-12-31", "2025-12-31" })
        void ordinaryWeekdaysAreWorked(String date) {
            assertThat(calendar.isWorkingDay(day(date))).isTrue();
        }

        @Test
        void theCalendarAnswersForTheYearsItHolds() {
            assertThat(calendar.years()).containsExactly(2025, 2026);
            calendar.years().add(2030);
            assertThat(calendar.years()).containsExactly(2025, 2026);
        }
    }

    @Nested
    class AddingWorkingDays {

        @Test
        void fiveWorkingDaysFromTheEveOfNationalDayEndOnTheThirteenth() {
            // Art. 32 一次告知 within 5 days, materials received Wed 2026-09-30: 10-01..07 off, Thu 10-08 (1),
            // Fri 10-09 (2), Sat 10-10 make-up (3), Sun 10-11 off, Mon 10-12 (4), Tue 10-13 (5).
            assertThat(calendar.addWorkingDays(day("2026-09-30"), 5)).isEqualTo(day("2026-10-13"));
        }

        @Test
        void twentyWorkingDaysAcrossMidAutumnAndNationalDay() {
            // Art. 42: decide within 20 days of acceptance on Fri 2026-09-18. Sun 09-20 make-up (1), 09-21..24 (2-5),
            // 09-25..27 中秋 off, 09-28..30 (6-8), 10-01..07 off, 10-08, 10-09 (9, 10), Sat 10-10 (11),
            // 10-12..16 (12-16), 10-19..22 (17-20).
            assertThat(calendar.addWorkingDays(day("2026-09-18"), 20)).isEqualTo(day("2026-10-22"));
        }

        @Test
        void theTenDayExtensionRunsOnFromTheDecisionDeadline() {
            // Art. 42 +10: Fri 10-23 (1), 10-26..30 (2-6), Sat 10-31 and Sun 11-01 off, 11-02..05 (7-10).
            assertThat(calendar.addWorkingDays(day("2026-10-22"), 10)).isEqualTo(day("2026-11-05"));
        }

        @Test
        void fiveWorkingDaysAcrossTheSpringFestival() {
            // Fri 2026-02-13: Sat 02-14 make-up (1), 02-15..23 off, Tue 02-24..Fri 02-27 (2-5).
            assertThat(calendar.addWorkingDays(day("2026-02-13"), 5)).isEqualTo(day("2026-02-27"));
        }

        @Test
        void aPeriodStartingOnAHolidayStartsCountingOnTheNextWorkingDay() {
            // Received on 10-03 (holiday): 10-08 is the first working day, 10-09 the second.
            assertThat(calendar.addWorkingDays(day("2026-10-03"), 1)).isEqualTo(day("2026-10-08"));
            assertThat(calendar.addWorkingDays(day("2026-10-03"), 2)).isEqualTo(day("2026-10-09"));
        }

        @Test
        void aPeriodRunsFromOneYearIntoTheNext() {
            // Wed 2025-12-31: 2026-01-01..03 off, Sun 2026-01-04 is a make-up working day.
            assertThat(calendar.addWorkingDays(day("2025-12-31"), 1)).isEqualTo(day("2026-01-04"));
            // then Mon 01-05 (2).
            assertThat(calendar.addWorkingDays(day("2025-12-31"), 2)).isEqualTo(day("2026-01-05"));
        }

        @Test
        void zeroDaysIsTheStartDay() {
            assertThat(calendar.addWorkingDays(day("2026-10-01"), 0)).isEqualTo(day("2026-10-01"));
        }

        @Test
        void aNegativeCountGoesBack() {
            // From Thu 10-08 one working day back: 10-07..01 off, Wed 09-30.
            assertThat(calendar.addWorkingDays(day("2026-10-08"), -1)).isEqualTo(day("2026-09-30"));
            // From Sun 2026-01-04 back: 01-03..01 off, Wed 2025-12-31.
            assertThat(calendar.addWorkingDays(day("2026-01-04"), -1)).isEqualTo(day("2025-12-31"));
            // Tue 10-13 back 5 reaches Wed 09-30 again (12, 10 make-up, 9, 8, 09-30).
            assertThat(calendar.addWorkingDays(day("2026-10-13"), -5)).isEqualTo(day("2026-09-30"));
        }

        @Test
        void theEndOfAPeriodIsAlwaysAWorkingDay() {
            for (LocalDate start = day("2025-01-01"); start.isBefore(day("2026-12-01")); start = start.plusDays(1)) {
                for (int days : new int[] { 1, 5, 20 }) {
                    LocalDate end = calendar.addWorkingDays(start, days);
                    assertThat(calendar.isWorkingDay(end)).as("%s + %d", start, days).isTrue();
                    assertThat(calendar.workingDaysBetween(start, end)).as("%s + %d", start, days).isEqualTo(days);
                    assertThat(calendar.workingDaysBetween(start, end.minusDays(1))).isEqualTo(days - 1);
                }
            }
        }
    }

    @Nested
    class CountingBetween {

        @Test
        void countsTheWorkingDaysAfterTheFirstDayUpToAndIncludingTheLast() {
            assertThat(calendar.workingDaysBetween(day("2026-09-30"), day("2026-10-13"))).isEqualTo(5);
            assertThat(calendar.workingDaysBetween(day("2026-09-30"), day("2026-10-07"))).isZero();
            assertThat(calendar.workingDaysBetween(day("2026-10-07"), day("2026-10-08"))).isEqualTo(1);
        }

        @Test
        void isNegativeWhenTheDatesAreTheOtherWayRound() {
            assertThat(calendar.workingDaysBetween(day("2026-10-13"), day("2026-09-30"))).isEqualTo(-5);
            assertThat(calendar.workingDaysBetween(day("2026-10-22"), day("2026-09-18"))).isEqualTo(-20);
        }

        @Test
        void isZeroForTheSameDay() {
            assertThat(calendar.workingDaysBetween(day("2026-10-08"), day("2026-10-08"))).isZero();
            assertThat(calendar.workingDaysBetween(day("2026-10-03"), day("2026-10-03"))).isZero();
        }

        @Test
        void october2026HasEighteenWorkingDays() {
            // 22 weekdays (Oct 2026 starts on a Thursday) − 5 weekday holidays (1, 2, 5, 6, 7) + Sat 10-10 = 18.
            assertThat(calendar.workingDaysBetween(day("2026-09-30"), day("2026-10-31"))).isEqualTo(18);
        }

        @ParameterizedTest
        @CsvSource({ "2024-12-31, 2025-12-31", "2025-12-31, 2026-12-31" })
        void eachYearHas248WorkingDays(LocalDate before, LocalDate lastDay) {
            // 2025 starts on a Wednesday and 2026 on a Thursday: 52 weeks + 1 weekday = 261 weekdays each. Since 2025
            // there are 13 statutory holiday days a year (元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3); every
            // other day off on a weekday is repaid by a make-up weekend day: 261 − 13 = 248.
            // 2026 from the file: 19 weekday days off, 6 make-up days: 261 − 19 + 6 = 248.
            // 2025 from the file: 18 weekday days off, 5 make-up days: 261 − 18 + 5 = 248.
            assertThat(calendar.workingDaysBetween(before, lastDay)).isEqualTo(248);
        }

        @Test
        void spansTwoYears() {
            // Wed 2025-12-31 (1, counted as the last day) ... 2026-01-04 make-up (2).
            assertThat(calendar.workingDaysBetween(day("2025-12-30"), day("2026-01-04"))).isEqualTo(2);
        }
    }

    @Nested
    class MissingYears {

        @Test
        void askingAbout2030IsRefusedNamingTheYear() {
            CalendarYearMissingException e = yearMissing(() -> calendar.isWorkingDay(day("2030-10-01")));

            assertThat(e.year()).isEqualTo(2030);
            assertThat(e.code()).isEqualTo("shared.calendar.year-missing");
            assertThat(e.arguments()).containsExactly("2030");
        }

        @Test
        void aPeriodRunningIntoAYearNotHeldIsRefusedAndNotGuessed() {
            // Mon 2026-12-28: 12-29, 12-30, 12-31 (3), then 2027 which the calendar does not hold.
            assertThat(calendar.addWorkingDays(day("2026-12-28"), 3)).isEqualTo(day("2026-12-31"));
            assertThat(yearMissing(() -> calendar.addWorkingDays(day("2026-12-28"), 4)).year()).isEqualTo(2027);
            // Thu 2025-01-02 back: 2025-01-01 is a holiday, then 2024.
            assertThat(yearMissing(() -> calendar.addWorkingDays(day("2025-01-02"), -1)).year()).isEqualTo(2024);
        }

        @Test
        void countingIntoAYearNotHeldIsRefused() {
            assertThat(yearMissing(() -> calendar.workingDaysBetween(day("2026-12-30"), day("2027-01-05"))).year())
                    .isEqualTo(2027);
            assertThat(yearMissing(() -> calendar.workingDaysBetween(day("2025-01-05"), day("2024-12-30"))).year())
                    .isEqualTo(2024);
        }

        @Test
        void anEmptyCalendarKnowsNoYear() {
            WorkingDayCalendar empty = new WorkingDayCalendar(List.of());

            assertThat(empty.years()).isEmpty();
            assertThat(yearMissing(() -> empty.isWorkingDay(day("2026-10-08"))).year()).isEqualTo(2026);
        }
    }

    @Test
    void aYearGivenTwiceIsRefused() {
        CalendarYear once = new CalendarYear(2026, Set.of(day("2026-10-01")), Set.of(), Map.of());
        CalendarYear twice = new CalendarYear(2026, Set.of(), Set.of(), Map.of());

        InvalidValueException e = rejected(() -> new WorkingDayCalendar(List.of(once, twice)));

        assertThat(e.code()).isEqualTo("shared.calendar.duplicate-year");
        assertThat(e.value()).isEqualTo("2026");
        assertThat(e.arguments()).containsExactly("2026");
    }
}

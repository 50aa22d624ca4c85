package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tongban.shared.Rejections.rejected;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * One year of the State Council arrangement. The days used are the 2026 National Day arrangement: 2026-10-01 (Thu)
 * to 10-07 (Wed) off, Saturday 2026-10-10 worked; 2026-09-20 is a Sunday worked.
 */
class CalendarYearTests {

    private static final LocalDate NATIONAL_DAY = LocalDate.of(2026, 10, 1); // Thursday
    private static final LocalDate HOLIDAY_SATURDAY = LocalDate.of(2026, 10, 3);
    private static final LocalDate MAKE_UP_SATURDAY = LocalDate.of(2026, 10, 10);
    private static final LocalDate MAKE_UP_SUNDAY = LocalDate.of(2026, 9, 20);

    private static CalendarYear nationalDay2026() {
        Set<LocalDate> holidays = new HashSet<>();
        for (int day = 1; day <= 7; day++) {
            holidays.add(LocalDate.of(2026, 10, day));
        }
        return new CalendarYear(2026, holidays, Set.of(MAKE_UP_SUNDAY, MAKE_UP_SATURDAY),
                Map.of(NATIONAL_DAY, "国庆节"));
    }

    @Test
    void holidaysAreRestDaysWhetherWeekdayOrWeekend() {
        CalendarYear year = nationalDay2026();

        assertThat(year.isWorkingDay(NATIONAL_DAY)).isFalse();
        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 7))).isFalse(); // Wednesday
        assertThat(year.isWorkingDay(HOLIDAY_SATURDAY)).isFalse();
    }

    @Test
    void makeUpWeekendDaysAreWorkingDays() {
        CalendarYear year = nationalDay2026();

        assertThat(year.isWorkingDay(MAKE_UP_SATURDAY)).isTrue();
        assertThat(year.isWorkingDay(MAKE_UP_SUNDAY)).isTrue();
    }

    @Test
    void otherDaysFollowTheWeek() {
        CalendarYear year = nationalDay2026();

        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue(); // Thursday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 9))).isTrue(); // Friday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse(); // Sunday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 17))).isFalse(); // Saturday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 18))).isFalse(); // Sunday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 12, 31))).isTrue(); // Thursday
        assertThat(year.isWorkingDay(LocalDate.of(2026, 1, 3))).isFalse(); // Saturday (not listed here)
    }

    @Test
    void aYearWithNothingListedIsTheBareWeek() {
        CalendarYear plain = new CalendarYear(2026, Set.of(), Set.of(), null);

        assertThat(plain.festivals()).isEmpty();
        assertThat(plain.isWorkingDay(NATIONAL_DAY)).isTrue();
        assertThat(plain.isWorkingDay(MAKE_UP_SATURDAY)).isFalse();
    }

    @Test
    void aDayCannotBeBothHolidayAndMakeUpWorkday() {
        InvalidValueException e = rejected(() -> new CalendarYear(2026, Set.of(MAKE_UP_SATURDAY),
                Set.of(MAKE_UP_SATURDAY), Map.of()));

        assertThat(e.code()).isEqualTo("shared.calendar.conflict");
        assertThat(e.value()).isEqualTo("2026-10-10");
        assertThat(e.arguments()).containsExactly(MAKE_UP_SATURDAY);
    }

    @Test
    void aHolidayOfAnotherYearIsRefused() {
        InvalidValueException e = rejected(() -> new CalendarYear(2026,
                Set.of(NATIONAL_DAY, LocalDate.of(2025, 10, 1)), Set.of(), Map.of()));

        assertThat(e.code()).isEqualTo("shared.calendar.outside-year");
        assertThat(e.value()).isEqualTo("2025-10-01");
        assertThat(e.arguments()).containsExactly(LocalDate.of(2025, 10, 1), "2026");
    }

    @Test
    void aMakeUpWorkdayOfAnotherYearIsRefused() {
        // 2027-01-02 is a Saturday, so only the year is wrong.
        InvalidValueException e = rejected(() -> new CalendarYear(2026, Set.of(),
                Set.of(LocalDate.of(2027, 1, 2)), Map.of()));

        assertThat(e.code()).isEqualTo("shared.calendar.outside-year");
        assertThat(e.value()).isEqualTo("2027-01-02");
    }

    @Test
    void aMakeUpWorkdayMustBeASaturdayOrSunday() {
        LocalDate friday = LocalDate.of(2026, 10, 9);
        InvalidValueException e = rejected(() -> new CalendarYear(2026, Set.of(), Set.of(friday), Map.of()));

        assertThat(e.code()).isEqualTo("shared.calendar.workday-not-weekend");
        assertThat(e.value()).isEqualTo("2026-10-09");
        assertThat(e.arguments()).containsExactly(friday);
        assertThat(rejected(() -> new CalendarYear(2026, Set.of(), Set.of(LocalDate.of(2026, 10, 12)), Map.of()))
                .code()).isEqualTo("shared.calendar.workday-not-weekend"); // Monday
    }

    @Test
    void askingAboutADayOfAnotherYearIsRefused() {
        InvalidValueException e = rejected(() -> nationalDay2026().isWorkingDay(LocalDate.of(2027, 1, 4)));

        assertThat(e.code()).isEqualTo("shared.calendar.outside-year");
        assertThat(e.value()).isEqualTo("2027-01-04");
        assertThat(e.arguments()).containsExactly(LocalDate.of(2027, 1, 4), "2026");
    }

    @Test
    void theYearKeepsItsOwnCopiesOfWhatItWasGiven() {
        Set<LocalDate> holidays = new HashSet<>(Set.of(NATIONAL_DAY));
        Set<LocalDate> workdays = new HashSet<>(Set.of(MAKE_UP_SATURDAY));
        Map<LocalDate, String> festivals = new HashMap<>(Map.of(NATIONAL_DAY, "国庆节"));
        CalendarYear year = new CalendarYear(2026, holidays, workdays, festivals);

        holidays.add(LocalDate.of(2026, 10, 8));
        workdays.clear();
        festivals.clear();

        assertThat(year.isWorkingDay(LocalDate.of(2026, 10, 8))).isTrue();
        assertThat(year.isWorkingDay(MAKE_UP_SATURDAY)).isTrue();
        assertThat(year.festivals()).containsExactly(Map.entry(NATIONAL_DAY, "国庆节"));
        assertThatThrownBy(() -> year.holidays().add(LocalDate.of(2026, 10, 8)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> year.makeUpWorkdays().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}

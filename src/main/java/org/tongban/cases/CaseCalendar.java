package org.tongban.cases;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SortedSet;

import org.tongban.shared.WorkingDayCalendar;

/**
 * The working-day calendar as the case clocks use it (行政许可法 Art. 82). Deadlines of running cases routinely reach
 * into a year whose holiday arrangement the State Council has not published yet (it does so late in the year). A
 * case cannot wait for that, so days of such a year count Monday to Friday as working days, and the date is marked
 * provisional; every day of a published year follows the official calendar.
 */
final class CaseCalendar {

    private final WorkingDayCalendar calendar;
    private final SortedSet<Integer> years;

    CaseCalendar(WorkingDayCalendar calendar) {
        this.calendar = calendar;
        this.years = calendar.years();
    }

    boolean isWorkingDay(LocalDate day) {
        if (years.contains(day.getYear())) {
            return calendar.isWorkingDay(day);
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Whether a date was counted without the official calendar of its year. */
    boolean provisional(LocalDate day) {
        return !years.contains(day.getYear());
    }

    /** The day a period of {@code days} working days after {@code start} ends (the start day not counted). */
    LocalDate addWorkingDays(LocalDate start, int days) {
        int step = days < 0 ? -1 : 1;
        int remaining = Math.abs(days);
        LocalDate day = start;
        while (remaining > 0) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                remaining--;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}

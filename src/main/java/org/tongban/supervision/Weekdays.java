package org.tongban.supervision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

import org.tongban.shared.WorkingDayCalendar;

/**
 * Working days as supervision counts them (行政许可法 Art. 82): the official calendar where the State Council has
 * published the year, Monday to Friday in a year not published yet (as the case clocks do), so neither a deadline nor
 * a check stops at a year's end.
 */
final class Weekdays {

    private Weekdays() {
    }

    static boolean working(WorkingDayCalendar calendar, Set<Integer> years, LocalDate day) {
        return years.contains(day.getYear()) ? calendar.isWorkingDay(day)
                : day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Working days after {@code from} up to and including {@code to}. */
    static int between(WorkingDayCalendar calendar, LocalDate from, LocalDate to) {
        Set<Integer> years = calendar.years();
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (working(calendar, years, day)) {
                count++;
            }
        }
        return count;
    }

    /** The day a period of {@code days} working days after {@code start} ends (the start day not counted). */
    static LocalDate add(WorkingDayCalendar calendar, LocalDate start, int days) {
        Set<Integer> years = calendar.years();
        LocalDate day = start;
        for (int left = days; left > 0; ) {
            day = day.plusDays(1);
            if (working(calendar, years, day)) {
                left--;
            }
        }
        return day;
    }
}

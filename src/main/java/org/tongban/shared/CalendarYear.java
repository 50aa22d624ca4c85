package org.tongban.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One year of the State Council holiday arrangement: the statutory holidays (including the weekdays given as rest
 * days), the weekend days turned into working days (调休), and the festival each day belongs to. Every other Saturday
 * and Sunday is a rest day and every other weekday a working day.
 */
public record CalendarYear(int year, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays,
        Map<LocalDate, String> festivals) {

    /**
     * @throws InvalidValueException {@code shared.calendar.outside-year} for a day of another year,
     *         {@code shared.calendar.conflict} for a day that is both, {@code shared.calendar.workday-not-weekend} for
     *         a make-up working day that is not a Saturday or Sunday
     */
    public CalendarYear {
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        festivals = Map.copyOf(festivals == null ? Map.of() : new HashMap<>(festivals));
        for (LocalDate day : holidays) {
            requireInYear(year, day);
            if (makeUpWorkdays.contains(day)) {
                throw new InvalidValueException("shared.calendar.conflict", day.toString(), day);
            }
        }
        for (LocalDate day : makeUpWorkdays) {
            requireInYear(year, day);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new InvalidValueException("shared.calendar.workday-not-weekend", day.toString(), day);
            }
        }
    }

    private static void requireInYear(int year, LocalDate day) {
        if (day.getYear() != year) {
            throw new InvalidValueException("shared.calendar.outside-year", day.toString(), day,
                    String.valueOf(year));
        }
    }

    /** Whether the day, which must lie in this year, is a working day. */
    public boolean isWorkingDay(LocalDate day) {
        requireInYear(year, day);
        if (holidays.contains(day)) {
            return false;
        }
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}

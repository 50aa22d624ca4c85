package org.tongban.shared;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts working days over the years it holds (行政许可法 Art. 82: periods exclude statutory holidays). Asking about
 * a day in any other year throws {@link CalendarYearMissingException}: a legal deadline is never guessed.
 */
public final class WorkingDayCalendar {

    private final Map<Integer, CalendarYear> years;

    public WorkingDayCalendar(Collection<CalendarYear> years) {
        Map<Integer, CalendarYear> byYear = new TreeMap<>();
        for (CalendarYear year : years) {
            if (byYear.put(year.year(), year) != null) {
                throw new InvalidValueException("shared.calendar.duplicate-year", String.valueOf(year.year()),
                        String.valueOf(year.year()));
            }
        }
        this.years = Map.copyOf(byYear);
    }

    /** The years this calendar can answer for. */
    public SortedSet<Integer> years() {
        return new TreeSet<>(years.keySet());
    }

    public boolean isWorkingDay(LocalDate day) {
        CalendarYear year = years.get(day.getYear());
        if (year == null) {
            throw new CalendarYearMissingException(day.getYear());
        }
        return year.isWorkingDay(day);
    }

    /**
     * The day on which a period of {@code days} working days that starts after {@code start} ends: the start day
     * itself is not counted (the period begins the next day). Zero answers {@code start}; a negative count goes back.
     */
    public LocalDate addWorkingDays(LocalDate start, int days) {
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

    /**
     * The working days after {@code from} up to and including {@code to}; negative when {@code to} lies before
     * {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
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

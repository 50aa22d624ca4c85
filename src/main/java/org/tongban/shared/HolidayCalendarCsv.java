package org.tongban.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the holiday calendar file administrators publish each year: a header {@code date,kind,festival}, then one
 * line per day, kind {@code holiday} or {@code workday} (a weekend day worked in exchange). Lines starting with
 * {@code #} and blank lines are ignored. A year is listed only if the file has at least one day of it.
 */
public final class HolidayCalendarCsv {

    private static final String HEADER = "date,kind,festival";

    private HolidayCalendarCsv() {
    }

    /**
     * @throws InvalidValueException {@code shared.calendar.csv-header} or {@code shared.calendar.csv-line} (with the
     *         line number) for anything it cannot read, or the rules of {@link CalendarYear}
     */
    public static List<CalendarYear> parse(Reader input) {
        Map<Integer, Set<LocalDate>> holidays = new TreeMap<>();
        Map<Integer, Set<LocalDate>> workdays = new HashMap<>();
        Map<LocalDate, String> festivals = new HashMap<>();
        Set<LocalDate> seen = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(input)) {
            String header = reader.readLine();
            if (header != null && header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            if (header == null || !header.strip().equals(HEADER)) {
                throw new InvalidValueException("shared.calendar.csv-header", header, HEADER);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length < 2 || fields.length > 3) {
                    throw new InvalidValueException("shared.calendar.csv-line", line, String.valueOf(number));
                }
                LocalDate day;
                try {
                    day = LocalDate.parse(fields[0].strip());
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("shared.calendar.csv-line", line, String.valueOf(number));
                }
                if (!seen.add(day)) {
                    throw new InvalidValueException("shared.calendar.csv-line", line, String.valueOf(number));
                }
                String kind = fields[1].strip();
                Map<Integer, Set<LocalDate>> target = switch (kind) {
                    case "holiday" -> holidays;
                    case "workday" -> workdays;
                    default ->
                        throw new InvalidValueException("shared.calendar.csv-line", line, String.valueOf(number));
                };
                target.computeIfAbsent(day.getYear(), y -> new HashSet<>()).add(day);
                holidays.computeIfAbsent(day.getYear(), y -> new HashSet<>());
                if (fields.length == 3 && !fields[2].isBlank()) {
                    festivals.put(day, fields[2].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CalendarYear> years = new ArrayList<>();
        holidays.forEach((year, days) -> {
            Map<LocalDate, String> ofYear = new HashMap<>();
            festivals.forEach((d, f) -> {
                if (d.getYear() == year) {
                    ofYear.put(d, f);
                }
            });
            years.add(new CalendarYear(year, days, workdays.getOrDefault(year, Set.of()), ofYear));
        });
        return years;
    }
}

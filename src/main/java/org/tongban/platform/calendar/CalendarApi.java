package org.tongban.platform.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.CalendarYear;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.WorkingDayCalendar;

@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Working-day calendar", description = "Statutory holidays and make-up working days (行政许可法 Art. 82)")
class CalendarApi {

    /** Counting more than ten years of working days is not a legal period; it is a mistake. */
    private static final int MAX_DAYS = 2_500;

    private final WorkingDays workingDays;

    CalendarApi(WorkingDays workingDays) {
        this.workingDays = workingDays;
    }

    record Day(LocalDate date, String festival) {
    }

    record Year(int year, List<Day> holidays, List<Day> makeUpWorkdays) {
    }

    record Period(LocalDate from, int workingDays, LocalDate date) {
    }

    record Between(LocalDate from, LocalDate to, int workingDays) {
    }

    @GetMapping("/{year}")
    @Operation(summary = "The statutory holidays and make-up working days of a year")
    Year year(@PathVariable int year) {
        CalendarYear data = workingDays.year(year)
                .orElseThrow(() -> new NotFoundException("platform.calendar.year-not-found", String.valueOf(year)));
        return new Year(year, days(data.holidays(), data.festivals()), days(data.makeUpWorkdays(), data.festivals()));
    }

    @GetMapping("/working-days")
    @Operation(summary = "The date that is the given number of working days after a date (the date itself not counted)")
    Period add(@RequestParam String from, @RequestParam int days) {
        LocalDate start = date("from", from);
        if (Math.abs(days) > MAX_DAYS) {
            throw new InvalidFieldException("days",
                    new InvalidValueException("platform.calendar.days-range", String.valueOf(days), MAX_DAYS));
        }
        WorkingDayCalendar calendar = workingDays.calendar();
        return new Period(start, days, calendar.addWorkingDays(start, days));
    }

    @GetMapping("/working-days/between")
    @Operation(summary = "How many working days lie after one date up to and including another")
    Between between(@RequestParam String from, @RequestParam String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        return new Between(start, end, workingDays.calendar().workingDaysBetween(start, end));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field,
                    new InvalidValueException("platform.calendar.date-format", value, value));
        }
    }

    private static List<Day> days(java.util.Set<LocalDate> dates, Map<LocalDate, String> festivals) {
        return dates.stream().sorted().map(d -> new Day(d, festivals.get(d))).toList();
    }
}

package org.tongban.platform.calendar;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.shared.CalendarYear;
import org.tongban.shared.HolidayCalendarCsv;
import org.tongban.shared.WorkingDayCalendar;

/**
 * The statutory working-day calendar (行政许可法 Art. 82: periods are counted in working days, excluding statutory
 * holidays) as the platform holds it: one row per holiday or make-up working day in PostgreSQL, imported from the
 * bundled State Council calendar and from the files administrators publish for later years. Every node reads the
 * same data; a year with no data is an explicit error, never a guess.
 */
@Service
@Order(-10)
@EnableConfigurationProperties(CalendarProperties.class)
public class WorkingDays implements ApplicationRunner {

    static final String BUNDLED = "classpath:calendar/cn-holidays-2025-2026.csv";
    private static final Logger log = LoggerFactory.getLogger(WorkingDays.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ResourceLoader resources;
    private final CalendarProperties properties;
    private final Clock clock;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(WorkingDayCalendar calendar, String fingerprint, Instant checkedAt) {
    }

    WorkingDays(JdbcTemplate jdbc, TransactionTemplate transactions, ResourceLoader resources,
            CalendarProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.resources = resources;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> locations = new ArrayList<>();
        locations.add(BUNDLED);
        locations.addAll(properties.importFiles());
        for (String location : locations) {
            importYears(location);
        }
    }

    /** Imports every year in the CSV at {@code location} that the database does not hold yet. */
    public List<Integer> importYears(String location) {
        Resource resource = resources.getResource(location);
        List<CalendarYear> years;
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            years = HolidayCalendarCsv.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read holiday calendar " + location, e);
        }
        List<Integer> imported = new ArrayList<>();
        for (CalendarYear year : years) {
            Boolean added = transactions.execute(status -> {
                int inserted = jdbc.update("insert into platform_calendar_year (year, source) values (?, ?) "
                        + "on conflict (year) do nothing", year.year(), location);
                if (inserted == 0) {
                    return false;
                }
                List<Object[]> rows = new ArrayList<>();
                year.holidays().forEach(d -> rows.add(new Object[] { Date.valueOf(d), year.year(), "HOLIDAY",
                        year.festivals().get(d) }));
                year.makeUpWorkdays().forEach(d -> rows.add(new Object[] { Date.valueOf(d), year.year(), "WORKDAY",
                        year.festivals().get(d) }));
                jdbc.batchUpdate("insert into platform_calendar_day (day, year, kind, festival) values (?, ?, ?, ?)",
                        rows);
                return true;
            });
            if (Boolean.TRUE.equals(added)) {
                imported.add(year.year());
                log.info("Imported working-day calendar {} from {}", year.year(), location);
            }
        }
        if (!imported.isEmpty()) {
            loaded.set(null);
        }
        return imported;
    }

    /** The calendar of every year the database holds, refreshed when another node imported a year. */
    public WorkingDayCalendar calendar() {
        Loaded current = loaded.get();
        Instant now = clock.instant();
        if (current != null && current.checkedAt().plus(properties.refreshInterval()).isAfter(now)) {
            return current.calendar();
        }
        String fingerprint = jdbc.queryForObject(
                "select count(*) || ':' || coalesce(max(imported_at)::text, '') from platform_calendar_year",
                String.class);
        if (current != null && current.fingerprint().equals(fingerprint)) {
            loaded.set(new Loaded(current.calendar(), fingerprint, now));
            return current.calendar();
        }
        WorkingDayCalendar calendar = new WorkingDayCalendar(readYears().values());
        loaded.set(new Loaded(calendar, fingerprint, now));
        return calendar;
    }

    /** One year as stored, if the database holds it. */
    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(readYears().get(year));
    }

    private Map<Integer, CalendarYear> readYears() {
        Map<Integer, Set<LocalDate>> holidays = new TreeMap<>();
        Map<Integer, Set<LocalDate>> workdays = new HashMap<>();
        Map<LocalDate, String> festivals = new HashMap<>();
        jdbc.query("select year from platform_calendar_year", rs -> {
            holidays.put(rs.getInt(1), new HashSet<>());
            workdays.put(rs.getInt(1), new HashSet<>());
        });
        jdbc.query("select day, year, kind, festival from platform_calendar_day", rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            ("HOLIDAY".equals(rs.getString(3)) ? holidays : workdays).get(rs.getInt(2)).add(day);
            if (rs.getString(4) != null) {
                festivals.put(day, rs.getString(4));
            }
        });
        Map<Integer, CalendarYear> years = new TreeMap<>();
        holidays.forEach((year, days) -> years.put(year, new CalendarYear(year, days, workdays.get(year),
                filter(festivals, year))));
        return years;
    }

    private static Map<LocalDate, String> filter(Map<LocalDate, String> festivals, int year) {
        Map<LocalDate, String> result = new HashMap<>();
        festivals.forEach((d, f) -> {
            if (d.getYear() == year) {
                result.put(d, f);
            }
        });
        return result;
    }
}

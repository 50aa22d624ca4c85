package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tongban.shared.WorkingDayCalendar;

class WeekdaysTests {

    /** No year published: Monday to Friday count, so a deadline or a check never fails at a year's end. */
    private final WorkingDayCalendar unpublished = new WorkingDayCalendar(List.of());

    @Test
    void aYearWithoutAPublishedCalendarCountsMondayToFriday() {
        assertThat(Weekdays.add(unpublished, LocalDate.parse("2027-12-31"), 1)).hasToString("2028-01-03");
        assertThat(Weekdays.add(unpublished, LocalDate.parse("2027-12-29"), 10)).hasToString("2028-01-12");
        assertThat(Weekdays.between(unpublished, LocalDate.parse("2027-12-31"), LocalDate.parse("2028-01-03")))
                .isEqualTo(1);
        assertThat(Weekdays.between(unpublished, LocalDate.parse("2027-12-27"), LocalDate.parse("2027-12-27")))
                .isZero();
    }
}

package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalendarYearMissingExceptionTests {

    @Test
    void namesTheMissingYearWithAStableCode() {
        CalendarYearMissingException e = new CalendarYearMissingException(2030);

        assertThat(e.year()).isEqualTo(2030);
        assertThat(e.code()).isEqualTo("shared.calendar.year-missing").isEqualTo(CalendarYearMissingException.CODE);
        assertThat(e).hasMessage("shared.calendar.year-missing [2030]").isInstanceOf(RuntimeException.class);
    }

    @Test
    void theYearIsATextArgumentSoThatMessagesDoNotGroupItsDigits() {
        CalendarYearMissingException e = new CalendarYearMissingException(2030);

        assertThat(e.arguments()).containsExactly("2030");
        e.arguments()[0] = "1999";
        assertThat(e.arguments()).containsExactly("2030");
    }
}

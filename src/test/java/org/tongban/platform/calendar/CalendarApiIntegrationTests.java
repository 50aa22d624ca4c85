package org.tongban.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.CalendarYearMissingException;

@TongbanIntegrationTest
class CalendarApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    WorkingDays workingDays;

    @Test
    void theBundledYearsAreImported() throws Exception {
        mvc.perform(get("/api/v1/calendar/2026"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays[0].date").value("2026-01-01"))
                .andExpect(jsonPath("$.holidays[0].festival").value("元旦"))
                .andExpect(jsonPath("$.makeUpWorkdays[?(@.date == '2026-10-10')].festival").value("国庆节"));
    }

    @Test
    void aYearNotPublishedIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/calendar/2031"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("platform.calendar.year-not-found"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2031 年")));
    }

    @Test
    void countsWorkingDaysAcrossTheNationalDayHoliday() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-09-30").param("days", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2026-10-13"));
        mvc.perform(get("/api/v1/calendar/working-days/between").param("from", "2026-09-30").param("to", "2026-10-13"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.workingDays").value(5));
    }

    @Test
    void aPeriodReachingAnUnpublishedYearIsRefusedNotGuessed() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-12-20").param("days", "20"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value(CalendarYearMissingException.CODE));
    }

    @Test
    void badInputNamesTheField() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-13-01").param("days", "5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-01-05").param("days", "99999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("days"));
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-01-05").param("days", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("days"));
    }

    @Test
    void anAdministratorsFileAddsALaterYearOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("2032.csv");
        Files.writeString(file, "date,kind,festival\n2032-01-01,holiday,元旦\n2032-01-03,workday,元旦\n");
        assertThatThrownBy(() -> workingDays.calendar().isWorkingDay(LocalDate.of(2032, 1, 2)))
                .isInstanceOf(CalendarYearMissingException.class);
        assertThat(workingDays.importYears("file:" + file)).containsExactly(2032);
        assertThat(workingDays.importYears("file:" + file)).isEmpty();
        assertThat(workingDays.calendar().isWorkingDay(LocalDate.of(2032, 1, 1))).isFalse();
        assertThat(workingDays.calendar().isWorkingDay(LocalDate.of(2032, 1, 3))).isTrue();
    }
}

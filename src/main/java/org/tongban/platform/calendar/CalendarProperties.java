package org.tongban.platform.calendar;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param importFiles further holiday calendars (same CSV format as the bundled one: {@code date,kind,festival})
 *        that administrators publish for later years, as Spring resource locations ({@code file:/etc/tongban/cn-2027.csv});
 *        years already in the database are left as they are
 * @param refreshInterval how often a node checks the database for years another node imported
 */
@ConfigurationProperties("tongban.calendar")
public record CalendarProperties(@DefaultValue List<String> importFiles,
        @DefaultValue("60s") java.time.Duration refreshInterval) {
}

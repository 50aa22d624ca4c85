package org.tongban;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates as the platform counts them (Asia/Shanghai), for tests: {@code org.tongban.ChinaTime.today()} would give the test JVM's
 * date, which on a UTC machine is a day behind from 16:00 UTC on, so deadlines and "not before" checks computed from
 * it fail every evening.
 */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}

package org.tongban.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;

@TongbanIntegrationTest
class DemoDataIntegrationTests {

    @Autowired
    DemoData demoData;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOrganizationDemoWasLoadedExactlyOnce() {
        assertThat(jdbc.queryForObject("select count(*) from platform_demo_data_set where name = ?", Integer.class,
                "organization.liaoning")).isEqualTo(1);
        AtomicInteger calls = new AtomicInteger();
        assertThat(demoData.loadOnce("organization.liaoning", () -> "again " + calls.incrementAndGet())).isFalse();
        assertThat(calls).hasValue(0);
        assertThat(jdbc.queryForObject("select count(*) from org_division where code like '21%'", Integer.class))
                .isEqualTo(1 + 14 + 100 + 1406 + 3);
    }

    @Test
    void aLoaderThatFailsHalfWayLeavesNothingBehind() {
        assertThatThrownBy(() -> demoData.loadOnce("test.failing", () -> {
            jdbc.update("insert into platform_calendar_year (year, source) values (2090, 'half-way')");
            throw new IllegalStateException("disk full");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from platform_calendar_year where year = 2090", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from platform_demo_data_set where name = 'test.failing'",
                Integer.class)).isZero();
        assertThat(demoData.loadOnce("test.failing", () -> "now it works")).isTrue();
    }
}

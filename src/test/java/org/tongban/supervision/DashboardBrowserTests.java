package org.tongban.supervision;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;

/**
 * The supervision dashboard on a phone in Chromium, as the demo province supervisor: the figures as tables, the charts
 * drawn from the JSON API with ECharts, and a drill-down from the province to a city. Cases are counted here as the
 * listeners count their events, in May 2026, which no other test uses.
 */
@TongbanIntegrationTest
class DashboardBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DashboardCounts counts;
    BrowserContext context;
    Page page;

    @BeforeEach
    void openPhone() {
        context = browser.newContext(phoneOptions());
        page = context.newPage();
    }

    @AfterEach
    void closePhone() {
        context.close();
    }

    @Test
    void theProvinceSupervisorSeesTheFiguresAsChartsAndTablesAndDrillsDownToACity() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = '011070001000' and division_code = '210112' and status = 'PUBLISHED'");
        String itemCode = (String) item.get("code");
        UUID body = (UUID) item.get("body_id");
        for (int i = 0; i < 4; i++) {
            long[] received = new long[15];
            received[DashboardCounts.RECEIVED] = 1;
            received[DashboardCounts.RECEIVED_ONLINE] = i % 2;
            counts.count("RECEIVED", UUID.randomUUID(), LocalDate.parse("2026-05-12"), body, itemCode, received);
        }
        counts.count("DECIDED", UUID.randomUUID(), LocalDate.parse("2026-05-20"), body, itemCode,
                DashboardCounts.decided(LocalDate.parse("2026-05-12"), LocalDate.parse("2026-05-20"),
                        LocalDate.parse("2026-06-09")));

        signIn(page, base(), "13800000005", "Tongban#Demo2026");

        page.navigate(base() + "/workbench/supervision");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("监察看板（图表）")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("监察看板"))).isVisible();
        page.getByLabel("起始日期").fill("2026-05-01");
        page.getByLabel("截止日期").fill("2026-05-31");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看")).click();

        assertThat(page.locator("#dashboard-charts")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#dashboard-charts [data-chart=stages] canvas")).hasCount(1);
        assertThat(page.locator("#dashboard-rows")).containsText("沈阳市");
        int received = Integer.parseInt(page.locator("#total-received").textContent().strip());
        assertThat(received).isGreaterThanOrEqualTo(4);
        // Usable on a phone: nothing wider than the screen.
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();

        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/dashboard-phone.png"))
                .setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("沈阳市").setExact(true)).click();
        assertThat(page.locator("nav.crumbs [aria-current=page]")).hasText("沈阳市");
        assertThat(page.locator("#dashboard-rows")).containsText("浑南区");
        assertThat(page.locator("#dashboard-charts")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#from")).hasValue("2026-05-01");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

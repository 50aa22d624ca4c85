package org.tongban.supervision;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
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
 * The performance assessment and the reform task progress table on a phone in Chromium, as the demo province
 * supervisor (13800000005): from the workbench to the division's month, a body's monthly report with its trend drawn
 * by ECharts from the JSON API, and a task's progress saved through its form — nothing wider than the screen.
 */
@TongbanIntegrationTest
class AssessmentBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Assessment assessment;
    Page page;

    @BeforeEach
    void openPhone() {
        page = phone();
    }

    @AfterEach
    void closePhone() {
        page.context().close();
    }

    @Test
    void theProvinceSupervisorOpensTheMonthlyReportAndKeepsTheTaskTableOnAPhone() {
        UUID market = jdbc.queryForObject("select body_id from catalog_implementation_item "
                + "where basic_code = '011070001000' and division_code = '210112' and status = 'PUBLISHED'", UUID.class);
        String marketName = jdbc.queryForObject("select name from org_body where id = ?", String.class, market);

        signIn(page, base(), "13800000005", "Tongban#Demo2026");

        page.navigate(base() + "/workbench");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("绩效考核").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("绩效考核").setExact(true)))
                .isVisible();
        page.getByLabel("月份").fill("2026-04");
        page.getByLabel("区划代码").fill("210112");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看")).click();
        assertThat(page.locator("nav.crumbs [aria-current=page]")).hasText("浑南区");
        assertThat(page.locator("#assessment-trend")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#assessment-definitions")).containsText("平均跑动次数");
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();

        // The body's monthly report: indicators with numerators and denominators, the trend chart, the PDF link.
        page.navigate(base() + "/workbench/supervision/assessment/bodies/" + market + "?month=2026-04");
        assertThat(page.locator("#report-body")).hasText(marketName);
        Locator rows = page.locator("#report-indicators tbody tr");
        assertThat(rows).hasCount(Assessment.INDICATORS.size());
        assertThat(page.locator("#report-indicators tr[data-indicator=on-time] .denominator")).isVisible();
        assertThat(page.locator("#assessment-trend")).hasAttribute("data-drawn", "true");
        assertThat(page.locator("#assessment-trend [data-chart=trend] canvas")).hasCount(1);
        assertThat(page.locator("#report-pdf")).hasAttribute("href", Pattern.compile(".*/report\\.pdf\\?month=2026-04"));
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/assessment-phone.png"))
                .setFullPage(true));

        // The task table: a task's status and note saved through its form.
        page.navigate(base() + "/workbench/supervision/tasks");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("工作任务进度表")))
                .isVisible();
        Locator task = page.locator("article.task").filter(new Locator.FilterOptions()
                .setHasText("依托省网上审批平台，推进实体政务服务大厅与网上服务融合"));
        assertThat(task.locator("table.milestones tbody tr")).hasCount(4);
        task.getByLabel("状态").selectOption("ON_TRACK");
        task.getByLabel("进展情况").fill("省政务服务中心审批系统已与两个部门完成数据交换");
        task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("保存进展")).click();
        Locator saved = page.locator("article.task").filter(new Locator.FilterOptions()
                .setHasText("依托省网上审批平台，推进实体政务服务大厅与网上服务融合"));
        assertThat(saved.locator("[role=status]")).hasText("进展已保存。");
        assertThat(saved.locator(".task-note")).hasText("省政务服务中心审批系统已与两个部门完成数据交换");
        assertThat(saved.locator("[data-status]")).hasText("按计划推进");
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/tasks-phone.png")).setFullPage(true));
    }

    @Test
    void theProvinceSupervisorFreezesAClosedMonthAgainWithAReasonUsingTheKeyboard() {
        // March 2024: a month no other test uses; its figures frozen, then corrected late.
        UUID market = jdbc.queryForObject("select body_id from catalog_implementation_item "
                + "where basic_code = '011070001000' and division_code = '210112' and status = 'PUBLISHED'", UUID.class);
        String item = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070001000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        java.sql.Date march = java.sql.Date.valueOf("2024-03-01");
        jdbc.update("delete from supervision_assessment_frozen where month = ?", march);
        jdbc.update("delete from supervision_assessment_month where month = ?", march);
        jdbc.update("""
                insert into supervision_dashboard_month (month, division_code, body_id, item_code, received,
                    received_online) values (?, '210112', ?, ?, 4, 4)
                on conflict (month, division_code, body_id, item_code) do update set received = 4,
                    received_online = 4""", march, market, item);
        assessment.freezeClosed(java.time.LocalDate.of(2024, 4, 10));
        assertThat(jdbc.queryForObject("select count(*) from supervision_assessment_frozen where month = ?",
                Integer.class, march)).isEqualTo(1);
        jdbc.update("update supervision_dashboard_month set received = 5, received_online = 4 where month = ? "
                + "and body_id = ? and item_code = ?", march, market, item);

        signIn(page, base(), "13800000005", DEMO_PASSWORD);
        page.navigate(base() + "/workbench/supervision/assessment");
        // The month and division typed, the form sent with Enter (a month input's Tab moves between its own parts).
        page.getByLabel("月份").fill("2024-03");
        page.getByLabel("区划代码").focus();
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("210112");
        page.keyboard().press("Enter");
        assertThat(page.locator("nav.crumbs [aria-current=page]")).hasText("浑南区");
        Locator refreeze = page.locator("#refreeze");
        assertThat(refreeze).isVisible();

        // A blank reason (spaces pass the browser's check): the server says so next to the field, keeping the text.
        Locator reason = page.getByLabel("更正原因");
        reason.focus();
        page.keyboard().type("   ");
        page.keyboard().press("Tab");
        assertThat(refreeze.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("重新计算并冻结")))
                .isFocused();
        page.keyboard().press("Enter");
        assertThat(page.locator("#refreeze-error")).hasText("请填写重新冻结的原因。");
        assertThat(page.getByLabel("更正原因")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("更正原因")).hasAttribute("aria-describedby", "refreeze-error");

        page.getByLabel("更正原因").fill("补录三月漏报的现场办件");
        page.getByLabel("更正原因").press("Tab");
        page.keyboard().press("Enter");
        assertThat(page.locator("#refrozen")).containsText("2024-03");
        assertThat(page.locator("#refreeze-error")).hasCount(0);
        assertThat(page.locator("#last-refreeze")).containsText("补录三月漏报的现场办件");
        assertThat(page.locator("#last-refreeze")).containsText("省监察人员（演示）");
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();
        // Recounted: the body's online figure of March is now 4 of 5.
        assertThat(jdbc.queryForObject("select count(*) from supervision_assessment_refreeze where month = ? "
                + "and reason = '补录三月漏报的现场办件'", Integer.class, march)).isEqualTo(1);
        page.navigate(base() + "/workbench/supervision/assessment/bodies/" + market + "?month=2024-03");
        assertThat(page.locator("#report-indicators tr[data-indicator=online] .numerator")).hasText("4");
        assertThat(page.locator("#report-indicators tr[data-indicator=online] .denominator")).hasText("5");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

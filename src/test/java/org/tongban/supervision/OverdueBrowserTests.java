package org.tongban.supervision;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.DeadlineWatch;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The overdue page (超期督办) in Chromium: a 开餐馆 case of 浑南 whose market regulation branch an officer claimed goes
 * overdue and is escalated; the demo approver (13800000004, head of the body) finds it on a phone from the workbench
 * with the officer's lights and marks the notices read with the keyboard; the demo province supervisor (13800000005)
 * drills the lights by division, 辽宁省 → 沈阳市 → 浑南区, and sees the body's lights per officer.
 */
@TongbanIntegrationTest
class OverdueBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    DeadlineWatch deadlines;
    @Autowired
    Escalations escalations;

    @Test
    void theBodysHeadSeesTheOverdueCaseOnAPhoneAndTheProvinceSupervisorDrillsDownToTheCounty() throws Exception {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = '011070001000' and division_code = '210112' and status = 'PUBLISHED'");
        UUID market = (UUID) item.get("body_id");
        SignedIn window = officer("超期页窗口", market, StaffRole.WINDOW_OFFICER);
        SignedIn reviewer = officer("超期页审查员", market, StaffRole.REVIEWER);
        UUID id = CaseFixtures.submitted(jdbc, (String) item.get("code"), UUID.randomUUID(), "超期页申请人");
        acceptance.withClock(at("2026-04-06T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        TaskView task = only(processing.withClock(at("2026-04-07T10:00")).todo(reviewer), id);
        processing.claim(reviewer, task.id());
        deadlines.withClock(at("2026-04-30T09:00")).run();
        awaitRed(task.id());
        escalations.run();
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);

        // The head, on a phone: from the workbench to the overdue page.
        Page phone = phone();
        signIn(phone, base(), "13800000004", DEMO_PASSWORD);
        phone.navigate(base() + "/workbench");
        phone.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("超期督办").setExact(true)).click();
        phone.waitForURL(Pattern.compile(".*/workbench/overdue"));
        assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("超期督办").setExact(true)))
                .isVisible();
        Locator row = phone.locator("#own-overdue tbody tr").filter(new Locator.FilterOptions().setHasText(caseNumber));
        assertThat(row).hasCount(1);
        assertThat(row).containsText("超期页审查员");
        assertThat(row.locator(".badge.light-red")).hasText(Pattern.compile("\\d+"));
        Locator officerLights = phone.locator("#own-officers tbody tr")
                .filter(new Locator.FilterOptions().setHasText("超期页审查员"));
        assertThat(officerLights.locator("td").nth(1)).hasText("1");
        assertThat(phone.locator("#notices li").first()).containsText("新增超期办件");
        assertThat(phone.locator("#notices .badge").first()).hasText("未读");
        // No sideways scrolling of the page (wide tables scroll inside their own box).
        assertThat((Boolean) phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
                .isTrue();
        phone.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/overdue-phone.png"))
                .setFullPage(true));

        // Keyboard: tab to the mark-read button and press Enter.
        Locator markRead = phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("全部标为已读"));
        phone.locator("#notices-heading").click();
        for (int i = 0; i < 60 && !(Boolean) markRead.evaluate("b => b === document.activeElement"); i++) {
            phone.keyboard().press("Tab");
        }
        assertThat(markRead).isFocused();
        phone.keyboard().press("Enter");
        assertThat(phone.locator("main [role=status]")).containsText("条通知标为已读");
        assertThat(phone.locator("#notices .badge")).hasCount(0);
        phone.context().close();

        // The province supervisor drills down by division, clicking through the lights table.
        Page desk = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")).newPage();
        signIn(desk, base(), "13800000005", DEMO_PASSWORD);
        desk.navigate(base() + "/workbench/overdue");
        Locator shenyang = desk.locator("#division-lights tbody tr")
                .filter(new Locator.FilterOptions().setHasText("沈阳市"));
        assertThat(shenyang.locator("td").nth(1)).hasText(Pattern.compile("[1-9]\\d*"));
        shenyang.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("沈阳市")).click();
        desk.waitForURL(Pattern.compile(".*/workbench/overdue\\?division=210100"));
        Locator hunnan = desk.locator("#division-lights tbody tr")
                .filter(new Locator.FilterOptions().setHasText("浑南区"));
        assertThat(hunnan.locator("code")).hasText("210112");
        assertThat(hunnan.locator("td").nth(1)).hasText(Pattern.compile("[1-9]\\d*"));
        assertThat(desk.locator("#division-lights tbody tr").filter(new Locator.FilterOptions()
                .setHasText("大连"))).hasCount(0);
        hunnan.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("浑南区")).click();
        desk.waitForURL(Pattern.compile(".*/workbench/overdue\\?division=210112"));
        assertThat(desk.locator("#division-lights tbody tr").first()).isVisible();
        // Back to the whole province in one step.
        assertThat(desk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("返回本辖区"))).isVisible();
        // The body's lights per officer.
        desk.navigate(base() + "/workbench/overdue?division=210112&body=" + market);
        assertThat(desk.locator("#body-officers tbody tr").filter(new Locator.FilterOptions()
                .setHasText("超期页审查员")).locator("td").nth(1)).hasText("1");
        desk.context().close();
    }

    private void awaitRed(UUID task) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<UUID> found = jdbc.queryForList("select id from supervision_warning where kind = 'RED' "
                    + "and source_id = ?", UUID.class, task);
            if (!found.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime()).as("a red light for task %s within 15 s", task).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

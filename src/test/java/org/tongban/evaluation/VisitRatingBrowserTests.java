package org.tongban.evaluation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.PersonalData;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The hall-visit rating in Chromium: the demo window officer binds a tablet as the kiosk of a 浑南 window (the tablet
 * is signed out and shows the waiting screen), records a visit for the demo resident at another browser, the kiosk
 * shows 张*, the visitor rates with the keyboard and by touch, gets thanks, and the kiosk is ready for the next person;
 * then the officer ends a second visit and the slip's link opens the rating page on a phone, which fits the screen and
 * has large targets.
 */
@TongbanIntegrationTest
class VisitRatingBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalData personalData;
    @Autowired
    Visits visits;
    @Autowired
    Ratings ratings;

    @Test
    void aVisitorRatesTheirVisitOnTheWindowsKioskAndAnotherByTheSlipsQrLinkOnAPhone() {
        // Failed requests of other tests from this machine's address do not count against the kiosk here.
        for (String address : new String[] { "127.0.0.1", "0:0:0:0:0:0:0:1" }) {
            jdbc.update("delete from evaluation_attempt where key_hash = ?",
                    personalData.lookupHash("evaluation-attempt", address));
        }
        UUID hall = jdbc.queryForObject("select id from org_hall where division_code = '210112' order by name limit 1",
                UUID.class);
        UUID window = jdbc.queryForObject("select id from org_window where hall_id = ? and number = '04'", UUID.class,
                hall);
        String item = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070001000' and division_code = '210112' and status = 'PUBLISHED'", String.class);

        // The tablet at the window: the officer signs in on it and makes it the window's kiosk.
        BrowserContext tabletContext = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1024, 768).setHasTouch(true).setLocale("zh-CN"));
        Page tablet = tabletContext.newPage();
        signIn(tablet);
        tablet.navigate(base() + "/workbench/visits");
        tablet.locator("form[action$='/workbench/visits/windows/" + window + "/kiosk'] button").click();
        tablet.waitForURL(Pattern.compile(".*/kiosk/windows/" + window));
        assertThat(tablet.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("欢迎办事"))).isVisible();
        // Signed out: the tablet cannot reach the workbench any more.
        tablet.navigate(base() + "/workbench");
        tablet.waitForURL(Pattern.compile(".*/signin.*"));

        // The officer's own screen: a visit for the demo resident.
        BrowserContext desk = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN"));
        Page officer = desk.newPage();
        signIn(officer);
        officer.navigate(base() + "/workbench/visits");
        officer.getByLabel("窗口", new Page.GetByLabelOptions().setExact(true)).selectOption(window.toString());
        officer.getByLabel("办事人手机号").fill("13800000010");
        officer.getByLabel("事项编码（填写办件编号时可不填）").fill(item);
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始服务")).click();
        assertThat(officer.locator("#visit-started")).isVisible();

        // The kiosk shows the visit with the masked name only; the visitor rates it.
        tablet.navigate(base() + "/kiosk/windows/" + window);
        assertThat(tablet.getByText("张*，您好")).isVisible();
        assertThat(tablet.locator("body")).not().containsText("张三");
        // Keyboard: the levels are radio buttons with labels, reachable and choosable without a pointer.
        tablet.getByLabel("满意", new Page.GetByLabelOptions().setExact(true)).focus();
        tablet.keyboard().press("ArrowUp");
        assertThat(tablet.getByLabel("非常满意")).isChecked();
        tablet.getByText("办理快捷").tap();
        assertThat(tablet.getByLabel("办理快捷")).isChecked();
        tablet.getByLabel("意见建议（可选，最多 500 字）").fill("窗口人员很耐心");
        tablet.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交评价")).click();
        assertThat(tablet.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("感谢您的评价！")))
                .isVisible();
        // Ready for the next person: the kiosk comes back to the waiting screen by itself.
        tablet.waitForURL(Pattern.compile(".*/kiosk/windows/" + window), new Page.WaitForURLOptions().setTimeout(15000));
        assertThat(tablet.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("欢迎办事")))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(15000));
        assertThat(((Number) jdbc.queryForObject("select level from evaluation_rating where window_id = ? "
                + "order by rated_at desc limit 1", Object.class, window)).intValue()).isEqualTo(5);

        // A second visit, ended at the desk: the slip's QR link opens the rating page on a phone.
        officer.navigate(base() + "/workbench/visits");
        officer.getByLabel("窗口", new Page.GetByLabelOptions().setExact(true)).selectOption(window.toString());
        officer.getByLabel("办事人手机号").fill("13977001234");
        officer.getByLabel("事项编码（填写办件编号时可不填）").fill(item);
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始服务")).click();
        officer.locator("#visits form button").first().click();
        officer.waitForURL(Pattern.compile(".*/slip"));
        assertThat(officer.locator(".qr svg")).isVisible();
        String link = officer.locator("#rating-link").getAttribute("href");

        Page phone = phone();
        phone.navigate(link);
        assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("评价窗口服务")))
                .isVisible();
        // Fits a phone: no sideways scrolling, targets at least 44 CSS pixels high.
        assertThat((Boolean) phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        BoundingBox level = phone.locator("label[for=level-2]").boundingBox();
        assertThat(level.height).isGreaterThanOrEqualTo(44);
        assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交评价")).boundingBox()
                .height).isGreaterThanOrEqualTo(44);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交评价")).click();
        // Without a level, the form says so next to the levels (required radio: the browser asks first).
        assertThat(phone.locator("#link-thanks")).hasCount(0);
        phone.locator("label[for=level-2]").tap();
        phone.getByText("服务态度差").tap();
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交评价")).click();
        assertThat(phone.locator("#link-thanks")).isVisible();
        // The link is used up.
        phone.navigate(link);
        assertThat(phone.locator("#link-closed")).containsText("该评价链接已使用");
        phone.context().close();
        desk.close();
        tabletContext.close();
    }

    @Test
    void aResidentRatesTheirVisitFirstInTheirAccountOnAPhoneAndRatesAgainAfterTheBodysAnswer() {
        UUID hall = jdbc.queryForObject("select id from org_hall where division_code = '210112' order by name limit 1",
                UUID.class);
        UUID hallBody = jdbc.queryForObject("select body_id from org_hall where id = ?", UUID.class, hall);
        UUID window = jdbc.queryForObject("select id from org_window where hall_id = ? and number = '02'", UUID.class,
                hall);
        String item = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070001000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        // The window officer records and ends a visit of the demo resident (张三, 13800000010).
        SignedIn officer = CaseFixtures.officer("账户评价窗口", CaseFixtures.body(jdbc, "MARKET_REGULATION"),
                StaffRole.WINDOW_OFFICER);
        UUID visit = visits.start(officer, window, "13800000010", item, null).id();
        visits.end(officer, visit);

        Page phone = phone();
        signIn(phone, base(), "13800000010", DEMO_PASSWORD);
        phone.navigate(base() + "/account/visits");
        Locator card = phone.locator("#visit-" + visit);
        assertThat(card.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("评价本次服务")))
                .isVisible();
        assertThat((Boolean) phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
                .isTrue();

        // The first rating with the keyboard only: the arrow keys move through the five levels, space ticks a reason.
        card.getByLabel("满意", new Locator.GetByLabelOptions().setExact(true)).focus();
        phone.keyboard().press("ArrowDown");
        phone.keyboard().press("ArrowDown");
        assertThat(card.getByLabel("不满意", new Locator.GetByLabelOptions().setExact(true))).isChecked();
        card.getByLabel("办理超时或拖延").focus();
        phone.keyboard().press("Space");
        assertThat(card.getByLabel("办理超时或拖延")).isChecked();
        card.getByLabel("意见建议（可选，最多 500 字）").focus();
        phone.keyboard().type("排队叫号后又等了一个小时");
        phone.keyboard().press("Tab");
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("提交评价"))).isFocused();
        phone.keyboard().press("Enter");
        phone.waitForURL(Pattern.compile(".*/account/visits"));
        assertThat(phone.locator("#rated-again")).hasText("感谢您的评价。");
        card = phone.locator("#visit-" + visit);
        assertThat(card.locator(".my-ratings li")).hasCount(1);
        assertThat(card.locator(".my-ratings")).containsText("不满意");
        assertThat(card.locator("form")).hasCount(0);

        // The bad rating opened a rectification for the hall's body, which answers it.
        UUID rectification = jdbc.queryForObject("select x.id from evaluation_rectification x join evaluation_rating r "
                + "on r.id = x.rating_id where r.visit_id = ?", UUID.class, visit);
        ratings.respond(CaseFixtures.officer("大厅整改答复", hallBody, StaffRole.REVIEWER), rectification,
                "已电话回访", "已调整叫号规则，预约办事人优先");

        // The answer in the account, and the second rating by touch.
        phone.navigate(base() + "/account/visits");
        card = phone.locator("#visit-" + visit);
        assertThat(card.locator(".response")).hasText("已调整叫号规则，预约办事人优先");
        assertThat(card.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("整改答复后再次评价")))
                .isVisible();
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("提交评价")).tap();
        // Without a level the browser asks first (required radio): nothing is sent.
        assertThat(phone.locator("#rated-again")).hasCount(0);
        card.locator("label[for=v-" + visit + "-level-4]").tap();
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("提交评价")).tap();
        phone.waitForURL(Pattern.compile(".*/account/visits"));
        assertThat(phone.locator("#rated-again")).isVisible();
        card = phone.locator("#visit-" + visit);
        assertThat(card.locator(".my-ratings li")).hasCount(2);
        assertThat(card.locator(".my-ratings li").nth(1)).containsText("满意");
        assertThat(card.locator("form")).hasCount(0);
        assertThat(jdbc.queryForList("select round || ':' || level || ':' || channel from evaluation_rating "
                + "where visit_id = ? order by round", String.class, visit)).containsExactly("1:2:ONLINE",
                        "2:4:ONLINE");
        phone.context().close();
    }

    private void signIn(Page page) {
        signIn(page, base(), "13800000003", "Tongban#Demo2026");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

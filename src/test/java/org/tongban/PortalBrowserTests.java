package org.tongban;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal in a real browser (Debian's Chromium, headless): what a person on a phone does first. Chromium is
 * installed by {@code ./tongban test} and {@code .ci/run}; its location can be overridden with
 * {@code TONGBAN_CHROMIUM}.
 */
@TongbanIntegrationTest
class PortalBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
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
    void aPersonOnAPhoneFindsTheirDistrictInEitherLanguage() throws Exception {
        page.navigate("http://localhost:" + port + "/");
        assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(page.locator("#current-division")).hasText("辽宁省");
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        page.getByText("Change place").click();
        page.getByLabel("Search places").pressSequentially("浑南", new com.microsoft.playwright.Locator
                .PressSequentiallyOptions().setDelay(50));
        page.locator("#picker-list").getByText("辽宁省沈阳市浑南区").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose 浑南区")).click();

        assertThat(page.locator("#current-division")).hasText("辽宁省沈阳市浑南区");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        Path screenshots = Paths.get("target", "screenshots");
        Files.createDirectories(screenshots);
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("home-phone-en.png"))
                .setFullPage(true));
    }

    @Test
    void aPersonInACountyFindsTheFoodBusinessLicenceByTypingWhatTheyWantToDo() throws Exception {
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("tongban_division", "210112")
                .setDomain("localhost").setPath("/")));
        page.navigate("http://localhost:" + port + "/");
        assertThat(page.locator("#current-division")).hasText("辽宁省沈阳市浑南区");
        page.getByLabel("搜索办事事项").pressSequentially("开饭店",
                new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(50));
        assertThat(page.locator("#item-suggestions")).containsText("食品经营许可");
        page.getByLabel("搜索办事事项").press("Enter");
        assertThat(page.locator("h1")).containsText("开饭店");
        page.locator(".results a").first().click();
        assertThat(page.locator("h1")).hasText("食品经营许可");
        assertThat(page.locator("main")).containsText("沈阳市浑南区市场监督管理局");
        assertThat(page.locator("#materials-heading")).isVisible();
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .as("the guide fits a 375 px phone").isLessThanOrEqualTo(375);
        Path screenshots = Paths.get("target", "screenshots");
        Files.createDirectories(screenshots);
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("guide-phone.png")).setFullPage(true));
    }

    @Test
    void aResidentRegistersOnAPhoneAndSignsIn() {
        page.navigate("http://localhost:" + port + "/register");
        page.getByLabel("姓名").fill("陈一（测试）");
        page.getByLabel("证件号码").fill("11010519491231002X");
        page.getByLabel("手机号码").fill("13912345678");
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill("Shenyang#2026go");
        page.getByLabel("再次输入密码").fill("Shenyang#2026go");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("注册")).click();
        assertThat(page.locator("main")).containsText("注册成功");
        page.getByLabel("手机号码或证件号码").fill("13912345678");
        page.getByLabel("密码").fill("Shenyang#2026go");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        assertThat(page.locator("h1")).hasText("我的账户");
        assertThat(page.locator("main")).containsText("1101**********002X");
        assertThat(page.locator("main")).containsText("139****5678");
        assertThat(page.locator("main")).not().containsText("11010519491231002X");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirst() {
        page.navigate("http://localhost:" + port + "/divisions/210112");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasClass("skip-link");
        page.keyboard().press("Enter");
        assertThat(page.locator("#main")).isFocused();
    }

    @Test
    void anUnknownPageShowsAFriendlyPageInChinese() {
        var response = page.navigate("http://localhost:" + port + "/divisions/210199");
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("h1")).containsText("页面不存在");
    }
}

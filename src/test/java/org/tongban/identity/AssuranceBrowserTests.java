package org.tongban.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.tongban.identity.AssuranceSupport.Person;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * On a phone in Chromium: sign in with a code read from the development inbox, then step up to L2 from the step-up
 * page (phone code, population check) and land back on the page that asked for it.
 */
@TongbanIntegrationTest
class AssuranceBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Registration registration;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
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

    /** Reads the newest code to this phone from the inbox page, in a second tab as a person would. */
    private String codeFromInbox(String phone) {
        Page inbox = context.newPage();
        inbox.navigate("http://localhost:" + port + "/dev/sms");
        inbox.getByLabel("只看发给此号码的短信").fill(phone);
        inbox.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看")).click();
        String text = inbox.locator(".sms-text").first().textContent();
        inbox.close();
        Matcher code = Pattern.compile("([0-9]{6})").matcher(text);
        assertThat(code.find()).as(text).isTrue();
        return code.group(1);
    }

    @Test
    void aPersonSignsInWithATextMessageCodeAndStepsUpToLevelTwo() {
        Person person = AssuranceSupport.newPerson("何浏览");
        registration.registerPerson(new Registration.PersonRegistration(person.name(), IdDocumentType.RESIDENT_ID,
                person.idNumber(), person.phone(), null, AssuranceSupport.PASSWORD, AssuranceSupport.PASSWORD));
        AssuranceSupport.addToPopulation(jdbc, cipher, person);

        page.navigate("http://localhost:" + port + "/signin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("使用短信验证码登录")).click();
        page.getByLabel("手机号码").fill(person.phone());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("验证码已发送");
        page.getByLabel("短信验证码").fill(codeFromInbox(person.phone()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        assertThat(page).hasURL(Pattern.compile(".*/account$"));
        assertThat(page.locator("h2#profile-heading")).hasText(person.name());

        page.navigate("http://localhost:" + port + "/account/assurance?needed=2&continue=/search%3Fq%3D%E8%90%A5%E4%B8%9A");
        assertThat(page.locator("h1")).hasText("提升实名等级");
        assertThat(page.locator("#needed-level")).hasText("L2 实名核验");
        assertThat(page.locator("#way-hall")).isVisible();
        assertThat(page.locator("#way-certificate")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("发送验证码"))).click();
        page.getByLabel("短信验证码").fill(codeFromInbox(person.phone()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("验证手机号码")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("手机号码验证成功");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始核验")).click();
        // Back where the service sent the person, now at L2.
        assertThat(page).hasURL(Pattern.compile(".*/search\\?q=.*"));
        page.navigate("http://localhost:" + port + "/account");
        assertThat(page.locator("dd", new Page.LocatorOptions().setHasText("L2 实名核验"))).isVisible();
    }

    @Test
    void theStepUpPageExplainsTheWaysAndNeverLeavesTheSite() {
        Person person = AssuranceSupport.newPerson("吕步骤");
        registration.registerPerson(new Registration.PersonRegistration(person.name(), IdDocumentType.RESIDENT_ID,
                person.idNumber(), person.phone(), null, AssuranceSupport.PASSWORD, AssuranceSupport.PASSWORD));
        page.navigate("http://localhost:" + port + "/account/assurance?needed=3&continue=//evil.example/");
        // Signing in first; the step-up page is where the person comes back to.
        page.getByLabel("手机号码或证件号码").fill(person.phone());
        page.getByLabel("密码").fill(AssuranceSupport.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        assertThat(page.locator("h1")).hasText("提升实名等级");
        assertThat(page.locator("#way-online")).hasCount(0);
        assertThat(page.locator("#way-hall")).containsText("政务服务大厅");
        assertThat(page.locator("#way-certificate")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取待签名内容")).click();
        assertThat(page.locator("#challenge-text")).containsText("tongban-l4:");
        assertThat(page.getByLabel("证书（PEM 格式，可在其后附中间证书）")).isVisible();
        page.navigate("http://localhost:" + port + "/account/assurance?needed=1&continue=//evil.example/");
        assertThat(page).hasURL(Pattern.compile("http://localhost:" + port + "/account/assurance.*"));
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("已满足要求");
    }
}

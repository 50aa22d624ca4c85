package org.tongban.supervision;

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

/**
 * The public consultation/complaint/report page on a phone in Chromium, without signing in: from the portal's footer,
 * a complaint about a body found by name, the phone proven with a code read from the development inbox, the lookup
 * code shown, and the lookup page showing the submission awaiting its answer.
 */
@TongbanIntegrationTest
class PetitionsBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
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
    void anAnonymousPersonComplainsAboutABodyWithAPhoneCheckAndLooksUpTheSubmission() {
        String bodyName = jdbc.queryForObject("select name from org_body where division_code = '210112' "
                + "and category = 'MARKET_REGULATION'", String.class);
        String phone = "1996%07d".formatted((int) (System.nanoTime() % 10_000_000));

        page.navigate("http://localhost:" + port + "/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("咨询投诉举报")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("咨询投诉举报"))).isVisible();

        page.getByLabel("投诉", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("部门", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("部门名称（针对部门时填写）").fill(bodyName);
        page.getByLabel("内容（最多 2000 字）").fill("窗口工作人员态度生硬，多次让我重新排队");
        page.getByLabel("手机号码", new Page.GetByLabelOptions().setExact(true)).fill(phone);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("获取验证码")).click();
        assertThat(page.getByText("验证码已发送，请查看短信。")).isVisible();
        // What was typed is still there after the code was sent.
        assertThat(page.getByLabel("内容（最多 2000 字）")).hasValue("窗口工作人员态度生硬，多次让我重新排队");

        page.getByLabel("短信验证码").fill(codeFromInbox(phone));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交").setExact(true)).click();
        assertThat(page.getByText("投诉已转交" + bodyName)).isVisible();
        String lookupCode = page.locator("#lookup-code").textContent().strip();
        assertThat(lookupCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("查询答复")).click();
        page.getByLabel("查询码").fill(lookupCode);
        page.getByLabel("手机号码", new Page.GetByLabelOptions().setExact(true)).fill(phone);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询").setExact(true)).click();
        assertThat(page.getByText("窗口工作人员态度生硬，多次让我重新排队")).isVisible();
        assertThat(page.getByText("部门尚未答复，请在答复期限后再来查看。")).isVisible();
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
}

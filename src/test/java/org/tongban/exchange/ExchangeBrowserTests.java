package org.tongban.exchange;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tongban.TongbanIntegrationTest;

/**
 * A window officer of 浑南区市场监督管理局 browses the resource catalogue on a phone, asks for two data items of the
 * population resource (first forgetting the legal basis), and a system administrator approves the request on the
 * requests page; the officer then sees it approved.
 */
@TongbanIntegrationTest
class ExchangeBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    private void signIn(Page page, String identifier) {
        signIn(page, base(), identifier, "Tongban#Demo2026");
    }

    @Test
    void officerRequestsPopulationItemsAndAnAdministratorApproves() {
        String purpose = "浏览器测试：个体户登记核验";
        Page officer = phone();
        signIn(officer, "13800000003");
        officer.navigate(base() + "/workbench/exchange");
        officer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("人口基本信息")).click();
        assertThat(officer.locator("#sharing-type")).hasText("有条件共享");

        officer.getByLabel("姓名/名称").check();
        officer.getByLabel("住址").check();
        officer.getByLabel("用途（调用时须与此一致）").fill(purpose);
        officer.getByLabel("使用期限（截止日期）").fill(org.tongban.ChinaTime.today().plusMonths(3).toString());
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交申请")).click();
        // Refused: the legal basis is missing; what was typed is kept and the field is marked.
        assertThat(officer.locator("#request-error")).hasText("请填写法律依据。");
        assertThat(officer.getByLabel("用途（调用时须与此一致）")).hasValue(purpose);
        assertThat(officer.getByLabel("住址")).isChecked();
        assertThat(officer.locator("#legalBasis")).hasAttribute("aria-invalid", "true");

        officer.getByLabel("法律依据").fill("《个体工商户条例》");
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交申请")).click();
        officer.waitForURL(Pattern.compile(".*/workbench/exchange/requests\\?filed"));
        Locator filed = officer.locator("#filed tr", new Page.LocatorOptions().setHasText(purpose));
        assertThat(filed).containsText("待答复");

        Page admin = phone();
        signIn(admin, "13800000001");
        admin.navigate(base() + "/workbench/exchange/requests");
        Locator row = admin.locator("#addressed tr", new Page.LocatorOptions().setHasText(purpose));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("提交答复")).click();
        admin.waitForURL(Pattern.compile(".*\\?decided"));

        officer.reload();
        assertThat(officer.locator("#filed tr", new Page.LocatorOptions().setHasText(purpose))).containsText("已同意");
        officer.navigate(base() + "/workbench/exchange/resources/101001-00001");
        assertThat(officer.locator("#grants")).containsText(purpose);
    }
}

package org.tongban.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.CitizenIdNumber;

/** 窗口收件 on a phone-sized screen: the officer identifies a walk-in, fills the form, scans, submits and accepts. */
@TongbanIntegrationTest
class WalkInBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theWindowOfficerFilesForAWalkInCorrectsAMistypedIdNumberAndAcceptsAtOnce() throws Exception {
        String item = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070003000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        String id = CitizenIdNumber.withCheckCharacter("21011219660606951").value();
        String mistyped = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');

        Page officer = browser.newContext(phoneOptions()).newPage();
        signIn(officer, base(), "13800000003", "Tongban#Demo2026");

        officer.navigate(base() + "/workbench/cases");
        officer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("窗口收件")).click();
        officer.locator("#walk-in-itemCode").selectOption(item);
        officer.locator("#walk-in-name").fill("浏览器窗口");
        officer.locator("#walk-in-idNumber").fill(mistyped);
        officer.locator("#walk-in-phone").fill("13577000951");
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始录入")).click();
        // The wrong check character is explained at the field; nothing typed is lost.
        assertThat(officer.locator("#err-walk-in-idNumber")).containsText("校验码不正确");
        assertThat(officer.locator("#walk-in-idNumber")).hasAttribute("aria-invalid", "true");
        assertThat(officer.locator("#walk-in-name")).hasValue("浏览器窗口");
        assertThat(officer.locator("#walk-in-phone")).hasValue("13577000951");
        officer.locator("#walk-in-idNumber").fill(id);
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始录入")).click();
        officer.waitForURL(Pattern.compile(".*/workbench/walk-ins/[0-9a-f-]{36}"));
        String applicationId = officer.url().substring(officer.url().lastIndexOf('/') + 1);
        assertThat(officer.locator("main")).containsText("申请人尚无账户");
        assertThat(officer.locator("#f-applicant-name")).hasValue("浏览器窗口");

        officer.locator("#file-0").setInputFiles(new FilePayload("申请书扫描.pdf", "application/pdf", Samples.pdf()));
        officer.locator("#material-0 form.upload button").click();
        assertThat(officer.locator("#material-0")).containsText("申请书扫描.pdf");
        officer.locator("#file-1").setInputFiles(new FilePayload("身份证扫描.jpg", "image/jpeg", Samples.jpeg()));
        officer.locator("#material-1 form.upload button").click();
        assertThat(officer.locator("#material-1")).containsText("身份证扫描.jpg");
        officer.locator("#file-2").setInputFiles(new FilePayload("场所扫描.png", "image/png", Samples.png()));
        officer.locator("#material-2 form.upload button").click();
        assertThat(officer.locator("#material-2")).containsText("场所扫描.png");

        officer.locator("#f-applicant-phone").fill("13577000951");
        officer.locator("#f-business-form").selectOption("PERSONAL");
        officer.locator("#f-business-operatorId").fill(id);
        officer.locator("#f-business-scope").fill("日用百货零售");
        officer.locator("#f-business-capital").fill("20000");
        officer.locator("#f-business-address-division").selectOption("210112");
        officer.locator("#f-business-address-detail").fill("智慧五街 9 号");
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交收件")).click();
        officer.waitForURL(base() + "/workbench/cases/" + applicationId);
        assertThat(officer.locator("main")).containsText("已收件，办件编号 " + item);

        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("受理").setExact(true)).click();
        officer.waitForURL(base() + "/workbench/cases");
        Map<String, Object> row = jdbc.queryForMap("select status, channel from cases_application where id = "
                + "cast(? as uuid)", applicationId);
        assertThat(row).containsEntry("status", "ACCEPTED").containsEntry("channel", "HALL_WINDOW");
    }
}

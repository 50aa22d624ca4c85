package org.tongban.certificates;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tongban.TongbanIntegrationTest;

/** The demo resident's wallet on a phone, and a verifier checking his certificate without signing in. */
@TongbanIntegrationTest
class CertificatesBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;

    private BrowserContext phoneContext() {
        return browser.newContext(phoneOptions());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void theHolderOpensHisCertificateAuthorizesABodyAndAVerifierSeesItValid() {
        String identifier;
        String code;
        try (BrowserContext holderPhone = phoneContext()) {
            Page page = holderPhone.newPage();
            page.navigate(url("/signin"));
            page.getByLabel("手机号码或证件号码").fill("13800000010");
            page.getByLabel("密码").fill("Tongban#Demo2026");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我的证照")).first().click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("我的证照"))).isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("户口登记证明")).click();

            assertThat(page.locator(".ecert")).containsText("张三（演示）");
            assertThat(page.locator(".ecert svg title")).hasText("扫码核验");
            identifier = page.locator(".ecert-identifier").textContent().strip();
            code = page.locator(".ecert-code").textContent().strip();

            page.getByLabel("用证部门（名称）").fill("沈阳市浑南区市场监督管理局");
            page.getByLabel("用证事由").fill("浏览器测试：核验户籍信息");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("授权").setExact(true)).click();
            assertThat(page.locator("#authorizations table")).containsText("浏览器测试：核验户籍信息");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("核验此证照")).click();
            assertThat(page.locator("#verification-status")).hasText("有效");
        }
        try (BrowserContext verifierPhone = phoneContext()) {
            Page page = verifierPhone.newPage();
            page.navigate(url("/certificates/verify"));
            page.getByLabel("证照标识", new Page.GetByLabelOptions().setExact(true)).fill(identifier);
            page.getByLabel("核验码", new Page.GetByLabelOptions().setExact(true)).fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核验").setExact(true)).first().click();
            assertThat(page.locator("#verification-status")).hasText("有效");
            assertThat(page.locator("#result")).containsText("张*");
            assertThat(page.locator("#result")).not().containsText("张三");

            page.getByLabel("核验码", new Page.GetByLabelOptions().setExact(true)).fill("AAAAAAAA");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核验").setExact(true)).first().click();
            assertThat(page.locator("#verification-status")).hasText("未找到");
        }
    }
}

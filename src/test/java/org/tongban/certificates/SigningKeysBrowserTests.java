package org.tongban.certificates;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.certificates.internal.TrustStore;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * The system administrator rotates an issuing body's signing key at {@code /admin/certificates/keys} with the
 * keyboard only: opens the row's actions, types the reason, ticks the confirmation, submits — and sees the old key
 * retired with the reason and the body's new key in use.
 */
@TongbanIntegrationTest
class SigningKeysBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Organization organization;
    @Autowired
    TrustStore trust;

    /** A health-commission body outside 浑南区 that no other test gives a key, so rotating it disturbs nothing. */
    private BodySummary bodyWithoutKey() {
        for (int page = 0; page < 50; page++) {
            var bodies = organization.bodies(DivisionCode.of("210000"), true, page, 200);
            for (BodySummary body : bodies.getContent()) {
                if (body.category() == BodyCategory.HEALTH && !"210112".equals(body.divisionCode())
                        && jdbc.queryForObject("select count(*) from certificates_signing_key where body_id = ?",
                                Integer.class, body.id()) == 0) {
                    return body;
                }
            }
            if (!bodies.hasNext()) {
                break;
            }
        }
        throw new IllegalStateException("no body without a signing key left");
    }

    private List<UUID> keysOf(BodySummary body, boolean current) {
        return jdbc.queryForList("select id from certificates_signing_key where body_id = ? and (retired_at is null) = ?",
                UUID.class, body.id(), current);
    }

    @Test
    void theSystemAdministratorRotatesAKeyWithAReasonAndConfirmationUsingOnlyTheKeyboard() {
        BodySummary body = bodyWithoutKey();
        UUID old = trust.signingKey(body).id();
        String reason = "浏览器测试：年度例行轮换";
        try (BrowserContext desktop = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN").setViewportSize(1280, 900))) {
            Page page = desktop.newPage();
            signIn(page, "http://localhost:" + port, "13800000001", DEMO_PASSWORD);
            page.navigate("http://localhost:" + port + "/admin/certificates/keys");
            Locator row = page.locator("#key-" + old);
            assertThat(row).containsText(body.name());
            assertThat(row).containsText("使用中");

            // Keyboard only: the disclosure, the reason, the confirmation, the button.
            row.locator("summary").focus();
            page.keyboard().press("Enter");
            Locator reasonField = row.getByLabel("原因（必填）").first();
            assertThat(reasonField).isVisible();
            page.keyboard().press("Tab");
            assertThat(reasonField).isFocused();
            page.keyboard().type(reason);
            page.keyboard().press("Tab");
            Locator confirm = row.getByLabel("我确认轮换" + body.name() + "的签名密钥");
            assertThat(confirm).isFocused();
            page.keyboard().press("Space");
            assertThat(confirm).isChecked();
            page.keyboard().press("Tab");
            assertThat(row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("轮换密钥"))).isFocused();
            page.keyboard().press("Enter");

            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
                    .hasText("密钥已轮换，新密钥已启用。");
            assertThat(page.locator("#key-" + old)).containsText("已轮换停用");
            assertThat(page.locator("#key-" + old)).containsText(reason);
            List<UUID> current = keysOf(body, true);
            assertThat(current).hasSize(1).doesNotContain(old);
            Locator fresh = page.locator("#key-" + current.getFirst());
            assertThat(fresh).containsText(body.name());
            assertThat(fresh).containsText("使用中");
        }
    }
}

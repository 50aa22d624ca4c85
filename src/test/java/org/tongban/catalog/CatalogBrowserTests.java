package org.tongban.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.internal.transfer.ImplementationListExport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * The catalogue's "done when", in a real browser: a new user in a county finds the food business licence by what
 * they type and reads the whole guide on a phone; an administrator imports a spreadsheet, sees the deviation report,
 * fixes the item and publishes it.
 */
@TongbanIntegrationTest
class CatalogBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Organization organization;
    @Autowired
    ImplementationListExport export;
    @Autowired
    Catalog catalog;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aNewUserInACountyFindsTheFoodBusinessLicenceByWhatTheyTypeAndReadsTheWholeGuideOnAPhone() throws Exception {
        for (String typed : List.of("食品许可", "开饭店")) {
            try (BrowserContext phone = browser.newContext(phoneOptions())) {
                phone.addCookies(List.of(new com.microsoft.playwright.options.Cookie("tongban_division", "210113")
                        .setDomain("localhost").setPath("/")));
                Page page = phone.newPage();
                page.navigate(url("/"));
                assertThat(page.locator("#current-division")).hasText("辽宁省沈阳市沈北新区");
                page.getByLabel("搜索办事事项").pressSequentially(typed,
                        new Locator.PressSequentiallyOptions().setDelay(50));
                assertThat(page.locator("#item-suggestions")).containsText("食品经营许可");
                page.getByLabel("搜索办事事项").press("Enter");
                page.locator(".results a").filter(new Locator.FilterOptions().setHasText("食品经营许可")).first()
                        .click();

                assertThat(page.locator("h1")).hasText("食品经营许可");
                Locator main = page.locator("main");
                assertThat(main).containsText("沈阳市沈北新区市场监督管理局");
                for (String heading : List.of("#conditions-heading", "#materials-heading", "#process-heading",
                        "#venue-heading", "#result-heading", "#basis-heading")) {
                    assertThat(page.locator(heading)).isVisible();
                }
                assertThat(page.locator("#assurance-level")).hasText("L3 实人实名核验");
                assertThat(page.locator("ol.process li").first()).isVisible();
                assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                        .as("the guide fits a 375 px phone").isLessThanOrEqualTo(375);
                page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
                assertThat(page.locator(".site-header")).isHidden();
                assertThat(page.locator("#materials-heading")).isVisible();
                Path screenshots = Paths.get("target", "screenshots");
                Files.createDirectories(screenshots);
                page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(screenshots.resolve("guide-found-by-" + (typed.equals("开饭店") ? "kaifandian" : "shipinxuke")
                                + ".png")));
            }
        }
    }

    @Test
    void anAdministratorImportsASpreadsheetSeesTheDeviationReportFixesTheItemAndPublishesIt() throws Exception {
        BodySummary body = organization.searchBodies("新民市市场监督管理局", DivisionCode.of("210181"), 1).getFirst();
        ImplementationListRow row = export.rowsOfBody(body.id()).stream()
                .filter(r -> "食品经营许可".equals(r.name())).findFirst().orElseThrow();
        List<String> conditions = new ArrayList<>(row.conditions());
        conditions.add("申请人须在本市居住满一年");
        ImplementationListRow changed = new ImplementationListRow(row.implementationCode(), row.name(),
                row.basicCode(), row.bodyCreditCode(), row.level(), row.divisionCode(), conditions, row.materials(),
                row.process(), row.legalDays(), row.legalDayKind(), row.promisedDays(), row.promisedDayKind(),
                row.handling(), row.fees(), row.visits(), row.onlineDepth(), row.mailIn(), row.reach(),
                row.jointBodies(), row.resultType(), row.resultName(), row.resultSample(), row.offlineReason(),
                row.faq(), row.venue(), row.assuranceLevel());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferFormat.XLSX.write(List.of(changed), out);
        Path file = Paths.get("target", "新民市实施清单.xlsx");
        Files.write(file, out.toByteArray());
        String code = row.implementationCode();

        try (BrowserContext desk = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setLocale("zh-CN"))) {
            Page page = desk.newPage();
            page.navigate(url("/signin"));
            page.getByLabel("手机号码或证件号码").fill("13800000002");
            page.getByLabel("密码").fill("Tongban#Demo2026");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
            page.waitForURL(url("/workbench"));

            page.navigate(url("/admin/catalog"));
            page.locator("#file").setInputFiles(file);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("校验并导入")).click();
            assertThat(page.getByText("已导入 1 个事项")).isVisible();

            page.getByLabel("实施编码（31 位）").fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看")).click();
            assertThat(page.locator("#deviation-report")).containsText("申请人须在本市居住满一年");

            // Fix: take the extra condition out in the form, which keeps everything else.
            page.locator("#edit-item").click();
            Locator conditionsField = page.locator("#f-conditions");
            assertThat(conditionsField).hasValue(String.join("\n", conditions));
            conditionsField.fill(String.join("\n", row.conditions()));
            Path screenshots = Paths.get("target", "screenshots");
            Files.createDirectories(screenshots);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(screenshots.resolve("admin-item-form.png")));
            page.locator("#save-draft").click();
            assertThat(page.getByText("已保存为草稿 v2")).isVisible();
            assertThat(page.locator("#deviation-report")).hasCount(0);

            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(screenshots.resolve("admin-item-history.png")));
            page.locator("#submit-version").click();
            assertThat(page.getByText("已提交审核")).isVisible();
            page.locator("#approve-version").click();
            assertThat(page.getByText("已审核发布")).isVisible();

            page.navigate(url("/items/" + code));
            assertThat(page.locator("main")).not().containsText("申请人须在本市居住满一年");
            assertThat(page.locator("main")).containsText("第 2 版");
        }
        ItemDetail published = catalog.item(ImplementationCode.of(code));
        assertThat(published.summary().version()).isEqualTo(2);
        assertThat(published.guide().conditions()).isEqualTo(row.conditions());
    }
    @Test
    void theNewItemFormSuggestsDivisionsAndBodiesAsTheAdministratorTypesANameOnAPhone() {
        try (BrowserContext phone = browser.newContext(phoneOptions())) {
            Page page = phone.newPage();
            signIn(page, url(""), "13800000002", DEMO_PASSWORD);
            page.navigate(url("/admin/catalog/items/new"));

            Locator division = page.locator("#f-divisionCode");
            assertThat(division).hasAttribute("list", "f-divisionCode-options");
            division.pressSequentially("浑南", new Locator.PressSequentiallyOptions().setDelay(50));
            assertThat(page.locator("#f-divisionCode-options option[value='210112']")).hasCount(1);

            Locator body = page.locator("#f-bodyCreditCode");
            body.pressSequentially("浑南区市场监督", new Locator.PressSequentiallyOptions().setDelay(50));
            assertThat(page.locator("#f-bodyCreditCode-options option")).not().hasCount(0);
            assertThat(page.locator("#f-bodyCreditCode-options")).containsText("沈阳市浑南区市场监督管理局");
            // What was typed stays in the field: the suggestions never replace it.
            assertThat(body).hasValue("浑南区市场监督");
        }
    }
}

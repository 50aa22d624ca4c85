package org.tongban.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;

/**
 * The catalogue administrator builds a process in the form-based editor: adds a step, validates, sees the problem at
 * the step, fixes it, publishes and sees the new version; on a phone the editor and the flow are stacked and the
 * kind of a step re-renders what it asks for. Items of 本溪 (2105), which no other test uses.
 */
@TongbanIntegrationTest
class ProcessEditorBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    private void signInAsCatalogueAdministrator(Page page) {
        signIn(page, base(), "13800000002", "Tongban#Demo2026");
    }

    private String item(int n) {
        return jdbc.queryForObject("select code from catalog_implementation_item where status = 'PUBLISHED' "
                + "and division_code like '2105%' and basic_code <> '011070001000' order by code limit 1 offset ?",
                String.class, n);
    }

    @Test
    void theAdministratorAddsAStepValidatesFixesTheProblemAndPublishesANewVersion() {
        String code = item(0);
        Page admin = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("zh-CN"))
                .newPage();
        signInAsCatalogueAdministrator(admin);
        admin.navigate(base() + "/admin/catalog/processes/" + code);
        int nodes = admin.locator("fieldset.editor-node").count();
        assertThat(admin.locator("#version-1")).isVisible();

        admin.locator("#add-node").click();
        assertThat(admin.locator("fieldset.editor-node")).hasCount(nodes + 1);
        int added = nodes - 1;
        String e = "#n" + added;
        // The new step sits before the end, its id input has the focus.
        assertThat(admin.locator(e + "-id")).hasValue("step1");
        assertThat(admin.locator(e + "-id")).isFocused();
        admin.locator(e + "-name").fill("归档");
        admin.locator(e + "-role").selectOption("WINDOW_OFFICER");

        Response validation = admin.waitForResponse(r -> r.request().method().equals("POST"),
                () -> admin.locator("#validate").click());
        assertThat(validation.status()).isEqualTo(422);
        // The problem is shown at the step, and in the summary; what was typed stays.
        assertThat(admin.locator(e + "-problems")).containsText("环节 step1 没有下一环节");
        assertThat(admin.locator("#problems")).containsText("step1");
        assertThat(admin.locator(e + "-name")).hasValue("归档");
        assertThat(admin.locator(e + "-role")).hasValue("WINDOW_OFFICER");
        assertThat(admin.locator("#flow")).containsText("编辑中");
        assertThat(admin.locator("#node-step1")).containsText("有问题");

        // Fixed: the step before it leads to it, and it leads to the end.
        admin.locator("#n" + (added - 1) + "-next").selectOption("step1");
        admin.locator(e + "-next").selectOption("end");
        admin.locator("#validate").click();
        assertThat(admin.locator("#valid")).isVisible();
        assertThat(admin.locator("#problems")).hasCount(0);
        assertThat(admin.locator("#node-step1")).containsText("归档");
        assertThat(admin.locator("#node-step1")).not().containsText("有问题");

        admin.locator("#publish").click();
        admin.waitForURL(base() + "/admin/catalog/processes/" + code);
        assertThat(admin.locator("main")).containsText("已发布第 2 版");
        assertThat(admin.locator("#version-2")).containsText("目录管理员（演示）");
        assertThat(admin.locator("#version-1")).containsText("系统按标准流程生成");
        assertThat(admin.locator("#n" + added + "-name")).hasValue("归档");
        assertThat(admin.locator("#flow")).not().containsText("编辑中");
        // The advanced JSON editor shows the published definition too.
        assertThat(admin.locator("#definition")).hasValue(Pattern.compile(".*\"step1\".*", Pattern.DOTALL));
    }

    @Test
    void onAPhoneTheEditorAndTheFlowAreStackedAndAStepsKindReRendersWhatItAsksFor() {
        String code = item(1);
        Page phone = phone();
        signInAsCatalogueAdministrator(phone);
        phone.navigate(base() + "/admin/catalog/processes/" + code);
        BoundingBox editor = phone.locator("#process-editor").boundingBox();
        BoundingBox flow = phone.locator("#flow").boundingBox();
        assertThat(flow.y).isGreaterThanOrEqualTo(editor.y + editor.height);
        // Nothing wider than the screen.
        assertThat(((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
        assertThat(phone.getByLabel("环节类型").first()).isVisible();

        // A step turned into a parallel block asks for branches instead of one body (the change re-renders it).
        assertThat(phone.locator("#n1-role")).isVisible();
        phone.locator("#n1-kind").selectOption("PARALLEL");
        assertThat(phone.locator("#n1-add-branch")).isVisible();
        assertThat(phone.locator("#n1-role")).hasCount(0);
        phone.locator("#n1-add-branch").click();
        assertThat(phone.locator("#n1-b0-role")).isVisible();
        phone.locator("#n1-add-branch").click();
        assertThat(phone.locator("#n1-b1-role")).isVisible();
        // The branches are numbered and their inputs labelled.
        assertThat(phone.getByLabel("分支时限（工作日）")).hasCount(2);
        assertThat(((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
    }
}

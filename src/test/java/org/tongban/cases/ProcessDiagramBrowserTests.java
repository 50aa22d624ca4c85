package org.tongban.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;

/**
 * The drawn process in a real browser: the 开餐馆 item's boxes do not overlap once rendered and their text fits in
 * them; on a phone the page keeps the screen's width while the drawing scrolls sideways in its own region; the
 * read-only page of a version is one click from the history. Reads only (no publishing).
 */
@TongbanIntegrationTest
class ProcessDiagramBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    private void signIn(Page page) {
        signIn(page, base(), "13800000002", "Tongban#Demo2026");
    }

    private String restaurant() {
        return jdbc.queryForObject("select code from catalog_implementation_item where basic_code = '011070001000' "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRenderedBoxesDoNotOverlapAndTheirTextFits() {
        Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(1280, 900)).newPage();
        signIn(page);
        page.navigate(base() + "/admin/catalog/processes/" + restaurant());
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.IMG,
                new Page.GetByRoleOptions().setName(Pattern.compile("办理流程图：开办餐饮店并联审批")))).isVisible();
        assertThat(page.locator("svg.process-graph g.pd-node.branch")).hasCount(3);
        // Measured by the browser with the fonts it has: boxes apart, every text inside its box.
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) page.evaluate("""
                () => [...document.querySelectorAll('svg.process-graph g.pd-node')].map(g => {
                  const r = g.querySelector('rect').getBBox();
                  const texts = [...g.querySelectorAll('text')].filter(t => t.getAttribute('fill') !== '#ffffff')
                      .map(t => t.getBBox());
                  return { id: g.id, x: r.x, y: r.y, w: r.width, h: r.height,
                           fits: texts.every(t => t.x >= r.x && t.x + t.width <= r.x + r.width + 0.5
                                                  && t.y >= r.y && t.y + t.height <= r.y + r.height + 0.5) };
                })""");
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 0; i < boxes.size(); i++) {
            Map<String, Object> a = boxes.get(i);
            assertThat(a.get("fits")).as("text fits in %s", a.get("id")).isEqualTo(true);
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Object> b = boxes.get(j);
                boolean apart = d(a, "x") + d(a, "w") <= d(b, "x") || d(b, "x") + d(b, "w") <= d(a, "x")
                        || d(a, "y") + d(a, "h") <= d(b, "y") || d(b, "y") + d(b, "h") <= d(a, "y");
                assertThat(apart).as("%s and %s apart", a.get("id"), b.get("id")).isTrue();
            }
        }
        // The history links each version's read-only page.
        page.locator("#version-1 a").click();
        page.waitForURL(Pattern.compile(".*/versions/1$"));
        assertThat(page.locator("h1")).containsText("只读");
        assertThat(page.locator("svg.process-graph")).isVisible();
    }

    @Test
    void onAPhoneTheDrawingScrollsSidewaysInsideItsRegion() {
        Page phone = phone();
        signIn(phone);
        phone.navigate(base() + "/admin/catalog/processes/" + restaurant() + "/versions/1");
        assertThat(phone.locator("svg.process-graph")).isVisible();
        assertThat(((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(375);
        Map<?, ?> region = (Map<?, ?>) phone.evaluate("""
                () => { const r = document.querySelector('.process-graph-scroll');
                        const s = r.querySelector('svg').getBoundingClientRect();
                        return { scroll: r.scrollWidth, client: r.clientWidth, svg: s.width }; }""");
        // Not shrunk below a readable size: the region scrolls instead.
        assertThat(((Number) region.get("svg")).doubleValue()).isGreaterThanOrEqualTo(500);
        assertThat(((Number) region.get("scroll")).intValue()).isGreaterThan(((Number) region.get("client"))
                .intValue());
        assertThat(phone.locator(".process-graph-scroll")).hasAttribute("tabindex", "0");
        assertThat(phone.locator("ol.process-flow")).containsText("消防安全检查");
    }

    private static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}

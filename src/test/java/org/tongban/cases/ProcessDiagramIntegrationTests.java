package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The drawn process (流程图) on the pages: the editor and the read-only version page of the demo 开餐馆 (并联) item
 * and of a 即办件, and an officer's task page with the case's current steps highlighted.
 */
@TongbanIntegrationTest
class ProcessDiagramIntegrationTests {

    private static final String FOOD = "011070001000";
    private static final String SOLE_TRADER = "011070003000"; // 个体工商户登记: a 即办件

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;

    private final SignedIn admin = new SignedIn(UUID.randomUUID(), "流程图管理员", true, 3,
            java.util.EnumSet.of(StaffRole.CATALOG_ADMIN), null, "210112", null);

    private String item(String basicCode) {
        return jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, basicCode);
    }

    private String page(SignedIn who, String url) throws Exception {
        return mvc.perform(CaseFixtures.page(mvc, who, url)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theRestaurantItemsDefinitionIsDrawnWithItsParallelBlockOnTheEditorAndTheVersionPage() throws Exception {
        String code = item(FOOD);
        String editor = page(admin, "/admin/catalog/processes/" + code);
        String svg = svg(editor);
        assertThat(svg).contains("role=\"img\"", "aria-labelledby=\"flow-graph-title flow-graph-desc\"",
                "<title id=\"flow-graph-title\">办理流程图：开办餐饮店并联审批（第 ",
                "并联审查（并联办理：食品经营条件审查、消防安全检查、卫生条件审查）",
                "class=\"pd-block\" id=\"flow-graph-node-joint\"", "id=\"flow-graph-branch-joint-food\"",
                "id=\"flow-graph-branch-joint-fire\"", "id=\"flow-graph-branch-joint-health\"",
                "class=\"pd-edge fork\"", "class=\"pd-edge join\"", "class=\"pd-edge refused\"",
                "class=\"pd-edge return\"", ">不予许可<", ">退回<");
        assertThat(count(svg, "class=\"pd-edge fork\"")).isEqualTo(3);
        assertThat(count(svg, "class=\"pd-edge join\"")).isEqualTo(3);
        // The textual list stays for screen readers, the drawing scrolls inside its own region.
        assertThat(editor).contains("class=\"process-flow\"", "id=\"node-joint\"", "class=\"process-graph-scroll\"",
                "role=\"region\"", "流程图可左右滑动查看", "条件流转");
        // Each version read only, linked from the history.
        assertThat(editor).contains("href=\"/admin/catalog/processes/" + code + "/versions/1\"");
        String version = page(admin, "/admin/catalog/processes/" + code + "/versions/1");
        assertThat(version).contains("办理流程（第 1 版，只读）", "id=\"flow-graph-branch-joint-fire\"",
                "class=\"process-flow\"").doesNotContain("id=\"process-editor\"");
        assertThat(svg(version)).contains("（第 1 版）");
        // English readers get English text in the drawing.
        String english = mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + code)
                        .cookie(new jakarta.servlet.http.Cookie("tongban_lang", "en")))
                .andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(svg(english)).contains("Process diagram: 开办餐饮店并联审批", "Parallel approval: 并联审查",
                ">refused<", ">send back<", "Parallel branch");
        // A version the item does not have.
        mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + code + "/versions/99"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anImmediateItemIsDrawnAsOneColumnDecidedAtTheWindow() throws Exception {
        String svg = svg(page(admin, "/admin/catalog/processes/" + item(SOLE_TRADER)));
        assertThat(svg).contains("id=\"flow-graph-node-accept\"", "id=\"flow-graph-node-decide\"",
                "id=\"flow-graph-node-deliver\"", "id=\"flow-graph-node-end\"", "窗口人员")
                .doesNotContain("id=\"flow-graph-node-review\"", "pd-block");
    }

    @Test
    void theOfficersTaskPageHighlightsTheBranchesTheCaseIsAtNow() throws Exception {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        UUID itemBody = (UUID) item.get("body_id");
        UUID housing = CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL");
        UUID health = CaseFixtures.body(jdbc, "HEALTH");
        SignedIn window = officer("流程图窗口", itemBody, StaffRole.WINDOW_OFFICER);
        SignedIn fireReviewer = officer("流程图住建", housing, StaffRole.REVIEWER);
        SignedIn healthReviewer = officer("流程图卫健", health, StaffRole.REVIEWER);
        UUID id = CaseFixtures.submitted(jdbc, (String) item.get("code"), UUID.randomUUID(), "流程图甲");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        TaskView fire = only(processing.todo(fireReviewer), id);
        processing.act(fireReviewer, fire.id(), fire.version(), TaskAction.APPROVE,
                CaseProcessing.ActionInput.opinion("疏散通道符合要求"));
        TaskView healthTask = only(processing.todo(healthReviewer), id);

        String task = page(healthReviewer, "/workbench/tasks/" + healthTask.id());
        String svg = svg(task);
        // Food and health still running, fire done: only the running branches are highlighted.
        assertThat(svg).contains("class=\"pd-node branch current\" id=\"case-flow-branch-joint-food\"",
                "class=\"pd-node branch current\" id=\"case-flow-branch-joint-health\"",
                "class=\"pd-node branch\" id=\"case-flow-branch-joint-fire\"",
                "class=\"pd-block current\" id=\"case-flow-node-joint\"",
                "class=\"pd-node decision\" id=\"case-flow-node-decide\"", "办件当前所在环节：");
        assertThat(task).contains("id=\"case-flow-section\"", "class=\"process-flow\"", "办件当前环节");
    }

    private static String svg(String html) {
        int start = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process-graph");
        assertThat(start).as("a process diagram on the page").isNotNegative();
        return html.substring(start, html.indexOf("</svg>", start) + 6);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The form-based process definition editor of the admin console (issue 6): nodes, branches and conditional
 * transitions are added, removed and moved by the server from the posted form; validation shows every problem next
 * to its node without publishing and keeps what was typed; publication makes a new version that new cases use while
 * a running case keeps its own; another division's administrator can do none of it. Items of 抚顺 (2104), which no
 * other test uses.
 */
@TongbanIntegrationTest
class ProcessEditorIntegrationTests {

    private static final Pattern NODE_ID = Pattern.compile("name=\"nodes\\[(\\d+)]\\.id\"(?: value=\"([^\"]*)\")?");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessAdministration administration;
    @Autowired
    CaseAcceptance acceptance;

    private final SignedIn admin = new SignedIn(UUID.randomUUID(), "抚顺目录管理员", true, 3,
            EnumSet.of(StaffRole.CATALOG_ADMIN), null, "210400", null);

    @Test
    void addsMovesAndRemovesNodesBranchesAndConditionsOnTheServerWithoutPublishing() throws Exception {
        String code = item(0);
        ProcessDefinition current = administration.current(admin, ImplementationCode.of(code));
        List<String> ids = current.nodes().stream().map(ProcessDefinition.Node::id).toList();
        assertThat(ids).first().isEqualTo("accept");
        assertThat(ids).last().isEqualTo("end");
        int before = versions(code);

        mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + code))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"process-editor\"")))
                .andExpect(content().string(containsString("id=\"n1-role\"")))
                .andExpect(content().string(containsString("id=\"advanced\"")))
                .andExpect(content().string(not(containsString("??"))));
        // English second: the same editor, labelled in English.
        mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + code).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Publish a new version")))
                .andExpect(content().string(containsString("Acting role")))
                .andExpect(content().string(not(containsString("??"))));

        // A new step goes before the end; its id is fresh.
        String added = edit(code, form(current), "add-node", 200);
        List<String> after = nodeIds(added);
        assertThat(after).hasSize(ids.size() + 1);
        assertThat(after.get(after.size() - 2)).isEqualTo("step1");
        assertThat(after).last().isEqualTo("end");

        // Moved up, it swaps with the step before it; moved down again it is back.
        int step = ids.size() - 1;
        List<Map.Entry<String, String>> withStep = form(current, List.of(task("step1", "新环节", "end")));
        String moved = edit(code, withStep, "up:" + step, 200);
        List<String> up = nodeIds(moved);
        assertThat(up.get(step - 1)).isEqualTo("step1");
        assertThat(up.get(step)).isEqualTo(ids.get(step - 1));
        // The keyboard stays on the button that moved it, at its new place.
        assertThat(focused(moved)).isEqualTo("n" + (step - 1) + "-up");

        // Removed, the definition is as before.
        assertThat(nodeIds(edit(code, withStep, "remove-node:" + step, 200))).isEqualTo(ids);

        // A parallel block gains branch rows, a step gains and loses a conditional transition.
        List<Map.Entry<String, String>> parallel = form(current);
        set(parallel, "nodes[1].kind", "PARALLEL");
        String withBranch = edit(code, parallel, "add-branch:1", 200);
        assertThat(focused(withBranch)).isEqualTo("n1-b0-id");
        assertThat(withBranch).contains("name=\"nodes[1].branches[0].id\" value=\"branch1\"")
                .contains("id=\"n1-b0-body\"").contains("id=\"n1-b0-role\"").contains("id=\"n1-b0-days\"")
                // A parallel block is not acted on by one body: its own body and role are not asked for.
                .doesNotContain("id=\"n1-role\"");
        String withCondition = edit(code, form(current), "add-condition:1", 200);
        assertThat(withCondition).contains("name=\"nodes[1].when[0].field\"").contains("id=\"n1-c0-next\"");
        List<Map.Entry<String, String>> conditioned = form(current);
        conditioned.add(Map.entry("nodes[1].when[0].field", "capital"));
        conditioned.add(Map.entry("nodes[1].when[0].op", "GT"));
        conditioned.add(Map.entry("nodes[1].when[0].value", "1000000"));
        conditioned.add(Map.entry("nodes[1].when[0].next", "end"));
        assertThat(edit(code, conditioned, "refresh:1", 200)).contains("value=\"capital\"");
        assertThat(edit(code, conditioned, "remove-condition:1:0", 200)).doesNotContain("value=\"capital\"");

        // Positions that do not exist and unknown operations are refused as bad input, not failures.
        for (String op : new String[] { "up:99", "remove-branch:1", "remove-condition:1:0", "explode", "up:-1" }) {
            edit(code, form(current), op, 400);
        }
        List<Map.Entry<String, String>> far = form(current);
        far.add(Map.entry("nodes[300].id", "far"));
        mvc.perform(post("/admin/catalog/processes/" + code).with(csrf()).with(as(admin)).cookie(session())
                        .params(params(far)).param("op", "validate"))
                .andExpect(status().is4xxClientError());

        // None of it was published.
        assertThat(versions(code)).isEqualTo(before);
    }

    @Test
    void validationShowsEveryProblemAtItsNodeKeepsWhatWasTypedAndPublishesNothing() throws Exception {
        String code = item(0);
        int before = versions(code);
        List<Map.Entry<String, String>> typed = new ArrayList<>();
        typed.add(Map.entry("name", "我正在编辑的流程"));
        typed.addAll(node(0, "accept", "受理", "START", null, null, "review"));
        typed.addAll(node(1, "review", "初审", "TASK", "ITEM", "REVIEWER", "again"));
        typed.addAll(node(2, "again", "复审意见汇总", "TASK", "ITEM", null, "review"));
        typed.addAll(node(3, "end", "办结", "END", null, null, null));

        String page = edit(code, typed, "validate", 422);
        // What was typed stays, also what is wrong.
        assertThat(page).doesNotContain("??").contains("value=\"我正在编辑的流程\"").contains("value=\"复审意见汇总\"")
                .contains("id=\"problems\"");
        // The missing role is reported at the node that lacks it.
        assertThat(fieldset(page, 2)).contains("id=\"n2-problems\"").contains("环节 again 未指定办理部门或角色");
        assertThat(fieldset(page, 1)).doesNotContain("n1-problems");
        // The flow shows the unsaved state, the problem flagged.
        assertThat(page).contains("流程图（编辑中，未发布）").contains("id=\"node-again\"");

        // Fixed but still a loop without an end: a dead end, and publishing is refused the same way.
        set(typed, "nodes[2].role", "APPROVER");
        String refused = edit(code, typed, "publish", 422);
        assertThat(fieldset(refused, 1)).contains("环节 review 之后无法办结");
        assertThat(fieldset(refused, 2)).contains("环节 again 之后无法办结");
        assertThat(versions(code)).isEqualTo(before);

        // Without a problem, validation says so and still publishes nothing.
        set(typed, "nodes[2].next", "end");
        assertThat(edit(code, typed, "validate", 200)).contains("id=\"valid\"").doesNotContain("id=\"problems\"");
        assertThat(versions(code)).isEqualTo(before);

        // A number that cannot be read is reported and nothing is published.
        List<Map.Entry<String, String>> unreadable = new ArrayList<>(typed);
        unreadable.add(Map.entry("nodes[1].days", "zehn"));
        assertThat(edit(code, unreadable, "publish", 422)).contains("zehn");
        assertThat(versions(code)).isEqualTo(before);

        // The advanced JSON editor still works: unreadable JSON comes back as typed with 422.
        mvc.perform(post("/admin/catalog/processes/" + code).with(csrf()).with(as(admin)).cookie(session())
                        .param("definition", "{\"name\": \"坏的 JSON\""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("JSON 格式错误")))
                .andExpect(content().string(containsString("{&quot;name&quot;: &quot;坏的 JSON&quot;")));
    }

    @Test
    void publishingMakesTheNextVersionForNewCasesWhileAnOpenCaseKeepsItsOwn() throws Exception {
        String code = item(1);
        Map<String, Object> row = jdbc.queryForMap("select body_id, division_code from catalog_implementation_item "
                + "where code = ? and status = 'PUBLISHED'", code);
        SignedIn window = new SignedIn(UUID.randomUUID(), "抚顺窗口", true, 3, EnumSet.of(StaffRole.WINDOW_OFFICER),
                (UUID) row.get("body_id"), (String) row.get("division_code"), null);
        UUID first = CaseFixtures.submitted(jdbc, code, UUID.randomUUID(), "旧版本申请人");
        acceptance.accept(window, first, CaseFixtures.version(jdbc, first));
        ProcessDefinition current = administration.current(admin, ImplementationCode.of(code));
        int old = current.version();
        assertThat(caseVersion(first)).isEqualTo(old);

        // The administrator adds a step before the end and publishes.
        int last = current.nodes().size() - 2;
        List<Map.Entry<String, String>> typed = form(current, List.of(task("archive", "归档", "end")));
        set(typed, "nodes[" + last + "].next", "archive");
        mvc.perform(post("/admin/catalog/processes/" + code).with(csrf()).with(as(admin)).cookie(session())
                        .params(params(typed)).param("op", "publish"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/catalog/processes/" + code))
                .andExpect(flash().attribute("published", old + 1));
        assertThat(versions(code)).isEqualTo(old + 1);

        // New cases start on the new version; the open one keeps the version it started with.
        UUID second = CaseFixtures.submitted(jdbc, code, UUID.randomUUID(), "新版本申请人");
        acceptance.accept(window, second, CaseFixtures.version(jdbc, second));
        assertThat(caseVersion(second)).isEqualTo(old + 1);
        assertThat(caseVersion(first)).isEqualTo(old);

        // The history names who published which version and how many cases still run on each.
        String page = mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + code))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"version-" + (old + 1) + "\"").contains("id=\"version-" + old + "\"")
                .contains("抚顺目录管理员").contains("归档").contains("系统按标准流程生成");
        assertThat(historyRow(page, old + 1)).contains(">1</td>");
        assertThat(historyRow(page, old)).contains(">1</td>");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'PROCESS_PUBLISHED' "
                + "and target_id = ? and detail = ?", Integer.class, code, "v" + (old + 1))).isEqualTo(1);
    }

    @Test
    void anotherDivisionsAdministratorAndOtherStaffCanNeitherEditNorPublish() throws Exception {
        String code = item(0);
        ProcessDefinition current = administration.current(admin, ImplementationCode.of(code));
        int before = versions(code);
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连目录管理员", true, 3, EnumSet.of(StaffRole.CATALOG_ADMIN),
                null, "210200", null);
        SignedIn reviewer = new SignedIn(UUID.randomUUID(), "抚顺审查员", true, 3, EnumSet.of(StaffRole.REVIEWER),
                null, "210400", null);
        mvc.perform(CaseFixtures.page(mvc, dalian, "/admin/catalog/processes/" + code))
                .andExpect(status().isNotFound());
        for (String op : new String[] { "add-node", "validate", "publish" }) {
            mvc.perform(post("/admin/catalog/processes/" + code).with(csrf()).with(as(dalian)).cookie(session())
                            .params(params(form(current))).param("op", op))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("process-editor"))));
            mvc.perform(post("/admin/catalog/processes/" + code).with(csrf()).with(as(reviewer)).cookie(session())
                            .params(params(form(current))).param("op", op))
                    .andExpect(status().isForbidden());
        }
        // Without the CSRF token nothing is done either.
        mvc.perform(post("/admin/catalog/processes/" + code).with(as(admin)).cookie(session())
                        .params(params(form(current))).param("op", "publish"))
                .andExpect(status().isForbidden());
        assertThat(versions(code)).isEqualTo(before);
    }

    // --- fixtures

    /** A published item of 抚顺 with the default (derived) process; {@code n} tells the tests' items apart. */
    private String item(int n) {
        return jdbc.queryForObject("select code from catalog_implementation_item where status = 'PUBLISHED' "
                + "and division_code like '2104%' and basic_code <> '011070001000' order by code limit 1 offset ?",
                String.class, n);
    }

    private String edit(String code, List<Map.Entry<String, String>> form, String op, int status) throws Exception {
        MockHttpServletRequestBuilder request = post("/admin/catalog/processes/" + code).with(csrf()).with(as(admin))
                .cookie(session()).params(params(form)).param("op", op);
        return mvc.perform(request).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    private Cookie session() throws Exception {
        return mvc.perform(get("/signin")).andReturn().getResponse().getCookie("SESSION");
    }

    /** What the editor posts for a definition, as a browser would send it. */
    private static List<Map.Entry<String, String>> form(ProcessDefinition d) {
        return form(d, List.of());
    }

    /** The same with nodes inserted before the last (the end). */
    private static List<Map.Entry<String, String>> form(ProcessDefinition d, List<ProcessDefinition.Node> inserted) {
        List<ProcessDefinition.Node> nodes = new ArrayList<>(d.nodes());
        nodes.addAll(nodes.size() - 1, inserted);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("name", d.name()));
        if (d.joint()) {
            form.add(Map.entry("joint", "true"));
        }
        for (int i = 0; i < nodes.size(); i++) {
            ProcessDefinition.Node n = nodes.get(i);
            form.addAll(node(i, n.id(), n.name(), n.kind().name(), n.body(), n.role() == null ? null : n.role().name(),
                    n.next()));
            String p = "nodes[" + i + "].";
            if (n.refusedNext() != null) {
                form.add(Map.entry(p + "refusedNext", n.refusedNext()));
            }
            if (n.days() != null) {
                form.add(Map.entry(p + "days", n.days().toString()));
            }
            n.returnTo().forEach(r -> form.add(Map.entry(p + "returnTo", r)));
        }
        return form;
    }

    private static List<Map.Entry<String, String>> node(int i, String id, String name, String kind, String body,
            String role, String next) {
        String p = "nodes[" + i + "].";
        List<Map.Entry<String, String>> node = new ArrayList<>();
        node.add(Map.entry(p + "id", id));
        node.add(Map.entry(p + "name", name));
        node.add(Map.entry(p + "kind", kind));
        node.add(Map.entry(p + "body", body == null ? "" : body));
        node.add(Map.entry(p + "role", role == null ? "" : role));
        node.add(Map.entry(p + "next", next == null ? "" : next));
        return node;
    }

    private static ProcessDefinition.Node task(String id, String name, String next) {
        return new ProcessDefinition.Node(id, name, ProcessDefinition.Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, next,
                null, List.of(), List.of(), List.of(), null);
    }

    private static void set(List<Map.Entry<String, String>> form, String key, String value) {
        form.removeIf(e -> e.getKey().equals(key));
        form.add(Map.entry(key, value));
    }

    private static org.springframework.util.MultiValueMap<String, String> params(List<Map.Entry<String, String>> form) {
        org.springframework.util.LinkedMultiValueMap<String, String> params = new org.springframework.util.LinkedMultiValueMap<>();
        form.forEach(e -> params.add(e.getKey(), e.getValue()));
        return params;
    }

    /** The id of the one control the page focuses on load. */
    private static String focused(String html) {
        Matcher m = Pattern.compile("<(?:input|select|button)[^>]*\\sid=\"([^\"]+)\"[^>]*autofocus").matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> nodeIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = NODE_ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(2));
        }
        return ids;
    }

    /** The editor's fieldset of node {@code i}. */
    private static String fieldset(String html, int i) {
        int start = html.indexOf("id=\"ed-node-" + i + "\"");
        assertThat(start).isNotNegative();
        int end = html.indexOf("id=\"ed-node-" + (i + 1) + "\"", start);
        return html.substring(start, end < 0 ? html.indexOf("id=\"add-node\"", start) : end);
    }

    private static String historyRow(String html, int version) {
        int start = html.indexOf("id=\"version-" + version + "\"");
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private int versions(String code) {
        return jdbc.queryForObject("select coalesce(max(version), 0) from cases_process_definition where item_code = ?",
                Integer.class, code);
    }

    private int caseVersion(UUID application) {
        return jdbc.queryForObject("select definition_version from cases_case where application_id = ?",
                Integer.class, application);
    }
}

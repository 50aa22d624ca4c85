package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.web.RefusedException;

/**
 * Claim and assignment within a body (认领 / 分派) on the demo 开餐馆 process of 浑南区: the market regulation branch of
 * the parallel review is a task of the body's reviewers; one of them claims it, the body's approver assigns it.
 */
@TongbanIntegrationTest
class TaskClaimsIntegrationTests {

    private static final String FOOD = "011070001000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;

    private String itemCode;
    private UUID itemBody;
    private UUID housingBody;
    private SignedIn window;

    @BeforeEach
    void hunnanRestaurantProcess() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        housingBody = CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL");
        window = officer("认领窗口", itemBody, StaffRole.WINDOW_OFFICER);
    }

    @Test
    void anOfficerClaimsAnUnclaimedTaskAndOthersSeeWhoHoldsItAndCannotActOnIt() throws Exception {
        SignedIn first = officer("认领审查甲", itemBody, StaffRole.REVIEWER);
        SignedIn second = officer("认领审查乙", itemBody, StaffRole.REVIEWER);
        UUID id = accepted("认领申请人甲");
        TaskView task = only(processing.todo(first, CaseProcessing.TodoFilter.UNCLAIMED), id);
        assertThat(task.holderId()).isNull();

        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/claim").with(csrf()).with(as(first)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holderId").value(first.accountId().toString()))
                .andExpect(jsonPath("$.holderName").value("认领审查甲"));

        // The filters: mine for the holder, no longer unclaimed for anybody, still in the body's list with its holder.
        assertThat(ids(processing.todo(first, CaseProcessing.TodoFilter.MINE))).contains(task.id());
        assertThat(ids(processing.todo(second, CaseProcessing.TodoFilter.MINE))).doesNotContain(task.id());
        assertThat(ids(processing.todo(second, CaseProcessing.TodoFilter.UNCLAIMED))).doesNotContain(task.id());
        assertThat(only(processing.todo(second, CaseProcessing.TodoFilter.BODY), id).holderName())
                .isEqualTo("认领审查甲");
        mvc.perform(get("/api/v1/cases/tasks").param("show", "MINE").with(as(first)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", hasItem(task.id().toString())));
        mvc.perform(get("/api/v1/cases/tasks").param("show", "UNCLAIMED").with(as(second)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", not(hasItem(task.id().toString()))));
        mvc.perform(CaseFixtures.page(mvc, second, "/workbench/tasks?show=BODY"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(task.caseNumber())))
                .andExpect(content().string(containsString("认领审查甲")));

        // The other reviewer can neither claim it nor act on it: 409 with who holds it, in Chinese first.
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/claim").with(csrf()).with(as(second))
                        .header("Accept-Language", "zh-CN"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.task.held"))
                .andExpect(jsonPath("$.detail", containsString("认领审查甲")));
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/actions").with(csrf()).with(as(second))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"APPROVE\",\"version\":" + task.version() + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.task.held"));
        mvc.perform(post("/workbench/tasks/" + task.id() + "/claim").with(csrf()).with(as(second)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("actionError", containsString("认领审查甲")));
        TaskView.Detail seenByOther = processing.task(second, task.id());
        assertThat(seenByOther.actions()).isEmpty();
        assertThat(seenByOther.claimable()).isFalse();
        assertThat(seenByOther.releasable()).isFalse();
        mvc.perform(CaseFixtures.page(mvc, second, "/workbench/tasks/" + task.id()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("认领审查甲")))
                .andExpect(content().string(not(containsString("id=\"act\""))));
        // Releasing it is its holder's (or a leader's) business.
        assertThatThrownBy(() -> processing.release(second, task.id())).isInstanceOfSatisfying(
                CaseRefusedException.class, e -> assertThat(e.code()).isEqualTo("cases.task.held"));

        // The holder releases it: open to claim again; releasing twice is a conflict.
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/release").with(csrf()).with(as(first)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.holderId").doesNotExist());
        assertThat(ids(processing.todo(second, CaseProcessing.TodoFilter.UNCLAIMED))).contains(task.id());
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/release").with(csrf()).with(as(first)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("cases.task.not-held"));

        // The second reviewer claims it through the page and acts on it.
        mvc.perform(post("/workbench/tasks/" + task.id() + "/claim").with(csrf()).with(as(second)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("acted", "CLAIMED"));
        assertThat(processing.task(second, task.id()).actions()).contains(TaskAction.APPROVE);
        assertThatThrownBy(() -> processing.act(first, task.id(), task.version(), TaskAction.APPROVE, null))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.task.held"));
        processing.act(second, task.id(), task.version(), TaskAction.APPROVE,
                CaseProcessing.ActionInput.opinion("经营场所符合要求"));
        assertThat(jdbc.queryForObject("select acted_by_name from cases_task where id = ?", String.class, task.id()))
                .isEqualTo("认领审查乙");

        // Every claim and release is in the case history and on the audit trail.
        assertThat(steps(id)).containsExactly("CLAIMED 认领审查甲", "RELEASED 认领审查甲", "CLAIMED 认领审查乙");
        assertThat(audit(task.caseNumber())).containsExactly("TASK_CLAIMED 认领审查甲", "TASK_RELEASED 认领审查甲",
                "TASK_CLAIMED 认领审查乙");
        // The officers' case view shows the history.
        mvc.perform(CaseFixtures.page(mvc, first, "/workbench/tasks/" + task.id()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("认领办理")));
    }

    @Test
    void ofTwoOfficersClaimingTheSameTaskAtOnceExactlyOneGetsIt() throws Exception {
        for (int round = 0; round < 3; round++) {
            UUID id = accepted("同时认领" + round);
            List<SignedIn> reviewers = List.of(officer("同时甲" + round, itemBody, StaffRole.REVIEWER),
                    officer("同时乙" + round, itemBody, StaffRole.REVIEWER));
            TaskView task = only(processing.todo(reviewers.get(0)), id);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<TaskView>> claims = new ArrayList<>();
            try {
                for (SignedIn reviewer : reviewers) {
                    claims.add(pool.submit(() -> {
                        start.await();
                        return processing.claim(reviewer, task.id());
                    }));
                }
                start.countDown();
                int won = 0;
                List<String> lost = new ArrayList<>();
                for (Future<TaskView> claim : claims) {
                    try {
                        claim.get(30, TimeUnit.SECONDS);
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        CaseRefusedException refused = (CaseRefusedException) e.getCause();
                        assertThat(refused.reason()).isEqualTo(RefusedException.Reason.CONFLICT);
                        lost.add(refused.code());
                    }
                }
                assertThat(won).isEqualTo(1);
                assertThat(lost).containsExactly("cases.task.held");
            } finally {
                pool.shutdownNow();
            }
            assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? "
                    + "and kind = 'CLAIMED'", Integer.class, id)).isEqualTo(1);
            String holder = jdbc.queryForObject("select holder_name from cases_task where id = ?", String.class,
                    task.id());
            assertThat(holder).isIn("同时甲" + round, "同时乙" + round);
        }
    }

    @Test
    void overTheApiTheOfficerWhoLosesARaceToClaimGetsAConflict() throws Exception {
        UUID id = accepted("接口同时认领");
        List<SignedIn> reviewers = List.of(officer("接口同时甲", itemBody, StaffRole.REVIEWER),
                officer("接口同时乙", itemBody, StaffRole.REVIEWER));
        TaskView task = only(processing.todo(reviewers.get(0)), id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (SignedIn reviewer : reviewers) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/claim").with(csrf())
                            .with(as(reviewer))).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> claim : claims) {
                statuses.add(claim.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theApproverAssignsAndReassignsTheTaskToNamedOfficersOfTheBodyWithTheStepsRole() throws Exception {
        SignedIn leader = officer("分派负责人", itemBody, StaffRole.APPROVER);
        SignedIn first = staffAccount("分派审查甲", itemBody, StaffRole.REVIEWER);
        SignedIn second = staffAccount("分派审查乙", itemBody, StaffRole.REVIEWER);
        SignedIn windowStaff = staffAccount("分派窗口丙", itemBody, StaffRole.WINDOW_OFFICER);
        SignedIn elsewhere = staffAccount("分派住建丁", housingBody, StaffRole.REVIEWER);
        UUID id = accepted("分派申请人");
        TaskView task = only(processing.todo(first), id);
        // The leader sees the body's tasks of every role, to hand them out.
        assertThat(ids(processing.todo(leader, CaseProcessing.TodoFilter.BODY))).contains(task.id());

        // Candidates: active officers of the body with the step's role only.
        mvc.perform(get("/api/v1/cases/tasks/" + task.id() + "/assignees").with(as(leader)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem("分派审查甲")))
                .andExpect(jsonPath("$[*].name", hasItem("分派审查乙")))
                .andExpect(jsonPath("$[*].name", not(hasItem("分派窗口丙"))))
                .andExpect(jsonPath("$[*].name", not(hasItem("分派住建丁"))));
        mvc.perform(CaseFixtures.page(mvc, leader, "/workbench/tasks/" + task.id()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"assign\"")))
                .andExpect(content().string(containsString("分派审查乙")));

        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/assignment").with(csrf()).with(as(leader))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assignee\":\"" + first.accountId() + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.holderName").value("分派审查甲"));
        assertThat(ids(processing.todo(first, CaseProcessing.TodoFilter.MINE))).contains(task.id());
        assertThatThrownBy(() -> processing.claim(second, task.id())).isInstanceOfSatisfying(
                CaseRefusedException.class, e -> assertThat(e.code()).isEqualTo("cases.task.held"));

        // Reassigned through the page.
        mvc.perform(post("/workbench/tasks/" + task.id() + "/assignment").with(csrf()).with(as(leader))
                        .param("assignee", second.accountId().toString()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("acted", "ASSIGNED"));
        assertThat(processing.task(second, task.id()).task().holderName()).isEqualTo("分派审查乙");
        assertThatThrownBy(() -> processing.act(first, task.id(), task.version(), TaskAction.APPROVE, null))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.task.held"));

        // Nobody outside the body or without the step's role; nobody but the leader assigns.
        for (SignedIn wrong : List.of(windowStaff, elsewhere)) {
            mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/assignment").with(csrf()).with(as(leader))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"assignee\":\"" + wrong.accountId() + "\"}"))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.code").value("cases.task.assignee-invalid"));
        }
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/assignment").with(csrf()).with(as(second))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assignee\":\"" + second.accountId() + "\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("cases.task.role-required"));
        mvc.perform(get("/api/v1/cases/tasks/" + task.id() + "/assignees").with(as(second)))
                .andExpect(status().isForbidden());

        // The leader takes it back; it is open to claim again.
        processing.release(leader, task.id());
        assertThat(ids(processing.todo(first, CaseProcessing.TodoFilter.UNCLAIMED))).contains(task.id());

        assertThat(steps(id)).containsExactly("ASSIGNED 分派负责人", "ASSIGNED 分派负责人", "RELEASED 分派负责人");
        assertThat(jdbc.queryForList("select note from cases_step where application_id = ? and kind in "
                + "('ASSIGNED', 'RELEASED') order by id", String.class, id))
                .containsExactly("分派审查甲", "分派审查甲 → 分派审查乙", "分派审查乙");
        assertThat(audit(task.caseNumber())).containsExactly("TASK_ASSIGNED 分派负责人", "TASK_ASSIGNED 分派负责人",
                "TASK_RELEASED 分派负责人");
    }

    @Test
    void officersOfAnotherBodyAreToldTheTaskDoesNotExist() throws Exception {
        SignedIn reviewer = officer("他部门审查", itemBody, StaffRole.REVIEWER);
        SignedIn fire = officer("他部门住建", housingBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        UUID id = accepted("他部门申请人");
        TaskView task = only(processing.todo(reviewer), id);

        for (String action : List.of("claim", "release")) {
            mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/" + action).with(csrf()).with(as(fire)))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("cases.task.not-found"));
        }
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/assignment").with(csrf()).with(as(fire))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"assignee\":\"" + fire.accountId() + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases/tasks/" + task.id() + "/assignees").with(as(fire)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/workbench/tasks/" + task.id() + "/claim").with(csrf()).with(as(fire)))
                .andExpect(status().isNotFound());
        // A window officer of the body lacks the review step's role.
        mvc.perform(post("/api/v1/cases/tasks/" + task.id() + "/claim").with(csrf()).with(as(window)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("cases.task.role-required"));
        assertThat(jdbc.queryForObject("select holder_id from cases_task where id = ?", UUID.class, task.id()))
                .isNull();
    }

    // --- fixtures

    /** An application of 开餐馆 accepted on Monday 2 March 2026: its three review branches are open. */
    private UUID accepted(String applicantName) {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), applicantName);
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        return id;
    }

    /** A staff account of the body as identity keeps it (active, with the roles), signed in. */
    private SignedIn staffAccount(String name, UUID body, StaffRole... roles) {
        UUID account = UUID.randomUUID();
        jdbc.update("""
                insert into identity_account (id, kind, name, id_type, id_number_cipher, id_number_hash,
                    id_number_masked, phone_cipher, phone_hash, phone_masked, password_hash, assurance_level)
                values (?, 'STAFF', ?, 'RESIDENT_ID', 'test', ?, '210112********0000', 'test', ?, '138****0000', 'test', 3)""",
                account, name, "claims-id-" + account, "claims-phone-" + account);
        jdbc.update("insert into identity_staff_assignment (account_id, body_id, division_code, roles, data_scope) "
                + "values (?, ?, '210112', ?, 'BODY')", account, body,
                java.util.Arrays.stream(roles).map(Enum::name).collect(Collectors.joining(",")));
        return new SignedIn(account, name, true, 3, EnumSet.of(roles[0], roles), body, "210112", null);
    }

    private List<String> steps(UUID id) {
        return jdbc.queryForList("select kind || ' ' || actor_name from cases_step where application_id = ? and kind in "
                + "('CLAIMED', 'RELEASED', 'ASSIGNED') order by id", String.class, id);
    }

    private List<String> audit(String caseNumber) {
        return jdbc.queryForList("select action || ' ' || actor_name from platform_audit_event where module = 'cases' "
                + "and target_id = ? and action in ('TASK_CLAIMED', 'TASK_RELEASED', 'TASK_ASSIGNED') "
                + "order by occurred_at, id", String.class, caseNumber);
    }

    private static List<UUID> ids(List<TaskView> tasks) {
        return tasks.stream().map(TaskView::id).toList();
    }
}

package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.person;

import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.audit.AuditTrail;

/**
 * The reform task progress table (工作任务进度表) loaded from the Liaoning 2017 plan (seeds/001): every staff member
 * reads it, citizens do not; supervisors of the province keep a task's status and note (audited), with the rules
 * (a delayed task says why, a known status, a note of bounded length) and optimistic locking; the page keeps what was
 * typed when a change is refused. Each test changes a task of its own.
 */
@TongbanIntegrationTest
class ReformTasksIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReformTasks tasks;
    @Autowired
    AuditTrail audit;

    private SignedIn provinceSupervisor;
    private SignedIn shenyangSupervisor;
    private SignedIn window;

    @BeforeEach
    void people() {
        UUID market = CaseFixtures.body(jdbc, "MARKET_REGULATION");
        provinceSupervisor = new SignedIn(UUID.randomUUID(), "省监察任务", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                market, "210000", null);
        shenyangSupervisor = new SignedIn(UUID.randomUUID(), "沈阳监察任务", true, 3,
                EnumSet.of(StaffRole.SUPERVISOR), market, "210100", null);
        window = officer("任务窗口", market, StaffRole.WINDOW_OFFICER);
    }

    @Test
    void everyStaffMemberReadsTheTasksOfThePlanWithTheirMilestonesAndCitizensDoNot() throws Exception {
        mvc.perform(get("/api/v1/supervision/tasks").with(as(window)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.seq == 1 && @.planYear == 2017)].title")
                        .value(hasItem("编制政务服务事项目录，优化服务流程，规范办事指南")))
                .andExpect(jsonPath("$[?(@.seq == 1 && @.planYear == 2017)].leadBodies").value(hasItem("省编委办")))
                .andExpect(jsonPath("$[?(@.seq == 6 && @.planYear == 2017)].milestones[3].target")
                        .value(hasItem("启动省电子政务外网平台三期工程。")))
                .andExpect(jsonPath("$[?(@.seq == 1 && @.planYear == 2017)].editable").value(hasItem(false)));
        assertThat(tasks.list(window)).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(t -> assertThat(t.milestones()).hasSize(4))
                .allSatisfy(t -> assertThat(t.source()).contains("seeds/001_dfbd2bfa848f04a6.txt"));
        mvc.perform(get("/api/v1/supervision/tasks").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.tasks.staff-only"));
        mvc.perform(CaseFixtures.page(mvc, window, "/workbench/supervision/tasks"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("建设政务信息资源共享交换平台")))
                .andExpect(content().string(containsString("第一季度")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("name=\"status\""))));
    }

    @Test
    void aProvinceSupervisorSetsStatusAndNoteAuditedAndOthersMayNot() throws Exception {
        ReformTasks.Task task = task(2);
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(window))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"note\":\"x\",\"version\":" + task.version() + "}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.tasks.editors-only"));
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(shenyangSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"note\":\"x\",\"version\":" + task.version() + "}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/supervision/tasks/" + UUID.randomUUID() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"note\":\"x\",\"version\":0}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.tasks.not-found"));

        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"ON_TRACK\",\"note\":\"已完成可研报告编制\",\"version\":"
                                + task.version() + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ON_TRACK"))
                .andExpect(jsonPath("$.note").value("已完成可研报告编制"))
                .andExpect(jsonPath("$.updatedBy").value("省监察任务"))
                .andExpect(jsonPath("$.version").value((int) task.version() + 1))
                .andExpect(jsonPath("$.editable").value(true));
        assertThat(audit.about("reform-task", task.id().toString(), 5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("reform-task.updated");
            assertThat(e.actorName()).isEqualTo("省监察任务");
        });
        // The version read before is stale now.
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"note\":\"\",\"version\":" + task.version() + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("supervision.tasks.changed"));
        assertThat(task(2).status()).isEqualTo(ReformTasks.Status.ON_TRACK);
    }

    @Test
    void aRefusedChangeChangesNothingAndThePageKeepsWhatWasTyped() throws Exception {
        ReformTasks.Task task = task(4);
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DELAYED\",\"note\":\"  \",\"version\":" + task.version() + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.tasks.note-required"));
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"LATE\",\"note\":\"x\",\"version\":" + task.version() + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.tasks.status-invalid"));
        mvc.perform(post("/api/v1/supervision/tasks/" + task.id() + "/progress").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"ON_TRACK\",\"note\":\"" + "长".repeat(1001) + "\",\"version\":"
                                + task.version() + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.tasks.note-too-long"));
        assertThat(task(4).version()).isEqualTo(task.version());

        jakarta.servlet.http.Cookie session = mvc.perform(get("/signin")).andReturn().getResponse()
                .getCookie("SESSION");
        mvc.perform(post("/workbench/supervision/tasks/" + task.id()).with(as(provinceSupervisor)).with(csrf())
                        .cookie(session).param("status", "DELAYED").param("note", "")
                        .param("version", String.valueOf(task.version())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("任务滞后时请填写进展情况")))
                .andExpect(content().string(containsString("<option value=\"DELAYED\" selected=\"selected\"")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        // Without the CSRF token the form is refused.
        mvc.perform(post("/workbench/supervision/tasks/" + task.id()).with(as(provinceSupervisor))
                        .param("status", "DONE").param("note", "完成").param("version", String.valueOf(task.version())))
                .andExpect(status().isForbidden());
        assertThat(task(4).status()).isEqualTo(task.status());

        mvc.perform(post("/workbench/supervision/tasks/" + task.id()).with(as(provinceSupervisor)).with(csrf())
                        .param("status", "DELAYED").param("note", "中介服务事项清单待部门确认")
                        .param("version", String.valueOf(task.version())))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/workbench/supervision/tasks#task-" + task.id()));
        assertThat(task(4).status()).isEqualTo(ReformTasks.Status.DELAYED);
        assertThat(task(4).note()).isEqualTo("中介服务事项清单待部门确认");
    }

    private ReformTasks.Task task(int seq) {
        return tasks.list(provinceSupervisor).stream().filter(t -> t.planYear() == 2017 && t.seq() == seq)
                .findFirst().orElseThrow();
    }
}

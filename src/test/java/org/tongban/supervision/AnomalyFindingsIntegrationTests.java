package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import static org.tongban.cases.CaseFixtures.person;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseSuspended;
import org.tongban.cases.SpecialProcedureKind;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The anomaly rules of electronic supervision on real cases of the demo 开餐馆 process (食品经营许可, 浑南区), handled
 * through the cases module's services: each rule fires on the case that breaks it and stays silent on a clean one
 * (checked once every event about the clean case has been handled), and supervisors review the findings within their
 * divisions.
 */
@TongbanIntegrationTest
class AnomalyFindingsIntegrationTests {

    private static final String FOOD = "011070001000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    CaseFacts facts;
    @Autowired
    Findings findings;
    @Autowired
    AnomalyRules rules;

    private String itemCode;
    private UUID itemBody;
    private SignedIn window;
    private SignedIn approver;
    private SignedIn marketReviewer;
    private SignedIn fireReviewer;
    private SignedIn healthReviewer;
    private SignedIn provinceSupervisor;
    private SignedIn dalianSupervisor;

    @BeforeEach
    void hunnanRestaurantProcess() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        window = officer("异常窗口甲", itemBody, StaffRole.WINDOW_OFFICER);
        marketReviewer = officer("异常市监乙", itemBody, StaffRole.REVIEWER);
        approver = officer("异常负责人丙", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        fireReviewer = officer("异常住建丁", CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL"), StaffRole.REVIEWER);
        healthReviewer = officer("异常卫健戊", CaseFixtures.body(jdbc, "HEALTH"), StaffRole.REVIEWER);
        provinceSupervisor = new SignedIn(UUID.randomUUID(), "省监察异常", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                CaseFixtures.body(jdbc, "HEALTH"), "210000", null);
        dalianSupervisor = new SignedIn(UUID.randomUUID(), "大连监察异常", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                CaseFixtures.body(jdbc, "HEALTH"), "210200", null);
    }

    @Test
    void acceptingWhileARequiredMaterialIsMissingIsAFindingAndACompleteApplicationIsNot() throws Exception {
        UUID incomplete = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "缺材料申请人");
        List<CaseFacts.MissingMaterial> missing = facts.missingRequiredMaterials(incomplete);
        assertThat(missing).isNotEmpty();
        UUID complete = submitted("齐材料申请人");
        assertThat(facts.missingRequiredMaterials(complete)).isEmpty();

        acceptance.withClock(at("2026-03-02T09:00")).accept(window, complete, CaseFixtures.version(jdbc, complete));
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, incomplete,
                CaseFixtures.version(jdbc, incomplete));

        FindingView finding = await(incomplete, AnomalyRule.MISSING_REQUIRED_MATERIAL);
        assertThat(finding.evidence()).contains("2026-03-02").contains(missing.get(0).name());
        assertThat(finding.status()).isEqualTo("OPEN");
        assertThat(finding.divisionCode()).isEqualTo("210112");
        handled(complete);
        assertThat(findingsOf(complete)).isEmpty();
    }

    @Test
    void aSecondNoticeAskingForSomethingNewAndADemandOutsideTheGuideAreFindingsWithoutPersonalData() throws Exception {
        UUID id = submitted("补正申请人");
        UUID clean = submitted("一次告知申请人");
        List<String> guide = facts.of(id).orElseThrow().guideMaterials();
        ApplicationView.Deficiency first = new ApplicationView.Deficiency("MATERIAL", "0", guide.get(0), "不清晰");
        acceptance.withClock(at("2026-03-02T09:00")).requestCorrections(window, clean,
                CaseFixtures.version(jdbc, clean), List.of(first));
        acceptance.withClock(at("2026-03-02T09:00")).requestCorrections(window, id, CaseFixtures.version(jdbc, id),
                List.of(first));
        // The applicant resubmits (as CasesIntegrationTests does through the pages); the window asks again.
        jdbc.update("update cases_application set status = 'SUBMITTED', version = version + 1 where id = ?", id);
        acceptance.withClock(at("2026-03-04T09:00")).requestCorrections(window, id, CaseFixtures.version(jdbc, id),
                List.of(first, new ApplicationView.Deficiency("FIELD", "business.scope", "经营范围", "表述不规范"),
                        new ApplicationView.Deficiency("MATERIAL", "99", "无犯罪记录证明（联系13912345678）", "需补充")));

        FindingView repeated = await(id, AnomalyRule.REPEATED_NOTICE);
        assertThat(repeated.evidence()).contains("第2次").contains("经营范围").contains("无犯罪记录证明")
                .doesNotContain(guide.get(0) + "、");
        FindingView extra = await(id, AnomalyRule.EXTRA_DEMAND);
        assertThat(extra.evidence()).contains("无犯罪记录证明").doesNotContain("13912345678")
                .contains("手机号码已隐去");
        handled(clean);
        assertThat(findingsOf(clean)).isEmpty();
    }

    @Test
    void aSpecialProcedureTooLongOrWithoutNoticeIsAFindingAndAShortOneIsNot() throws Exception {
        UUID longOne = accepted("特别程序长");
        UUID running = accepted("特别程序未结束");
        UUID shortOne = accepted("特别程序短");
        CaseProcessing tuesday = processing.withClock(at("2026-03-03T10:00"));
        for (UUID id : List.of(longOne, running, shortOne)) {
            TaskView fire = only(tuesday.todo(fireReviewer), id);
            tuesday.act(fireReviewer, fire.id(), fire.version(), TaskAction.SPECIAL_START,
                    new CaseProcessing.ActionInput("消防设施需专家评审", null, SpecialProcedureKind.EXPERT_REVIEW, null,
                            null));
        }
        end(longOne, "2026-05-06T10:00");
        end(shortOne, "2026-03-05T10:00");

        FindingView tooLong = await(longOne, AnomalyRule.SUSPENSION_TOO_LONG);
        assertThat(tooLong.evidence()).contains("专家评审").contains("2026-03-03").contains("30 个工作日");
        handled(shortOne);
        handled(running);
        assertThat(findingsOf(shortOne)).isEmpty();
        // The engine always tells the applicant in writing: no finding for want of a notice.
        assertThat(findingsOf(running)).isEmpty();

        // Still running past its limit: the scan finds it (once).
        rules.scanSuspensions(LocalDate.parse("2026-03-20"));
        assertThat(findingsOf(running)).isEmpty();
        rules.scanSuspensions(LocalDate.parse("2026-05-06"));
        assertThat(findingsOf(running)).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(AnomalyRule.SUSPENSION_TOO_LONG))
                .satisfies(f -> assertThat(f.evidence()).contains("仍未结束"));
        rules.scanSuspensions(LocalDate.parse("2026-05-07"));
        assertThat(findingsOf(running)).hasSize(1);

        // A suspension no written notice is on record for (e.g. reported by another system); the listener runs
        // asynchronously even when called directly.
        String number = caseNumber(shortOne);
        rules.on(new CaseSuspended(shortOne, number, UUID.randomUUID(), "HEARING", LocalDate.parse("2026-03-09"),
                null, 0));
        FindingView withoutNotice = await(shortOne, AnomalyRule.SUSPENSION_WITHOUT_NOTICE);
        assertThat(withoutNotice.evidence()).contains("听证").contains("未见向申请人的书面告知");
        assertThat(findingsOf(shortOne)).hasSize(1);
    }

    @Test
    void aDecisionAfterTheDeadlineIsAFindingAndOneInTimeIsNot() throws Exception {
        UUID late = accepted("超期决定");
        UUID inTime = accepted("按期决定");
        decide(inTime, "2026-03-03T10:00");
        decide(late, "2026-07-01T10:00");
        FindingView finding = await(late, AnomalyRule.LATE_DECISION);
        assertThat(finding.evidence()).contains("2026-07-01").contains("已超过法定期限");
        handled(inTime);
        assertThat(findingsOf(inTime)).isEmpty();
    }

    @Test
    void repeatedReturnsAreAFindingAndASingleReturnIsNot() throws Exception {
        UUID twice = accepted("两次退回");
        UUID once = accepted("一次退回");
        CaseProcessing day = processing.withClock(at("2026-03-03T10:00"));
        for (int round = 0; round < 2; round++) {
            for (UUID id : round == 0 ? List.of(twice, once) : List.of(twice)) {
                reviewAll(day, id);
                TaskView decide = only(day.todo(approver), id);
                day.act(approver, decide.id(), decide.version(), TaskAction.RETURN,
                        new CaseProcessing.ActionInput("请重新审查", "joint", null, null, null));
            }
        }
        FindingView finding = await(twice, AnomalyRule.REPEATED_RETURNS);
        assertThat(finding.evidence()).contains("2 次");
        handled(once);
        assertThat(findingsOf(once)).isEmpty();
    }

    @Test
    void onlyAReturnLeavesAStepPublicationForTheReturnsRuleApprovalsLeaveNone() throws Exception {
        // A delivered publication is deleted at once (spring.modulith.events.completion-mode=delete), so the registry's
        // inserts are recorded as they happen, by a trigger that lives as long as this test.
        jdbc.execute("create table test_step_publication (serialized_event text not null)");
        jdbc.execute("""
                create function test_record_step_publication() returns trigger language plpgsql as $$
                begin
                    insert into test_step_publication values (new.serialized_event);
                    return new;
                end $$""");
        jdbc.execute("create trigger test_record_step_publication after insert on event_publication for each row "
                + "when (new.event_type like '%CaseReturned') execute function test_record_step_publication()");
        try {
            UUID id = accepted("只记退回");
            CaseProcessing day = processing.withClock(at("2026-03-03T10:00"));
            reviewAll(day, id);
            assertThat(stepPublications(id)).isZero();
            TaskView decide = only(day.todo(approver), id);
            day.act(approver, decide.id(), decide.version(), TaskAction.RETURN,
                    new CaseProcessing.ActionInput("请重新审查", "joint", null, null, null));
            assertThat(stepPublications(id)).isEqualTo(1);
            handled(id);
        } finally {
            jdbc.execute("drop trigger test_record_step_publication on event_publication");
            jdbc.execute("drop function test_record_step_publication()");
            jdbc.execute("drop table test_step_publication");
        }
    }

    private int stepPublications(UUID application) {
        return jdbc.queryForObject("select count(*) from test_step_publication where serialized_event like ?",
                Integer.class, "%" + application + "%");
    }

    @Test
    void supervisorsOfTheDivisionFilterAndReviewFindingsAndAnotherCitysSupervisorsDoNotSeeThem() throws Exception {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "核查申请人");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        FindingView finding = await(id, AnomalyRule.MISSING_REQUIRED_MATERIAL);
        String caseNumber = caseNumber(id);

        // Filters: by rule, status and body.
        mvc.perform(get("/api/v1/supervision/findings").with(as(provinceSupervisor))
                        .param("rule", "MISSING_REQUIRED_MATERIAL").param("status", "OPEN")
                        .param("body", itemBody.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + finding.id() + "')].caseNumber").value(caseNumber));
        assertThat(findings.list(provinceSupervisor, AnomalyRule.LATE_DECISION, null, null))
                .noneMatch(f -> f.id().equals(finding.id()));
        assertThat(findings.list(provinceSupervisor, null, "DISMISSED", null))
                .noneMatch(f -> f.id().equals(finding.id()));
        assertThat(findings.list(provinceSupervisor, null, null, UUID.randomUUID())).isEmpty();
        mvc.perform(get("/api/v1/supervision/findings").with(as(provinceSupervisor)).param("status", "LOST"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.finding.status-unknown"));

        // Another city's supervisor: not found; staff who are not supervisors and citizens: forbidden.
        assertThat(findings.list(dalianSupervisor, null, null, null)).noneMatch(f -> f.id().equals(finding.id()));
        mvc.perform(get("/api/v1/supervision/findings/" + finding.id()).with(as(dalianSupervisor)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.finding.not-found"));
        mvc.perform(post("/api/v1/supervision/findings/" + finding.id() + "/review").with(as(dalianSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"DISMISSED\",\"reason\":\"不在本市\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/supervision/findings").with(as(approver))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.supervisors-only"));
        mvc.perform(get("/api/v1/supervision/findings").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isForbidden());

        // The page lists it with its evidence and the filter; a dismissal without a reason keeps the form.
        var session = session();
        mvc.perform(get("/workbench/supervision/findings").with(as(provinceSupervisor)).cookie(session)
                        .param("rule", "MISSING_REQUIRED_MATERIAL"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(containsString("缺少必要材料仍受理")))
                .andExpect(content().string(containsString("name=\"reason\"")));
        mvc.perform(post("/workbench/supervision/findings/" + finding.id() + "/review").with(csrf())
                        .with(as(provinceSupervisor)).cookie(session).param("decision", "DISMISSED")
                        .param("reason", "  "))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("reviewError", "排除异常须说明理由。"));
        mvc.perform(post("/api/v1/supervision/findings/" + finding.id() + "/review").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"DISMISSED\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.finding.reason-missing"));
        assertThat(findings.get(provinceSupervisor, finding.id()).status()).isEqualTo("OPEN");

        mvc.perform(post("/workbench/supervision/findings/" + finding.id() + "/review").with(csrf())
                        .with(as(provinceSupervisor)).cookie(session).param("decision", "DISMISSED")
                        .param("reason", "纸质材料已在窗口当场核验，系统未登记"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("reviewedFinding", finding.id()));
        FindingView reviewed = findings.get(provinceSupervisor, finding.id());
        assertThat(reviewed.status()).isEqualTo("DISMISSED");
        assertThat(reviewed.reviewReason()).isEqualTo("纸质材料已在窗口当场核验，系统未登记");
        assertThat(reviewed.reviewerName()).isEqualTo("省监察异常");
        assertThat(reviewed.reviewedAt()).isNotNull();
        mvc.perform(post("/api/v1/supervision/findings/" + finding.id() + "/review").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"CONFIRMED\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("supervision.finding.already-reviewed"));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and action = 'finding.dismissed' and target_id = ?", Integer.class, finding.id().toString()))
                .isEqualTo(1);

        // A confirmation needs no reason; the case record shows both.
        UUID other = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "核查申请人乙");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, other, CaseFixtures.version(jdbc, other));
        FindingView second = await(other, AnomalyRule.MISSING_REQUIRED_MATERIAL);
        mvc.perform(post("/api/v1/supervision/findings/" + second.id() + "/review").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"CONFIRMED\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.reviewerName").value("省监察异常"));
        mvc.perform(get("/workbench/supervision/cases/" + id).with(as(provinceSupervisor)).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("纸质材料已在窗口当场核验")))
                .andExpect(content().string(not(containsString("核查申请人"))));
        mvc.perform(get("/workbench/supervision").with(as(provinceSupervisor)).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/workbench/supervision/findings")));
    }

    // --- fixtures

    /** A received application with a file for every required material (a clean case). */
    private UUID submitted(String name) {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), name);
        for (CaseFacts.MissingMaterial m : facts.missingRequiredMaterials(id)) {
            jdbc.update("""
                    insert into cases_material (id, application_id, requirement_index, requirement_name, file_name,
                        content_type, size_bytes, sha256, storage_key, uploaded_at)
                    values (?, ?, ?, ?, 'm.pdf', 'application/pdf', 10, ?, 'none', now())""", UUID.randomUUID(), id,
                    m.index(), m.name(), "0".repeat(64));
        }
        return id;
    }

    private UUID accepted(String name) {
        UUID id = submitted(name);
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        return id;
    }

    private void reviewAll(CaseProcessing day, UUID id) {
        for (SignedIn reviewer : List.of(fireReviewer, healthReviewer, marketReviewer)) {
            TaskView task = only(day.todo(reviewer), id);
            day.act(reviewer, task.id(), task.version(), TaskAction.APPROVE, null);
        }
    }

    private void decide(UUID id, String when) {
        CaseProcessing day = processing.withClock(at(when));
        reviewAll(day, id);
        TaskView decide = only(day.todo(approver), id);
        day.act(approver, decide.id(), decide.version(), TaskAction.GRANT, new CaseProcessing.ActionInput(
                "符合条件", null, null, "《中华人民共和国食品安全法》第三十五条", null));
    }

    private void end(UUID id, String when) {
        CaseProcessing day = processing.withClock(at(when));
        TaskView fire = only(day.todo(fireReviewer), id);
        day.act(fireReviewer, fire.id(), fire.version(), TaskAction.SPECIAL_END,
                CaseProcessing.ActionInput.opinion("评审通过"));
    }

    private List<FindingView> findingsOf(UUID application) {
        return findings.list(provinceSupervisor, null, null, null).stream()
                .filter(f -> f.applicationId().equals(application)).toList();
    }

    private FindingView await(UUID application, AnomalyRule rule) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<FindingView> found = findingsOf(application).stream().filter(f -> f.rule() == rule).toList();
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("a %s finding for %s within 15 s", rule, application)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until every event published about the application has been handled by its listeners. */
    private void handled(UUID application) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (jdbc.queryForObject("select count(*) from event_publication where completion_date is null "
                + "and serialized_event like ?", Integer.class, "%" + application + "%") > 0) {
            assertThat(System.nanoTime()).as("events about %s handled within 15 s", application)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String caseNumber(UUID id) {
        return jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id);
    }

    private jakarta.servlet.http.Cookie session() throws Exception {
        jakarta.servlet.http.Cookie session = mvc.perform(get("/signin")).andReturn().getResponse()
                .getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }
}

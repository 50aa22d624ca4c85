package org.tongban.cases;

import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The handling engine end to end on the demo 开餐馆 process (食品经营许可 of 浑南区): one acceptance, three parallel
 * reviews in the district's market regulation, housing (fire safety) and health bodies, the join, the decision and
 * completion, with the legal clock on the working-day calendar.
 */
@TongbanIntegrationTest
@RecordApplicationEvents
class CaseProcessingIntegrationTests {

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
    DeadlineWatch deadlines;
    @Autowired
    ApplicationEvents events;

    private String itemCode;
    private UUID itemBody;
    private UUID housingBody;
    private UUID healthBody;
    private SignedIn window;
    private SignedIn marketReviewer;
    private SignedIn approver;
    private SignedIn fireReviewer;
    private SignedIn healthReviewer;

    @BeforeEach
    void hunnanRestaurantProcess() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        housingBody = body("HOUSING_URBAN_RURAL");
        healthBody = body("HEALTH");
        window = officer("窗口甲", itemBody, StaffRole.WINDOW_OFFICER);
        marketReviewer = officer("市监审查乙", itemBody, StaffRole.REVIEWER);
        approver = officer("市监负责人丙", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        fireReviewer = officer("住建审查丁", housingBody, StaffRole.REVIEWER);
        healthReviewer = officer("卫健审查戊", healthBody, StaffRole.REVIEWER);
    }

    @Test
    void aParallelCaseRunsThroughThreeBodiesJoinsIsGrantedAndCompleted() throws Exception {
        Clock monday = at("2026-03-02T09:00");
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "并联甲");
        acceptance.withClock(monday).accept(window, id, version(id));

        CaseProgress progress = processing.withClock(monday).progress(person(applicant), id);
        assertThat(progress.state()).isEqualTo("RUNNING");
        assertThat(progress.joint()).isTrue();
        // Promised 5 working days; joint handling: 45 working days in law (行政许可法 Art. 42 para. 2).
        assertThat(progress.dueOn()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(progress.legalDueOn()).isEqualTo(LocalDate.of(2026, 5, 8));
        assertThat(progress.current()).extracting(TaskView::bodyId)
                .containsExactlyInAnyOrder(itemBody, housingBody, healthBody);
        // Each branch its own deadline: 3 working days.
        assertThat(progress.current()).allSatisfy(t -> assertThat(t.dueOn()).isEqualTo(LocalDate.of(2026, 3, 5)));
        assertThat(events.stream(CaseAccepted.class).filter(e -> e.applicationId().equals(id))).hasSize(1);

        // Each body sees only its own branch.
        TaskView fire = only(processing.withClock(monday).todo(fireReviewer), id);
        assertThat(fire.branchName()).isEqualTo("消防安全检查");
        assertThat(fire.remainingWorkingDays()).isEqualTo(3);
        TaskView health = only(processing.todo(healthReviewer), id);
        TaskView market = only(processing.todo(marketReviewer), id);

        CaseProcessing tuesday = processing.withClock(at("2026-03-03T10:00"));
        tuesday.act(fireReviewer, fire.id(), fire.version(), TaskAction.APPROVE,
                CaseProcessing.ActionInput.opinion("疏散通道符合要求"));
        tuesday.act(healthReviewer, health.id(), health.version(), TaskAction.APPROVE, null);
        assertThat(openTasks(id)).hasSize(1);
        // The officer page: approve the last branch with an opinion.
        mvc.perform(get("/workbench/tasks").with(as(marketReviewer)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(market.id().toString())));
        mvc.perform(post("/workbench/tasks/" + market.id() + "/actions").with(csrf()).with(as(marketReviewer))
                        .param("version", String.valueOf(market.version())).param("action", "APPROVE")
                        .param("opinion", "经营场所符合食品安全要求"))
                .andExpect(status().is3xxRedirection());

        // Joined: one decision task for the approver of the item's body.
        List<TaskView> decide = processing.todo(approver).stream().filter(t -> t.applicationId().equals(id)).toList();
        assertThat(decide).singleElement().satisfies(t -> {
            assertThat(t.nodeKind()).isEqualTo("DECISION");
            assertThat(t.role()).isEqualTo("APPROVER");
        });
        TaskView.Detail detail = processing.task(approver, decide.get(0).id());
        assertThat(detail.actions()).contains(TaskAction.GRANT, TaskAction.REFUSE, TaskAction.RETURN);
        assertThat(detail.progress().tasks()).extracting(TaskView::opinion).contains("疏散通道符合要求",
                "经营场所符合食品安全要求");
        CaseProcessing wednesday = processing.withClock(at("2026-03-04T11:00"));
        wednesday.act(approver, decide.get(0).id(), decide.get(0).version(), TaskAction.GRANT,
                new CaseProcessing.ActionInput("符合《食品经营许可和备案管理办法》规定的条件", null, null,
                        "《中华人民共和国食品安全法》第三十五条", null));

        CaseDecided decided = events.stream(CaseDecided.class).filter(e -> e.applicationId().equals(id)).findFirst()
                .orElseThrow();
        assertThat(decided.outcome()).isEqualTo("GRANTED");
        assertThat(decided.itemCode()).isEqualTo(itemCode);
        assertThat(decided.bodyId()).isEqualTo(itemBody);
        assertThat(decided.applicantAccount()).isEqualTo(applicant);
        assertThat(decided.resultType()).isEqualTo("LICENCE");
        assertThat(decided.resultName()).isEqualTo("食品经营许可证");
        // 文号 of the deciding body for the year (行政许可法 Art. 38): prefix derived from 沈阳市浑南区市场监督管理局.
        assertThat(decided.decisionNumber()).matches("浑南市监许字〔2026〕第\\d{5}号");

        // 制证 within 10 working days of the decision (Art. 44), then 送达 and 办结.
        TaskView certify = only(wednesday.todo(window), id);
        assertThat(certify.nodeName()).isEqualTo("制证");
        assertThat(certify.dueOn()).isEqualTo(LocalDate.of(2026, 3, 18));
        wednesday.act(window, certify.id(), certify.version(), TaskAction.APPROVE, null);
        TaskView deliver = only(wednesday.todo(window), id);
        assertThat(deliver.nodeName()).isEqualTo("送达");
        wednesday.act(window, deliver.id(), deliver.version(), TaskAction.APPROVE,
                CaseProcessing.ActionInput.opinion("电子送达"));

        CaseProgress done = processing.progress(person(applicant), id);
        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.current()).isEmpty();
        assertThat(events.stream(CaseCompleted.class).filter(e -> e.applicationId().equals(id)))
                .singleElement().satisfies(e -> assertThat(e.onTime()).isTrue());
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? "
                + "and kind like 'TASK_%'", Integer.class, id)).isEqualTo(6);
        // History is immutable.
        assertThatThrownBy(() -> jdbc.update("update cases_step set note = 'x' where application_id = ?", id))
                .hasMessageContaining("append-only");

        mvc.perform(CaseFixtures.page(mvc, person(applicant), "/account/cases/" + id))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已办结")))
                .andExpect(content().string(containsString("准予许可")))
                .andExpect(content().string(containsString(decided.decisionNumber())))
                .andExpect(content().string(containsString("消防安全检查")))
                // Officers' internal opinions are not shown to the applicant.
                .andExpect(content().string(not(containsString("疏散通道符合要求"))));
        mvc.perform(get("/api/v1/cases/applications/" + id + "/progress").with(as(person(applicant))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.outcome").value("GRANTED"));
    }

    @Test
    void theToDoListComesInPagesMostUrgentFirstAndRefusesABadPage() throws Exception {
        UUID early = UUID.randomUUID(), middle = UUID.randomUUID(), late = UUID.randomUUID();
        Map<UUID, String> acceptedOn = Map.of(early, "2026-02-23T09:00", middle, "2026-03-02T09:00",
                late, "2026-03-09T09:00");
        Map<UUID, UUID> cases = new java.util.HashMap<>();
        for (UUID applicant : List.of(late, early, middle)) {
            UUID id = submitted(applicant, "分页" + applicant.toString().substring(0, 4));
            acceptance.withClock(at(acceptedOn.get(applicant))).accept(window, id, version(id));
            cases.put(applicant, id);
        }

        // Every page of two, read until the last: the same tasks as the whole list, running ones before paused ones,
        // each group by due date.
        List<TaskView> paged = new java.util.ArrayList<>();
        CaseProcessing.TodoPage page;
        int n = 0;
        do {
            page = processing.todo(fireReviewer, CaseProcessing.TodoFilter.BODY, n++, 2);
            assertThat(page.tasks()).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page.tasks());
        } while (page.more());
        assertThat(paged).extracting(TaskView::id)
                .containsExactlyElementsOf(processing.todo(fireReviewer).stream().map(TaskView::id).toList());
        assertThat(paged).isSortedAccordingTo(java.util.Comparator.comparing(TaskView::paused)
                .thenComparing(TaskView::dueOn));
        List<UUID> order = paged.stream().map(TaskView::applicationId).toList();
        assertThat(order.indexOf(cases.get(early))).isNotNegative()
                .isLessThan(order.indexOf(cases.get(middle)));
        assertThat(order.indexOf(cases.get(middle))).isLessThan(order.indexOf(cases.get(late)));

        // The list is read per role: an officer with a second role sees the same tasks in the same order, one with
        // only another role sees none of them.
        SignedIn twoRoles = officer("住建窗口兼审查", housingBody, StaffRole.WINDOW_OFFICER, StaffRole.REVIEWER);
        assertThat(processing.todo(twoRoles)).extracting(TaskView::id)
                .containsExactlyElementsOf(processing.todo(fireReviewer).stream().map(TaskView::id).toList());
        assertThat(processing.todo(officer("住建窗口", housingBody, StaffRole.WINDOW_OFFICER)))
                .noneMatch(t -> cases.containsValue(t.applicationId()));

        assertThatThrownBy(() -> processing.todo(fireReviewer, CaseProcessing.TodoFilter.BODY, -1, 50))
                .isInstanceOf(org.tongban.platform.web.InvalidFieldException.class)
                .extracting(e -> ((org.tongban.platform.web.InvalidFieldException) e).field()).isEqualTo("page");
        mvc.perform(get("/api/v1/cases/tasks").param("size", "501").with(as(fireReviewer)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("cases.tasks.size-invalid"));
        mvc.perform(get("/api/v1/cases/tasks").param("size", "1").with(as(fireReviewer)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void oneBranchRejectingMakesTheDecisionARefusalWithEveryOpinionAndTheRemedy() throws Exception {
        Clock day = at("2026-03-02T09:00");
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "驳回乙");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        TaskView fire = only(engine.todo(fireReviewer), id);
        engine.act(fireReviewer, fire.id(), fire.version(), TaskAction.REJECT,
                CaseProcessing.ActionInput.opinion("厨房未设置独立排烟管道，不符合消防要求"));
        TaskView health = only(engine.todo(healthReviewer), id);
        engine.act(healthReviewer, health.id(), health.version(), TaskAction.APPROVE, null);
        // A reject needs its reason.
        TaskView market = only(engine.todo(marketReviewer), id);
        assertThatThrownBy(() -> engine.act(marketReviewer, market.id(), market.version(), TaskAction.REJECT, null))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.task.opinion-missing"));
        engine.act(marketReviewer, market.id(), market.version(), TaskAction.APPROVE, null);

        TaskView decide = only(engine.todo(approver), id);
        TaskView.Detail detail = engine.task(approver, decide.id());
        assertThat(detail.actions()).doesNotContain(TaskAction.GRANT).contains(TaskAction.REFUSE);
        assertThat(detail.proposedRefusal()).contains("消防安全检查").contains("厨房未设置独立排烟管道");
        mvc.perform(post("/api/v1/cases/tasks/" + decide.id() + "/actions").with(csrf()).with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"GRANT\",\"version\":" + decide.version() + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.task.action-not-allowed"));
        mvc.perform(post("/api/v1/cases/tasks/" + decide.id() + "/actions").with(csrf()).with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"REFUSE\",\"version\":" + decide.version()
                                + ",\"opinion\":\"消防安全检查不合格\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.decision.remedy-missing"));
        mvc.perform(post("/api/v1/cases/tasks/" + decide.id() + "/actions").with(csrf()).with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"REFUSE\",\"version\":" + decide.version()
                                + ",\"opinion\":\"消防安全检查不合格\",\"legalBasis\":\"行政许可法第三十八条\","
                                + "\"remedy\":\"可于六十日内申请行政复议，或于六个月内提起行政诉讼。\"}"))
                .andExpect(status().isNoContent());

        assertThat(events.stream(CaseDecided.class).filter(e -> e.applicationId().equals(id)))
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("REFUSED"));
        // No licence is made after a refusal: straight to 送达.
        TaskView deliver = only(engine.todo(window), id);
        assertThat(deliver.nodeName()).isEqualTo("送达");
        mvc.perform(CaseFixtures.page(mvc, person(applicant), "/account/cases/" + id))
                .andExpect(content().string(containsString("不予许可")))
                .andExpect(content().string(containsString("六十日内申请行政复议")));
    }

    @Test
    void theDeciderReturnsTheCaseToTheParallelReviewWhichRunsAgainInAllThreeBodies() {
        Clock day = at("2026-03-02T09:00");
        UUID id = submitted(UUID.randomUUID(), "退回丙");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        TaskView fire = only(engine.todo(fireReviewer), id);
        engine.act(fireReviewer, fire.id(), fire.version(), TaskAction.REJECT,
                CaseProcessing.ActionInput.opinion("缺少消防设施检测报告"));
        for (SignedIn reviewer : List.of(healthReviewer, marketReviewer)) {
            TaskView t = only(engine.todo(reviewer), id);
            engine.act(reviewer, t.id(), t.version(), TaskAction.APPROVE, null);
        }
        TaskView decide = only(engine.todo(approver), id);
        assertThatThrownBy(() -> engine.act(approver, decide.id(), decide.version(), TaskAction.RETURN,
                new CaseProcessing.ActionInput("补充材料后重新审查", "decide", null, null, null)))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.task.return-target"));
        engine.act(approver, decide.id(), decide.version(), TaskAction.RETURN,
                new CaseProcessing.ActionInput("申请人已补充检测报告，请重新审查", "joint", null, null, null));
        assertThat(openTasks(id)).hasSize(3);
        // The new round is judged on its own: all agree, so the licence may now be granted.
        for (SignedIn reviewer : List.of(fireReviewer, healthReviewer, marketReviewer)) {
            TaskView t = only(engine.todo(reviewer), id);
            engine.act(reviewer, t.id(), t.version(), TaskAction.APPROVE, null);
        }
        TaskView again = only(engine.todo(approver), id);
        assertThat(engine.task(approver, again.id()).actions()).contains(TaskAction.GRANT);
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = "
                + "'TASK_RETURN'", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void theHeadOfTheBodyExtendsOnceByFifteenWorkingDaysForJointHandling() throws Exception {
        Clock day = at("2026-03-02T09:00");
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "延期丁");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        TaskView market = only(engine.todo(marketReviewer), id);
        engine.act(marketReviewer, market.id(), market.version(), TaskAction.EXTENSION_REQUEST,
                CaseProcessing.ActionInput.opinion("需现场核查经营场所，申请延长办理期限"));
        TaskView again = only(engine.todo(marketReviewer), id);
        assertThatThrownBy(() -> engine.act(marketReviewer, again.id(), again.version(),
                TaskAction.EXTENSION_REQUEST, CaseProcessing.ActionInput.opinion("再次延期")))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.extension.once"));
        // A reviewer is not the head of the body.
        mvc.perform(post("/api/v1/cases/applications/" + id + "/extension").with(csrf()).with(as(marketReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approve\":true}"))
                .andExpect(status().isForbidden());
        assertThat(engine.pendingExtensions(approver)).extracting(CaseProcessing.PendingExtension::applicationId)
                .contains(id);
        mvc.perform(post("/api/v1/cases/applications/" + id + "/extension").with(csrf()).with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approve\":true}"))
                .andExpect(status().isNoContent());
        CaseProgress progress = processing.progress(person(applicant), id);
        // 2026-03-09 + 15 working days; the open branches move with it (2026-03-05 + 15).
        assertThat(progress.dueOn()).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(progress.extensionDays()).isEqualTo(15);
        assertThat(progress.current()).allSatisfy(t -> assertThat(t.dueOn()).isEqualTo(LocalDate.of(2026, 3, 26)));
        assertThat(progress.extension().status()).isEqualTo("APPROVED");
        mvc.perform(post("/api/v1/cases/applications/" + id + "/extension").with(csrf()).with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approve\":true}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.extension.none-pending"));
        mvc.perform(CaseFixtures.page(mvc, person(applicant), "/account/cases/" + id))
                .andExpect(content().string(containsString("需现场核查经营场所")));
    }

    @Test
    void anExpertReviewAcrossTheNationalDayHolidayPausesTheClockAndMovesTheDeadlines() throws Exception {
        // Accepted Monday 28 September 2026. 1–7 October are holidays, Saturday 10 October a make-up working day.
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "评审戊");
        acceptance.withClock(at("2026-09-28T09:00")).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(at("2026-09-30T10:00"));
        CaseProgress start = engine.progress(person(applicant), id);
        // Case: 29, 30 Sep, 8, 9, 10 Oct. Branches (3 days): 29, 30 Sep, 8 Oct.
        assertThat(start.dueOn()).isEqualTo(LocalDate.of(2026, 10, 10));
        TaskView fire = only(engine.todo(fireReviewer), id);
        assertThat(fire.dueOn()).isEqualTo(LocalDate.of(2026, 10, 8));

        engine.act(fireReviewer, fire.id(), fire.version(), TaskAction.SPECIAL_START,
                new CaseProcessing.ActionInput("消防设施需专家评审", null, SpecialProcedureKind.EXPERT_REVIEW, null,
                        null));
        TaskView paused = only(engine.todo(fireReviewer), id);
        assertThat(paused.paused()).isTrue();
        // The scan's table holds open, unpaused tasks only (kept by the trigger on cases_task).
        assertThat(deadlineRow(paused.id())).isEmpty();
        assertThat(openTasks(id)).filteredOn(task -> !task.equals(paused.id()))
                .allSatisfy(task -> assertThat(deadlineRow(task)).containsExactly(LocalDate.of(2026, 10, 8), 0));
        assertThat(engine.task(fireReviewer, paused.id()).actions()).containsExactly(TaskAction.SPECIAL_END);
        assertThat(engine.progress(person(applicant), id).paused()).isTrue();
        mvc.perform(CaseFixtures.page(mvc, person(applicant), "/account/cases/" + id))
                .andExpect(content().string(containsString("特别程序中")))
                .andExpect(content().string(containsString("消防设施需专家评审")));

        // 9 October: the other two branches are overdue; the paused branch is not warned.
        List<DeadlineWarnings.Warning> warnings = deadlines.withClock(at("2026-10-09T08:00")).run();
        List<UUID> open = openTasks(id);
        assertThat(warnings).filteredOn(w -> w.applicationId().equals(id)).hasSize(2)
                .allSatisfy(w -> assertThat(w.level()).isEqualTo(3))
                .noneMatch(w -> w.taskId().equals(paused.id()));
        assertThat(open).contains(paused.id());
        assertThat(events.stream(DeadlineWarnings.class).flatMap(e -> e.warnings().stream())
                .filter(w -> w.applicationId().equals(id) && w.missed())).hasSize(2);
        assertThat(warnings).filteredOn(w -> w.applicationId().equals(id))
                .allSatisfy(w -> assertThat(deadlineRow(w.taskId())).containsExactly(LocalDate.of(2026, 10, 8), 3));
        // Once per level: a second scan (or a second node) issues nothing again.
        assertThat(deadlines.withClock(at("2026-10-09T08:10")).run()).noneMatch(w -> w.applicationId().equals(id));

        // Ends Monday 12 October: 8, 9, 10 and 12 October were not counted.
        CaseProcessing monday = processing.withClock(at("2026-10-12T16:00"));
        monday.act(fireReviewer, paused.id(), paused.version(), TaskAction.SPECIAL_END,
                CaseProcessing.ActionInput.opinion("专家评审通过"));
        TaskView resumed = only(monday.todo(fireReviewer), id);
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.dueOn()).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(resumed.remainingWorkingDays()).isEqualTo(1);
        assertThat(deadlineRow(resumed.id())).containsExactly(LocalDate.of(2026, 10, 13), 0);
        CaseProgress after = monday.progress(person(applicant), id);
        assertThat(after.dueOn()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(after.pausedDays()).isEqualTo(4);
        assertThat(after.specials()).singleElement().satisfies(s -> {
            assertThat(s.excludedDays()).isEqualTo(4);
            assertThat(s.endedOn()).isEqualTo(LocalDate.of(2026, 10, 12));
        });
        assertThat(events.stream(CaseSuspended.class).filter(e -> e.applicationId().equals(id))).hasSize(2);
        // Warned on its last day, then once missed.
        assertThat(deadlines.withClock(at("2026-10-13T08:00")).run())
                .filteredOn(w -> w.taskId().equals(resumed.id())).singleElement()
                .satisfies(w -> assertThat(w.level()).isEqualTo(2));
        assertThat(deadlines.withClock(at("2026-10-14T08:00")).run())
                .filteredOn(w -> w.taskId().equals(resumed.id())).singleElement()
                .satisfies(w -> assertThat(w.level()).isEqualTo(3));
    }

    @Test
    void ofTwoOfficersActingOnTheSameTaskAtOnceExactlyOneSucceeds() throws Exception {
        Clock day = at("2026-03-02T09:00");
        UUID id = submitted(UUID.randomUUID(), "并发己");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        TaskView market = only(engine.todo(marketReviewer), id);
        SignedIn colleague = officer("市监审查庚", itemBody, StaffRole.REVIEWER);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> both = new ArrayList<>();
            for (SignedIn who : List.of(marketReviewer, colleague)) {
                both.add(() -> {
                    try {
                        engine.act(who, market.id(), market.version(), TaskAction.APPROVE, null);
                        return "ok";
                    } catch (CaseRefusedException e) {
                        return e.code();
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(both)) {
                results.add(f.get());
            }
            assertThat(results).containsExactlyInAnyOrder("ok", "cases.task.conflict");
        } finally {
            pool.shutdown();
        }
        // Over HTTP, the late one gets a 409 problem.
        mvc.perform(post("/api/v1/cases/tasks/" + market.id() + "/actions").with(csrf()).with(as(colleague))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"APPROVE\",\"version\":" + market.version() + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.task.conflict"));
        // On the page, the late one is told, not shown an error page.
        mvc.perform(post("/workbench/tasks/" + market.id() + "/actions").with(csrf()).with(as(colleague))
                        .param("version", String.valueOf(market.version())).param("action", "APPROVE"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("actionError", containsString("其他工作人员刚刚处理了该环节")));
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = "
                + "'TASK_APPROVE'", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void onlyOfficersOfTheTasksBodyWithItsRoleMayActAndApplicantsNever() throws Exception {
        Clock day = at("2026-03-02T09:00");
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "权限庚");
        acceptance.withClock(day).accept(window, id, version(id));
        TaskView market = only(processing.withClock(day).todo(marketReviewer), id);
        String approve = "{\"action\":\"APPROVE\",\"version\":" + market.version() + "}";
        // Another body's officer: the task does not exist for them.
        mvc.perform(get("/api/v1/cases/tasks/" + market.id()).with(as(healthReviewer)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/cases/tasks/" + market.id() + "/actions").with(csrf()).with(as(healthReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content(approve))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases/tasks").with(as(healthReviewer)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(market.id().toString()))));
        // The window officer of the same body lacks the reviewer role.
        mvc.perform(post("/api/v1/cases/tasks/" + market.id() + "/actions").with(csrf()).with(as(window))
                        .contentType(MediaType.APPLICATION_JSON).content(approve))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.task.role-required"));
        // The applicant is no officer.
        mvc.perform(post("/api/v1/cases/tasks/" + market.id() + "/actions").with(csrf()).with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content(approve))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.task.officers-only"));
        mvc.perform(get("/workbench/tasks/" + market.id()).with(as(person(applicant))))
                .andExpect(status().isForbidden());
        // Someone else's case progress is not found.
        mvc.perform(get("/api/v1/cases/applications/" + id + "/progress").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isNotFound());
        assertThat(openTasks(id)).hasSize(3);
        // The officer's task page shows the case and the actions the branch offers.
        mvc.perform(get("/workbench/tasks/" + market.id()).with(as(marketReviewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("食品经营条件审查")))
                .andExpect(content().string(containsString("value=\"SPECIAL_START\"")));
    }

    @Test
    void anImmediateItemIsDecidedOnTheSpotByTheWindowOfficer() {
        String soleTrader = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070003000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        UUID id = submitted(UUID.randomUUID(), "即办辛", soleTrader);
        Clock day = at("2026-03-02T09:00");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        TaskView decide = only(engine.todo(window), id);
        assertThat(decide.nodeKind()).isEqualTo("DECISION");
        assertThat(decide.dueOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        engine.act(window, decide.id(), decide.version(), TaskAction.GRANT, null);
        TaskView deliver = only(engine.todo(window), id);
        engine.act(window, deliver.id(), deliver.version(), TaskAction.APPROVE, null);
        assertThat(jdbc.queryForObject("select state from cases_case where application_id = ?", String.class, id))
                .isEqualTo("COMPLETED");
    }

    @Test
    void aDeadlineInAYearWithoutPublishedHolidaysIsCountedMondayToFridayAndMarkedProvisional() {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "跨年壬");
        acceptance.withClock(at("2026-12-21T09:00")).accept(window, id, version(id));
        CaseProgress progress = processing.withClock(at("2026-12-21T10:00")).progress(person(applicant), id);
        assertThat(progress.dueOn()).isEqualTo(LocalDate.of(2026, 12, 28));
        // 45 working days: 8 in 2026, then 2027 (no calendar yet) Monday to Friday.
        assertThat(progress.legalDueOn()).isEqualTo(LocalDate.of(2027, 2, 22));
        assertThat(progress.provisionalDue()).isTrue();
    }

    @Test
    void anAdministratorSeesTheFlowAndPublishesOnlyAValidDefinitionAsANewVersion() throws Exception {
        String other = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code <> '210112' and status = 'PUBLISHED' order by code limit 1", String.class, FOOD);
        SignedIn admin = new SignedIn(UUID.randomUUID(), "目录管理员", true, 3, EnumSet.of(StaffRole.CATALOG_ADMIN),
                null, "210000", null);
        mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + other))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("消防安全检查")))
                .andExpect(content().string(containsString("第 1 版")));
        mvc.perform(get("/api/v1/cases/definitions/" + other).with(as(marketReviewer)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.definition.admin-only"));
        String deadEnd = """
                {"name": "有死路的流程", "joint": false, "nodes": [
                  {"id": "accept", "name": "受理", "kind": "START", "next": "review"},
                  {"id": "review", "name": "审查", "kind": "TASK", "body": "ITEM", "role": "REVIEWER", "next": "again"},
                  {"id": "again", "name": "复审", "kind": "TASK", "body": "ITEM", "role": "REVIEWER", "next": "review"},
                  {"id": "end", "name": "办结", "kind": "END"}]}""";
        mvc.perform(post("/api/v1/cases/definitions/" + other).with(csrf()).with(as(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(deadEnd))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.definition.invalid"))
                .andExpect(content().string(containsString("cases.definition.dead-end")));
        String valid = deadEnd.replace("\"REVIEWER\", \"next\": \"review\"}", "\"REVIEWER\", \"next\": \"end\"}")
                .replace("有死路的流程", "两级审查");
        mvc.perform(post("/api/v1/cases/definitions/" + other).with(csrf()).with(as(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(valid))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.name").value("两级审查"));
        mvc.perform(CaseFixtures.page(mvc, admin, "/admin/catalog/processes/" + other))
                .andExpect(content().string(containsString("第 2 版")))
                .andExpect(content().string(containsString("复审")));
    }

    @Test
    void aCatalogueAdministratorOfAnotherCityNeitherSeesNorPublishesTheProcessOfAnItem() throws Exception {
        // Found by the authorization drill: the role alone let 大连's administrators edit 浑南's processes.
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连目录管理员", true, 3, EnumSet.of(StaffRole.CATALOG_ADMIN),
                null, "210200", null);
        mvc.perform(get("/api/v1/cases/definitions/" + itemCode).with(as(dalian)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("catalog.item.not-found"));
        mvc.perform(CaseFixtures.page(mvc, dalian, "/admin/catalog/processes/" + itemCode))
                .andExpect(status().isNotFound());
        String valid = """
                {"name": "越权流程", "joint": false, "nodes": [
                  {"id": "accept", "name": "受理", "kind": "START", "next": "end"},
                  {"id": "end", "name": "办结", "kind": "END"}]}""";
        Integer before = jdbc.queryForObject("select count(*) from cases_process_definition where item_code = ?",
                Integer.class, itemCode);
        mvc.perform(post("/api/v1/cases/definitions/" + itemCode).with(csrf()).with(as(dalian))
                        .contentType(MediaType.APPLICATION_JSON).content(valid))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from cases_process_definition where item_code = ?",
                Integer.class, itemCode)).isEqualTo(before);
    }

    // --- fixtures

    private UUID submitted(UUID applicant, String name) {
        return submitted(applicant, name, itemCode);
    }

    private UUID submitted(UUID applicant, String name, String code) {
        return CaseFixtures.submitted(jdbc, code, applicant, name);
    }

    private UUID body(String category) {
        return CaseFixtures.body(jdbc, category);
    }

    /** The task's row in the deadline scan's table: due date and level, or nothing. */
    private List<Object> deadlineRow(UUID task) {
        return jdbc.query("select due_on, warned from cases_task_deadline where task_id = ?",
                (rs, n) -> List.<Object>of(rs.getDate(1).toLocalDate(), rs.getInt(2)), task).stream().findFirst()
                .orElse(List.of());
    }

    @Test
    void twoNodesScanningAtOnceWarnEachTaskOnceAndACompletedTaskLeavesTheScansTable() throws Exception {
        UUID id = submitted(UUID.randomUUID(), "双扫庚");
        acceptance.withClock(at("2026-05-11T09:00")).accept(window, id, version(id));
        List<UUID> open = openTasks(id);
        assertThat(open).isNotEmpty().allSatisfy(task -> assertThat(deadlineRow(task)).isNotEmpty());

        // Long overdue for both "nodes" (two scanners, each on its own connection and transactions).
        var day = at("2026-08-03T08:00");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> deadlines.withClock(day).run());
            var b = pool.submit(() -> deadlines.withClock(day).run());
            List<DeadlineWarnings.Warning> both = new java.util.ArrayList<>(a.get());
            both.addAll(b.get());
            assertThat(both).filteredOn(w -> w.applicationId().equals(id)).extracting(DeadlineWarnings.Warning::taskId)
                    .containsExactlyInAnyOrderElementsOf(open);
        } finally {
            pool.shutdown();
        }
        assertThat(open).allSatisfy(task -> assertThat(deadlineRow(task).get(1)).isEqualTo(3));

        // A task that is no longer open leaves the table (here as the engine's completion writes it).
        jdbc.update("update cases_task set status = 'DONE', completed_at = now() where id = ?", open.getFirst());
        assertThat(deadlineRow(open.getFirst())).isEmpty();
    }

    @Test
    void theScansWorkersShareARangeOfSeveralBatchesAndWarnEachTaskOnce() throws InterruptedException {
        UUID id = submitted(UUID.randomUUID(), "多批辛");
        acceptance.withClock(at("2026-05-11T09:00")).accept(window, id, version(id));
        UUID seed = openTasks(id).getFirst();
        // 2,500 more open tasks of this case (the trigger gives each a row at level 0): one range of three batches,
        // which the scan's two workers (tongban.cases.deadlines.workers, 2 by default) claim together.
        List<UUID> copies = jdbc.queryForList("""
                insert into cases_task select r.* from generate_series(1, 2500) g
                cross join (select * from cases_task where id = ?) t
                cross join lateral jsonb_populate_record(null::cases_task,
                    to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'copy', g)) r
                returning id""", UUID.class, seed);
        String copyIds = copies.stream().map(UUID::toString)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        // The day before their last day: yellow lights (level 1), which no other test's list of lights puts first.
        java.time.LocalDate dueOn = jdbc.queryForObject("select due_on from cases_task where id = ?",
                java.time.LocalDate.class, seed);
        try {
            List<DeadlineWarnings.Warning> warnings = deadlines.withClock(at(dueOn.minusDays(1) + "T08:00")).run();
            List<UUID> warned = warnings.stream().filter(w -> w.applicationId().equals(id))
                    .map(DeadlineWarnings.Warning::taskId).toList();
            assertThat(warned).hasSize(openTasks(id).size()).doesNotHaveDuplicates()
                    .containsAll(copies).containsAll(openTasks(id));
            assertThat(warnings).filteredOn(w -> w.applicationId().equals(id)).allSatisfy(w -> assertThat(w.level())
                    .isEqualTo(1));
            assertThat(jdbc.queryForObject("""
                    select count(*) from cases_task_deadline d join cases_task t on t.id = d.task_id
                    where t.application_id = ? and d.warned = 1""", Long.class, id))
                    .isEqualTo(openTasks(id).size());
        } finally {
            // The copies leave no trace for the tests after this one: their lights, once the listener has written
            // them (after the scan's commits), and the tasks.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (jdbc.queryForObject("select count(*) from supervision_warning where source_id = any(cast(? as "
                    + "uuid[]))", Long.class, copyIds) < copies.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            jdbc.update("delete from supervision_warning where source_id = any(cast(? as uuid[]))", copyIds);
            jdbc.update("delete from cases_task where id = any(cast(? as uuid[]))", copyIds);
        }
    }

    private List<UUID> openTasks(UUID application) {
        return jdbc.queryForList("select id from cases_task where application_id = ? and status = 'OPEN'", UUID.class,
                application);
    }

    private long version(UUID id) {
        return CaseFixtures.version(jdbc, id);
    }
}

package org.tongban.evaluation;

import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.DeadlineWarnings;
import org.tongban.cases.DeadlineWatch;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.supervision.Supervision;
import org.tongban.supervision.WarningView;

/**
 * 好差评 and 电子监察 on real cases of the demo 开餐馆 process (食品经营许可, 浑南区): cases are accepted and handled
 * through the cases module's services, rated through the pages and the API, and the deadline scan's events light the
 * supervisor's page (the listeners run after commit, so the tests wait for them, bounded).
 */
@TongbanIntegrationTest
class RatingsAndSupervisionIntegrationTests {

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
    Ratings ratings;
    @Autowired
    RatingAppeals appeals;
    @Autowired
    RatingStatistics statistics;
    @Autowired
    Supervision supervision;
    @Autowired
    org.tongban.supervision.Complaints complaints;
    @Autowired
    org.tongban.supervision.ExposureColumn exposureColumn;

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
        window = officer("评价窗口甲", itemBody, StaffRole.WINDOW_OFFICER);
        marketReviewer = officer("评价市监乙", itemBody, StaffRole.REVIEWER);
        approver = officer("评价负责人丙", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        fireReviewer = officer("评价住建丁", body("HOUSING_URBAN_RURAL"), StaffRole.REVIEWER);
        healthReviewer = officer("评价卫健戊", body("HEALTH"), StaffRole.REVIEWER);
        provinceSupervisor = new SignedIn(UUID.randomUUID(), "省监察己", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                body("HEALTH"), "210000", null);
        dalianSupervisor = new SignedIn(UUID.randomUUID(), "大连监察庚", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                body("HEALTH"), "210200", null);
    }

    @Test
    void theApplicantRatesACompletedCaseOnceAndNobodyElseCanRateIt() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "好评申请人甲");
        // Before acceptance there is nothing to rate yet.
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("evaluation.rating.not-ratable"));

        completed(id);

        // Another citizen: the case does not exist for them; staff may not rate.
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(window))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("evaluation.rating.staff"));
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isUnauthorized());

        // The case page links to the rating page.
        mvc.perform(page(person(applicant), "/account/cases/" + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/account/cases/" + id + "/rating")));
        mvc.perform(page(person(applicant), "/account/cases/" + id + "/rating")).andExpect(status().isOk())
                .andExpect(content().string(containsString("非常满意")))
                .andExpect(content().string(containsString("name=\"level\"")));

        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\":4,\"reasons\":[\"QUICK\",\"CONVENIENT_ONLINE\"],\"comment\":\"很方便\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.level").value("SATISFIED"))
                .andExpect(jsonPath("$.stage").value("COMPLETION"))
                .andExpect(jsonPath("$.round").value(1));
        // 一事一评: a second rating is refused.
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.rating.already-rated"));
        mvc.perform(page(person(applicant), "/account/cases/" + id + "/rating")).andExpect(status().isOk())
                .andExpect(content().string(containsString("很方便")))
                .andExpect(content().string(containsString("一事一评")))
                .andExpect(content().string(not(containsString("name=\"level\""))));
        assertThat(jdbc.queryForObject("select count(*) from evaluation_rating where application_id = ?",
                Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from evaluation_rectification where application_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void aBadRatingIsFollowedUpByTheBodyAndSupervisedAndTheRaterRatesAgain() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "差评申请人乙");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        String caseNumber = caseNumber(id);

        // The form keeps what was typed when the level is missing.
        var session = session();
        mvc.perform(post("/account/cases/" + id + "/rating").with(csrf()).with(as(person(applicant))).cookie(session)
                        .param("reasons", "SLOW").param("comment", "跑了三次"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请选择满意程度")))
                .andExpect(content().string(containsString("跑了三次")));
        mvc.perform(post("/account/cases/" + id + "/rating").with(csrf()).with(as(person(applicant))).cookie(session)
                        .param("level", "1").param("reasons", "SLOW", "EXTRA_MATERIALS")
                        .param("comment", "要求提供指南以外的证明"))
                .andExpect(status().is3xxRedirection());

        // The rated body sees it (without the rater's name); another body does not.
        RectificationView rectification = ratings.ofBody(marketReviewer).stream()
                .filter(r -> r.applicationId().equals(id)).findFirst().orElseThrow();
        assertThat(rectification.status()).isEqualTo("OPEN");
        assertThat(rectification.visitDue()).isAfter(rectification.ratedAt().atZone(Applications.ZONE).toLocalDate());
        assertThat(rectification.rectifyDue()).isAfter(rectification.visitDue());
        mvc.perform(page(marketReviewer, "/workbench/rectifications")).andExpect(status().isOk())
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(containsString("要求提供指南以外的证明")))
                .andExpect(content().string(not(containsString("差评申请人乙"))));
        assertThat(ratings.ofBody(fireReviewer)).noneMatch(r -> r.applicationId().equals(id));
        mvc.perform(post("/api/v1/evaluation/rectifications/" + rectification.id()).with(as(fireReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitNote\":\"x\",\"response\":\"y\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/evaluation/rectifications").with(as(person(applicant))))
                .andExpect(status().isForbidden());

        // Supervisors of the province see the bad rating; those of another city do not.
        awaitWarning(provinceSupervisor, id, "BAD_RATING");
        assertThat(supervision.warnings(dalianSupervisor, null, true)).noneMatch(w -> id.equals(w.applicationId()));
        mvc.perform(page(provinceSupervisor, "/workbench/supervision/cases/" + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("非常不满意")))
                .andExpect(content().string(containsString("待回访")));

        // A response before the return visit is recorded is refused; then both.
        mvc.perform(post("/api/v1/evaluation/rectifications/" + rectification.id()).with(as(marketReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"response\":\"已整改\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("evaluation.rectification.visit-note-missing"));
        // The rater cannot rate again before the body responded.
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":3}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/workbench/rectifications/" + rectification.id()).with(csrf()).with(as(marketReviewer))
                        .param("visitNote", "已电话回访，申请人反映需另行提交无犯罪证明")
                        .param("response", "经核查，该证明不在办事指南内，已取消并对窗口人员批评教育"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'evaluation' "
                + "and target_id = ?", Integer.class, rectification.id().toString())).isEqualTo(1);

        // The rater sees the response and rates once more; not a third time.
        mvc.perform(page(person(applicant), "/account/cases/" + id + "/rating")).andExpect(status().isOk())
                .andExpect(content().string(containsString("已取消并对窗口人员批评教育")))
                .andExpect(content().string(containsString("整改答复后再次评价")));
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":4}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.round").value(2));
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict());
    }

    @Test
    void aMissedDeadlineTurnsTheCaseRedOnTheSupervisorsPage() throws Exception {
        UUID id = submitted(UUID.randomUUID(), "超期申请人丙");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        String caseNumber = caseNumber(id);
        // Fire safety goes into expert review (特别程序): its clock stops.
        CaseProcessing tuesday = processing.withClock(at("2026-03-03T10:00"));
        TaskView fire = only(tuesday.todo(fireReviewer), id);
        tuesday.act(fireReviewer, fire.id(), fire.version(), TaskAction.SPECIAL_START, new CaseProcessing.ActionInput(
                "消防设施需专家评审", null, org.tongban.cases.SpecialProcedureKind.EXPERT_REVIEW, null, null));
        // Each branch is due on 2026-03-05; the scan on 2026-03-10 finds the two running ones overdue.
        List<DeadlineWarnings.Warning> issued = deadlines.withClock(at("2026-03-10T09:00")).run();
        assertThat(issued).filteredOn(w -> w.applicationId().equals(id)).hasSize(2)
                .allSatisfy(w -> assertThat(w.level()).isEqualTo(3))
                .noneMatch(w -> w.taskId().equals(fire.id()));

        WarningView red = awaitWarning(provinceSupervisor, id, "RED");
        assertThat(red.dueOn()).hasToString("2026-03-05");
        // The same listener, in the same transaction as the lights, counted both missed deadlines for the dashboard.
        assertThat(jdbc.queryForObject("select count(*) from supervision_dashboard_counted where kind = 'OVERDUE' "
                + "and source_id in (select id from cases_task where application_id = ?)", Long.class, id))
                .isEqualTo(2);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (supervision.caseRecord(provinceSupervisor, id).specials().isEmpty()) {
            assertThat(System.nanoTime()).as("the special procedure recorded within 10 s").isLessThan(until);
            Thread.sleep(50);
        }
        mvc.perform(page(provinceSupervisor, "/workbench/supervision/cases/" + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("专家评审")))
                .andExpect(content().string(containsString("进行中")));
        mvc.perform(page(provinceSupervisor, "/workbench/supervision")).andExpect(status().isOk())
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(containsString("红灯")))
                .andExpect(content().string(containsString("/workbench/supervision/cases/" + id)));
        mvc.perform(get("/api/v1/supervision/bodies").with(as(provinceSupervisor))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.bodyId == '" + itemBody + "')].red").exists());
        assertThat(supervision.warnings(dalianSupervisor, null, true)).noneMatch(w -> id.equals(w.applicationId()));
        mvc.perform(post("/api/v1/supervision/warnings/" + red.id() + "/handled").with(as(dalianSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"x\"}"))
                .andExpect(status().isNotFound());

        // Who may not look: a citizen (not staff), staff who are not supervisors.
        mvc.perform(page(person(UUID.randomUUID()), "/workbench/supervision")).andExpect(status().isForbidden());
        mvc.perform(page(approver, "/workbench/supervision")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/supervision/warnings").with(as(approver))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.supervisors-only"));
        mvc.perform(get("/api/v1/supervision/warnings").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isForbidden());

        // Handled with a note (a blank one is refused), audited, and shown on the case's record.
        var session = session();
        mvc.perform(post("/workbench/supervision/warnings/" + red.id() + "/handled").with(csrf())
                        .with(as(provinceSupervisor)).cookie(session).param("note", " ")
                        .param("application", id.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(supervision.caseRecord(provinceSupervisor, id).warnings())
                .filteredOn(w -> w.id().equals(red.id())).singleElement()
                .satisfies(w -> assertThat(w.handled()).isFalse());
        mvc.perform(post("/api/v1/supervision/warnings/" + red.id() + "/handled").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"已约谈浑南区市场监管局\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.handledBy").value("省监察己"));
        mvc.perform(post("/api/v1/supervision/warnings/" + red.id() + "/handled").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"again\"}"))
                .andExpect(status().isConflict());
        mvc.perform(page(provinceSupervisor, "/workbench/supervision/cases/" + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("已约谈浑南区市场监管局")));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and target_id = ?", Integer.class, red.id().toString())).isEqualTo(1);
    }

    @Test
    void aComplaintAboutACaseGoesToTheSupervisorsWhoAnswerIt() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "投诉人丁");
        String caseNumber = caseNumber(id);
        var session = session();
        // An empty complaint is refused on the page, which keeps the form.
        mvc.perform(post("/account/cases/" + id + "/complaints").with(csrf()).with(as(person(applicant)))
                        .cookie(session).param("text", "  "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请填写投诉内容")));
        mvc.perform(post("/account/cases/" + id + "/complaints").with(csrf()).with(as(person(applicant)))
                        .cookie(session).param("text", "窗口要求我提供房产证复印件三份"))
                .andExpect(status().is3xxRedirection());
        // Someone else cannot complain about (or see) this case.
        mvc.perform(post("/api/v1/supervision/cases/" + id + "/complaints").with(as(person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andExpect(status().isNotFound());

        var complaint = complaints.forSupervisor(provinceSupervisor).stream()
                .filter(c -> c.applicationId().equals(id)).findFirst().orElseThrow();
        assertThat(complaint.status()).isEqualTo("OPEN");
        assertThat(complaints.forSupervisor(dalianSupervisor)).noneMatch(c -> c.applicationId().equals(id));
        mvc.perform(page(provinceSupervisor, "/workbench/supervision")).andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口要求我提供房产证复印件三份")))
                .andExpect(content().string(not(containsString("投诉人丁"))));
        mvc.perform(post("/api/v1/supervision/complaints/" + complaint.id() + "/response").with(as(approver))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"response\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/workbench/supervision/complaints/" + complaint.id() + "/response").with(csrf())
                        .with(as(provinceSupervisor)).param("response", "已责令改正，复印件不再要求"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/api/v1/supervision/complaints/" + complaint.id() + "/response")
                        .with(as(provinceSupervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"response\":\"again\"}"))
                .andExpect(status().isConflict());

        mvc.perform(page(person(applicant), "/account/cases/" + id + "/complaints")).andExpect(status().isOk())
                .andExpect(content().string(containsString("已责令改正，复印件不再要求")));
        mvc.perform(get("/api/v1/supervision/cases/" + id + "/complaints").with(as(person(applicant))))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].status").value("ANSWERED"))
                .andExpect(jsonPath("$[0].caseNumber").value(caseNumber));

        // Published in the exposure column in the supervisor's words: personal data refused, then shown to all.
        String exposure = "/workbench/supervision/complaints/" + complaint.id() + "/exposure";
        mvc.perform(post(exposure).with(csrf()).with(as(provinceSupervisor)).param("title", "窗口多要复印件")
                        .param("problem", "申请人（手机 13912345678）被要求提交指南以外的复印件")
                        .param("resolution", "已责令改正"))
                .andExpect(flash().attributeExists("exposureError"));
        mvc.perform(post(exposure).with(csrf()).with(as(dalianSupervisor)).param("title", "t").param("problem", "p")
                        .param("resolution", "r"))
                .andExpect(status().isNotFound());
        mvc.perform(post(exposure).with(csrf()).with(as(provinceSupervisor)).param("title", "窗口要求提交指南以外的复印件")
                        .param("problem", "某窗口在受理个体工商户登记时要求申请人提交三份房产证复印件，办事指南并无此项。")
                        .param("resolution", "已责令改正，对相关人员批评教育，复印件不再要求。"))
                .andExpect(flash().attributeExists("exposed"));
        mvc.perform(get("/exposure")).andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口要求提交指南以外的复印件")))
                .andExpect(content().string(not(containsString(caseNumber))))
                .andExpect(content().string(not(containsString("投诉人丁"))));
        var entry = exposureColumn.published("2101", 100).stream()
                .filter(x -> x.title().equals("窗口要求提交指南以外的复印件")).findFirst().orElseThrow();
        mvc.perform(post("/workbench/supervision/exposure/" + entry.id() + "/withdrawal").with(csrf())
                        .with(as(provinceSupervisor)).param("reason", "整改材料有误，重新核实"))
                .andExpect(flash().attributeExists("withdrawn"));
        mvc.perform(get("/api/v1/exposure").param("division", "210112")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("窗口要求提交指南以外的复印件"))));
    }

    @Test
    void aBodyAppealsABadRatingASupervisorVoidsItAndThePublishedStatisticsDropIt() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "申诉申请人丁");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        mvc.perform(post("/api/v1/evaluation/cases/" + id + "/ratings").with(as(person(applicant)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1,\"comment\":\"故意给差评\"}"))
                .andExpect(status().isCreated());
        UUID rating = jdbc.queryForObject("select id from evaluation_rating where application_id = ?", UUID.class, id);
        LocalDate today = LocalDate.now(Applications.ZONE);
        RatingStatistics.Line before = itemLine(today);
        assertThat(before.bad()).isPositive();

        // Only the rated body appeals, with grounds, once.
        mvc.perform(post("/api/v1/evaluation/ratings/" + rating + "/appeal").with(as(fireReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"不是我们\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/ratings/" + rating + "/appeal").with(as(marketReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("evaluation.appeal.reason-missing"));
        mvc.perform(post("/workbench/ratings/" + rating + "/appeal").with(csrf()).with(as(marketReviewer))
                        .param("reason", "申请人当日已办结并致谢，评价与事实不符"))
                .andExpect(redirectedUrl("/workbench/rating-appeals"));
        mvc.perform(post("/api/v1/evaluation/ratings/" + rating + "/appeal").with(as(marketReviewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"再次申诉\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("evaluation.appeal.exists"));

        // Supervisors of the division review it; another city's do not see it, the body cannot decide it.
        RatingAppeals.AppealView appeal = appeals.pending(provinceSupervisor).stream()
                .filter(a -> a.ratingId().equals(rating)).findFirst().orElseThrow();
        assertThat(appeals.pending(dalianSupervisor)).noneMatch(a -> a.ratingId().equals(rating));
        mvc.perform(post("/api/v1/evaluation/appeals/" + appeal.id() + "/decision").with(as(marketReviewer))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uphold\":true,\"reason\":\"自己说了算\",\"version\":0}"))
                .andExpect(status().isForbidden());
        mvc.perform(page(provinceSupervisor, "/workbench/rating-appeals")).andExpect(status().isOk())
                .andExpect(content().string(containsString("评价与事实不符")))
                .andExpect(content().string(not(containsString("申诉申请人丁"))));
        mvc.perform(post("/workbench/rating-appeals/" + appeal.id()).with(csrf()).with(as(provinceSupervisor))
                        .param("uphold", "true").param("reason", "").param("version", String.valueOf(appeal.version())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("decisionError"));
        mvc.perform(post("/workbench/rating-appeals/" + appeal.id()).with(csrf()).with(as(provinceSupervisor))
                        .param("uphold", "true").param("reason", "经调取窗口录像，申请人当场表示满意，差评不实")
                        .param("version", String.valueOf(appeal.version())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("decided", "UPHELD"));
        mvc.perform(post("/api/v1/evaluation/appeals/" + appeal.id() + "/decision").with(as(provinceSupervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uphold\":false,\"reason\":\"改判\",\"version\":" + appeal.version() + "}"))
                .andExpect(status().isConflict());
        assertThat(jdbc.queryForObject("select void_reason from evaluation_rating where id = ?", String.class, rating))
                .contains("差评不实");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'evaluation' "
                + "and target_id = ? and action = 'appeal.upheld'", Integer.class, rating.toString())).isEqualTo(1);

        // Published: the voided rating no longer counts.
        RatingStatistics.Line after = itemLine(today);
        assertThat(after.ratings()).isEqualTo(before.ratings() - 1);
        assertThat(after.bad()).isEqualTo(before.bad() - 1);
        mvc.perform(get("/ratings").param("division", "210112")).andExpect(status().isOk())
                .andExpect(content().string(containsString("好差评公示")))
                .andExpect(content().string(containsString(jdbc.queryForObject(
                        "select item_name from evaluation_rating where id = ?", String.class, rating))));
        mvc.perform(get("/api/v1/evaluation/statistics").param("from", "2026-03-10").param("to", "2026-03-01"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("evaluation.statistics.period"));
    }

    private RatingStatistics.Line itemLine(LocalDate day) {
        return statistics.report(org.tongban.shared.DivisionCode.of("210112"), day, day).items().stream()
                .filter(l -> l.key().equals(itemCode)).findFirst()
                .orElse(new RatingStatistics.Line(itemCode, "", "210112", 0, 0, 0, 0));
    }

    // --- fixtures

    /** Handles the accepted case through all three bodies to its decision and completion. */
    private void completed(UUID id) {
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        CaseProcessing day = processing.withClock(at("2026-03-03T10:00"));
        for (SignedIn reviewer : List.of(fireReviewer, healthReviewer, marketReviewer)) {
            TaskView task = only(day.todo(reviewer), id);
            day.act(reviewer, task.id(), task.version(), TaskAction.APPROVE, null);
        }
        TaskView decide = only(day.todo(approver), id);
        day.act(approver, decide.id(), decide.version(), TaskAction.GRANT, new CaseProcessing.ActionInput(
                "符合条件", null, null, "《中华人民共和国食品安全法》第三十五条", null));
        TaskView certify = only(day.todo(window), id);
        day.act(window, certify.id(), certify.version(), TaskAction.APPROVE, null);
        TaskView deliver = only(day.todo(window), id);
        day.act(window, deliver.id(), deliver.version(), TaskAction.APPROVE,
                CaseProcessing.ActionInput.opinion("电子送达"));
        assertThat(processing.progress(person(jdbc.queryForObject(
                "select applicant_account from cases_application where id = ?", UUID.class, id)), id).state())
                .isEqualTo("COMPLETED");
    }

    private WarningView awaitWarning(SignedIn supervisor, UUID application, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<WarningView> found = supervision.warnings(supervisor, null, true).stream()
                    .filter(w -> application.equals(w.applicationId()) && w.kind().equals(kind)).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("a %s warning for %s within 10 s", kind, application)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private UUID submitted(UUID applicant, String name) {
        return CaseFixtures.submitted(jdbc, itemCode, applicant, name);
    }

    private String caseNumber(UUID id) {
        return jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id);
    }

    private UUID body(String category) {
        return CaseFixtures.body(jdbc, category);
    }



    private jakarta.servlet.http.Cookie session() throws Exception {
        jakarta.servlet.http.Cookie session = mvc.perform(get("/signin")).andReturn().getResponse()
                .getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    /** A page request as {@code who} in a session of its own (pages render CSRF tokens into forms). */
    private MockHttpServletRequestBuilder page(SignedIn who, String url) throws Exception {
        return get(url).with(as(who)).cookie(session());
    }



    private long version(UUID id) {
        return CaseFixtures.version(jdbc, id);
    }

}

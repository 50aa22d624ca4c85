package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.evaluation.Ratings;
import org.tongban.evaluation.RectificationView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The monthly performance assessment (绩效考核) on real cases of the demo 开餐馆 process (食品经营许可, 浑南区) driven
 * through the cases module's services: each indicator's numerator and denominator move by what the cases, ratings
 * and complaints made here add (compared before and after, so other tests' cases do not matter), the ranking of bodies
 * by composite score, the monthly report as a PDF, and who may see what. Cases are decided in April 2026 and complaints
 * fall due in May 2025, months no other test uses; both closed months are frozen again (the recovery path) around the
 * changes, which proves the snapshot too.
 */
@TongbanIntegrationTest
class AssessmentIntegrationTests {

    private static final YearMonth APRIL = YearMonth.of(2026, 4);
    private static final YearMonth RANKING_MONTH = YearMonth.of(2025, 5);

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
    Ratings ratings;
    @Autowired
    Assessment assessment;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    private RestaurantCases cases;
    private String itemCode;
    private UUID itemBody;
    private UUID health;
    private UUID housing;
    private SignedIn window;
    private SignedIn marketReviewer;
    private SignedIn provinceSupervisor;
    private SignedIn dalianSupervisor;

    @BeforeEach
    void hunnanRestaurantProcess() {
        cases = new RestaurantCases("考核", jdbc, facts, acceptance, processing, events, transactions);
        itemCode = cases.itemCode;
        itemBody = cases.itemBody;
        window = cases.window;
        marketReviewer = cases.marketReviewer;
        health = CaseFixtures.body(jdbc, "HEALTH");
        housing = CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL");
        provinceSupervisor = new SignedIn(UUID.randomUUID(), "省监察考核", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                health, "210000", null);
        dalianSupervisor = new SignedIn(UUID.randomUUID(), "大连监察考核", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                health, "210200", null);
    }

    @Test
    void theScheduledJobFreezesTheLastClosedMonthOnceAndASupervisorFreezesItAgainAfterACorrection()
            throws Exception {
        // June 2024: a month no other test uses, its figures as the dashboard keeps them.
        YearMonth june = YearMonth.of(2024, 6);
        Date first = Date.valueOf(june.atDay(1));
        Date may = Date.valueOf("2024-05-01");
        jdbc.update("delete from supervision_assessment_frozen where month in (?, ?)", first, may);
        jdbc.update("delete from supervision_assessment_month where month in (?, ?)", first, may);
        jdbc.update("""
                insert into supervision_dashboard_month (month, division_code, body_id, item_code, received,
                    received_online) values (?, '210112', ?, ?, 7, 7)
                on conflict (month, division_code, body_id, item_code) do update set received = 7,
                    received_online = 7""", first, itemBody, itemCode);

        // 2 July: June has not closed (close-after-days 3), the job freezes May; from 4 July it freezes June, once.
        assertThat(assessment.freezeClosed(LocalDate.of(2024, 7, 2))).contains(YearMonth.of(2024, 5));
        assertThat(assessment.freezeClosed(LocalDate.of(2024, 7, 4))).contains(june);
        assertThat(assessment.freezeClosed(LocalDate.of(2024, 7, 5))).isEmpty();
        assertThat(jdbc.queryForObject("select frozen_by from supervision_assessment_frozen where month = ?",
                String.class, first)).isEqualTo("SCHEDULE");
        assertThat(online(june)).containsExactly(7L, 7L);

        // A late correction: the snapshot stays as it was frozen until a supervisor freezes the month again.
        jdbc.update("update supervision_dashboard_month set received = 9, received_online = 8 where month = ? "
                + "and body_id = ? and item_code = ?", first, itemBody, itemCode);
        assertThat(online(june)).containsExactly(7L, 7L);

        SignedIn supervisor = officer("考核监察庚", itemBody, StaffRole.SUPERVISOR);
        String api = "/api/v1/supervision/assessment/refreezes";
        mvc.perform(post(api).with(as(marketReviewer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"2024-06\",\"reason\":\"更正\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post(api).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"2024-06\",\"reason\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"))
                .andExpect(jsonPath("$.code").value("supervision.assessment.reason-missing"));
        mvc.perform(post(api).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"2024-6\",\"reason\":\"更正\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("month"));
        mvc.perform(post(api).with(as(dalianSupervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"2024-06\",\"division\":\"210112\",\"reason\":\"更正\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post(api).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"" + YearMonth.now(Applications.ZONE) + "\",\"reason\":\"更正\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.assessment.month-open"));
        assertThat(online(june)).containsExactly(7L, 7L);

        mvc.perform(post(api).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"month\":\"2024-06\",\"reason\":\"补录六月漏报的网办件\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.divisionCode").value("210112"))
                .andExpect(jsonPath("$.byName").value("考核监察庚"));
        assertThat(online(june)).containsExactly(8L, 9L);
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and action = 'assessment.refrozen' and detail = '补录六月漏报的网办件'", Integer.class)).isEqualTo(1);

        // On the page: the form keeps the month's division, a missing reason is told, the last re-freeze shown.
        Cookie session = mvc.perform(get("/signin")).andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/workbench/supervision/assessment").param("division", "210112").param("month", "2024-06")
                        .with(as(supervisor)).cookie(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"refreeze-reason\"")))
                .andExpect(content().string(containsString("补录六月漏报的网办件")));
        MvcResult refused = mvc.perform(post("/workbench/supervision/assessment/refreeze").with(csrf())
                        .with(as(supervisor)).cookie(session).param("division", "210112").param("month", "2024-06")
                        .param("reason", ""))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(refused.getFlashMap().get("refreezeError")).isEqualTo("请填写重新冻结的原因。");
        mvc.perform(post("/workbench/supervision/assessment/refreeze").with(csrf()).with(as(supervisor))
                        .cookie(session).param("division", "210112").param("month", "2024-06")
                        .param("reason", "再次核对"))
                .andExpect(status().is3xxRedirection()).andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                                .attributeExists("refrozen"));
    }

    /** The body's online indicator of the month: numerator, denominator. */
    private List<Long> online(YearMonth month) {
        AssessmentView.Indicator i = assessment.body(provinceSupervisor, itemBody, month.toString()).figures()
                .indicator("online");
        return List.of(i.numerator(), i.denominator());
    }

    @Test
    void everyCaseIndicatorCountsWhatTheCasesOfTheMonthAdd() throws Exception {
        assessment.refreeze(APRIL);
        AssessmentView.Figures before = assessment.body(provinceSupervisor, itemBody, APRIL.toString()).figures();

        // Filed online, decided on time, result online (the default), one material obtained by sharing.
        UUID online = cases.received("考核网办申请人", "WEB", "2026-04-07");
        cases.accept(online, "2026-04-07T10:00");
        cases.decide(online, "2026-04-09T10:00");
        shared(online);
        // Filed at the hall window in March, decided late in April, result collected at the window: two visits.
        UUID hall = cases.received("考核窗口申请人", "HALL_WINDOW", "2026-03-02");
        cases.accept(hall, "2026-03-02T10:00");
        cases.decide(hall, "2026-04-28T10:00");
        assertThat(facts.decision(hall).orElseThrow().decidedOn()).isAfter(facts.decision(hall).orElseThrow().dueOn());
        jdbc.update("""
                insert into cases_delivery (application_id, method, hall_id, hall_name, chosen_at, chosen_by)
                values (?, 'PICKUP', ?, '浑南区政务服务中心', now(), ?)""", hall, UUID.randomUUID(), UUID.randomUUID());
        // Received online in April, not decided.
        UUID waiting = cases.received("考核待受理申请人", "MOBILE_APP", "2026-04-08");
        for (UUID id : List.of(online, hall, waiting)) {
            cases.handled(id);
        }
        long materials = jdbc.queryForObject("select count(*) from cases_material where application_id in (?, ?)",
                Long.class, online, hall);

        assessment.refreeze(APRIL);
        AssessmentView.BodyReport report = assessment.body(provinceSupervisor, itemBody, APRIL.toString());
        assertThat(report.frozen()).isTrue();
        AssessmentView.Figures after = report.figures();
        assertDelta(before, after, "online", 2, 2);
        assertDelta(before, after, "full-online", 1, 2);
        assertDelta(before, after, "visits", 2, 2);
        assertDelta(before, after, "once-only", 1, materials);
        assertDelta(before, after, "on-time", 1, 2);
        for (String key : Assessment.INDICATORS) {
            AssessmentView.Indicator i = after.indicator(key);
            if (i.denominator() > 0) {
                double exact = (double) i.numerator() / i.denominator();
                assertThat(i.value()).as(key).isEqualTo(key.equals("visits") ? Math.round(exact * 100) / 100.0
                        : Math.round(exact * 10000) / 10000.0);
            }
        }
        assertThat(after.score()).isNotNull();
        // The trend ends with the month and holds the same figures.
        assertThat(report.trend()).hasSize(12);
        assertThat(report.trend().get(11).month()).isEqualTo("2026-04");
        assertThat(report.trend().get(11).figures()).isEqualTo(after);
        assertThat(report.trend().get(0).month()).isEqualTo("2025-05");

        // The division totals hold the body's figures, city and province alike.
        AssessmentView.DivisionReport county = assessment.division(provinceSupervisor, "210112", APRIL.toString());
        assertThat(county.ranking()).extracting(AssessmentView.Ranked::bodyId).contains(itemBody);
        assertThat(county.totals().indicator("on-time").denominator())
                .isGreaterThanOrEqualTo(after.indicator("on-time").denominator());
        AssessmentView.DivisionReport province = assessment.division(provinceSupervisor, null, APRIL.toString());
        assertThat(province.parts()).extracting(AssessmentView.Part::code).contains("210100");

        // The JSON API answers the same figures.
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + itemBody).param("month", "2026-04")
                        .with(as(provinceSupervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.figures.indicators[?(@.key == 'visits')].numerator")
                        .value((int) after.indicator("visits").numerator()))
                .andExpect(jsonPath("$.frozen").value(true));
    }

    @Test
    void ratingsAndTheirRectificationCountInTheMonthTheyWereGiven() throws Exception {
        String month = YearMonth.now(Applications.ZONE).toString();
        AssessmentView.Figures before = assessment.body(provinceSupervisor, itemBody, month).figures();
        UUID badApplicant = UUID.randomUUID();
        UUID goodApplicant = UUID.randomUUID();
        UUID bad = cases.received("考核差评申请人", "WEB", "2026-04-13", badApplicant);
        UUID good = cases.received("考核好评申请人", "WEB", "2026-04-13", goodApplicant);
        cases.accept(bad, "2026-04-13T10:00");
        cases.accept(good, "2026-04-13T10:00");
        cases.handled(bad);
        cases.handled(good);
        ratings.rate(person(badApplicant), bad, 1, List.of(), null);
        ratings.rate(person(goodApplicant), good, 5, List.of(), null);
        cases.handled(bad);
        cases.handled(good);
        List<RectificationView> rectifications = ratings.ofCaseForSupervision(bad);
        assertThat(rectifications).hasSize(1);
        ratings.respond(window, rectifications.get(0).id(), "已电话回访", "已改进窗口服务并向申请人说明");

        AssessmentView.BodyReport report = assessment.body(provinceSupervisor, itemBody, month);
        assertThat(report.frozen()).isFalse();
        assertDelta(before, report.figures(), "satisfaction", 1, 2);
        assertDelta(before, report.figures(), "rectification", 1, 1);
    }

    @Test
    void bodiesAreRankedByCompositeScoreWithinTheirDivision() throws Exception {
        // Complaints due in May 2025 are the only figures these bodies have that month: the score is their rate.
        complaint(health, "2025-05-12", "2025-05-10");
        complaint(health, "2025-05-20", "2025-05-20");
        complaint(itemBody, "2025-05-12", "2025-05-11");
        complaint(itemBody, "2025-05-13", "2025-05-30");
        complaint(housing, "2025-05-14", null);
        complaint(housing, "2025-05-15", "2025-06-02");
        assessment.refreeze(RANKING_MONTH);

        AssessmentView.DivisionReport county = assessment.division(provinceSupervisor, "210112",
                RANKING_MONTH.toString());
        List<UUID> order = county.ranking().stream().map(AssessmentView.Ranked::bodyId)
                .filter(id -> id.equals(health) || id.equals(itemBody) || id.equals(housing)).toList();
        assertThat(order).containsExactly(health, itemBody, housing);
        for (int i = 1; i < county.ranking().size(); i++) {
            assertThat(county.ranking().get(i).figures().score())
                    .isLessThanOrEqualTo(county.ranking().get(i - 1).figures().score());
            assertThat(county.ranking().get(i).rank()).isGreaterThanOrEqualTo(county.ranking().get(i - 1).rank());
        }
        AssessmentView.Ranked market = county.ranking().stream().filter(r -> r.bodyId().equals(itemBody))
                .findFirst().orElseThrow();
        AssessmentView.Indicator complaints = market.figures().indicator("complaints");
        assertThat(complaints.numerator()).isGreaterThanOrEqualTo(1);
        assertThat(complaints.denominator()).isGreaterThanOrEqualTo(2);
        AssessmentView.BodyReport healthReport = assessment.body(provinceSupervisor, health,
                RANKING_MONTH.toString());
        assertThat(healthReport.rank()).isEqualTo(county.ranking().stream()
                .filter(r -> r.bodyId().equals(health)).findFirst().orElseThrow().rank());

        // The division page shows the ranking as a table and the trend's chart source.
        mvc.perform(CaseFixtures.page(mvc, provinceSupervisor, "/workbench/supervision/assessment?division=210112"
                        + "&month=2025-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"assessment-ranking\"")))
                .andExpect(content().string(containsString("data-body=\"" + health + "\"")))
                .andExpect(content().string(containsString("/_static/echarts/")))
                .andExpect(content().string(containsString("投诉按期办结率")));
        // English second: the same page with every label and definition from the English bundle.
        mvc.perform(CaseFixtures.page(mvc, provinceSupervisor, "/workbench/supervision/assessment?division=210112"
                        + "&month=2025-05&lang=en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Complaints resolved on time")))
                .andExpect(content().string(containsString("Applications first submitted through the web portal")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("投诉按期办结率"))));
    }

    @Test
    void theMonthlyReportIsARealPdfNamingTheBody() throws Exception {
        MvcResult result = mvc.perform(get("/workbench/supervision/assessment/bodies/" + itemBody + "/report.pdf")
                        .param("month", "2026-04").with(as(window)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn();
        byte[] pdf = result.getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String bodyName = jdbc.queryForObject("select name from org_body where id = ?", String.class, itemBody);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s", "");
            assertThat(text).contains(bodyName).contains("2026年4月").contains("按时办结率").contains("平均跑动次数");
        }
        mvc.perform(get("/workbench/supervision/assessment/bodies/" + health + "/report.pdf")
                        .param("month", "2026-04").with(as(window)))
                .andExpect(status().isNotFound());
    }

    @Test
    void bodyStaffSeeTheirOwnReportSupervisorsTheirDivisionsAndCitizensNothing() throws Exception {
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + itemBody).with(as(window)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bodyId").value(itemBody.toString()))
                .andExpect(jsonPath("$.month").value(YearMonth.now(Applications.ZONE).minusMonths(1).toString()));
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + health).with(as(window)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.assessment.body-not-found"));
        mvc.perform(get("/api/v1/supervision/assessment").with(as(window)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.supervisors-only"));
        SignedIn citizen = person(UUID.randomUUID());
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + itemBody).with(as(citizen)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.assessment.staff-only"));
        mvc.perform(get("/api/v1/supervision/assessment").with(as(citizen)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + itemBody).with(as(dalianSupervisor)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/supervision/assessment").param("division", "210112").with(as(dalianSupervisor)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.assessment.division-not-found"));
        mvc.perform(get("/api/v1/supervision/assessment").with(as(dalianSupervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.divisionCode").value("210200"));
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + UUID.randomUUID()).with(as(provinceSupervisor)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.assessment.body-not-found"));
    }

    @Test
    void aBadMonthOrDivisionIsABadRequestNamingTheFieldAndThePageKeepsIt() throws Exception {
        mvc.perform(get("/api/v1/supervision/assessment").param("month", "2026-13").with(as(provinceSupervisor)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("supervision.assessment.month-invalid"))
                .andExpect(jsonPath("$.field").value("month"));
        mvc.perform(get("/api/v1/supervision/assessment").param("month", "2999-01").with(as(provinceSupervisor)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("supervision.assessment.month-out-of-range"))
                .andExpect(jsonPath("$.field").value("month"));
        mvc.perform(get("/api/v1/supervision/assessment").param("division", "21xx").with(as(provinceSupervisor)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("supervision.assessment.division-invalid"))
                .andExpect(jsonPath("$.field").value("division"));
        mvc.perform(get("/api/v1/supervision/assessment/bodies/" + itemBody).param("month", "April")
                        .with(as(window)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("month"));
        mvc.perform(CaseFixtures.page(mvc, provinceSupervisor, "/workbench/supervision/assessment?month=2026-13"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("月份格式不正确")))
                .andExpect(content().string(containsString("value=\"2026-13\"")));
    }

    private static void assertDelta(AssessmentView.Figures before, AssessmentView.Figures after, String key,
            long numerator, long denominator) {
        assertThat(after.indicator(key).numerator() - before.indicator(key).numerator()).as(key + " numerator")
                .isEqualTo(numerator);
        assertThat(after.indicator(key).denominator() - before.indicator(key).denominator())
                .as(key + " denominator").isEqualTo(denominator);
    }

    /** A complaint about a case of the body, due on {@code due}, answered on {@code answered} (or not). */
    private void complaint(UUID body, String due, String answered) {
        jdbc.update("""
                insert into supervision_complaint (id, application_id, case_number, body_id, body_name, division_code,
                    complainant_account, text, submitted_at, due_on, status, response, responded_at, responder_name)
                values (?, ?, '考核投诉', ?, (select name from org_body where id = ?), '210112', ?, '考核投诉', now(), ?,
                    ?, ?, (?::date + time '10:00') at time zone 'Asia/Shanghai', ?)""",
                UUID.randomUUID(), UUID.randomUUID(), body, body, UUID.randomUUID(), Date.valueOf(due),
                answered == null ? "OPEN" : "ANSWERED", answered == null ? null : "已答复", answered,
                answered == null ? null : "考核监察");
    }

    /** A material obtained from a shared resource with the applicant's consent (免提交). */
    private void shared(UUID application) {
        UUID material = UUID.randomUUID();
        jdbc.update("""
                insert into cases_material (id, application_id, requirement_index, requirement_name, file_name,
                    content_type, size_bytes, sha256, storage_key, uploaded_at)
                values (?, ?, 90, '营业执照', 'shared.json', 'application/json', 10, ?, 'none', now())""", material,
                application, "0".repeat(64));
        jdbc.update("""
                insert into cases_shared_material (application_id, requirement_index, resource_code, resource_name,
                    provider_name, subject_masked, exchange_entry_id, fetched_at, status, decided_at, material_id)
                values (?, 90, 'R00000000001', '企业登记信息', '省市场监管局', '9121****', 1, now(), 'CONSENTED', now(), ?)""",
                application, material);
    }

}

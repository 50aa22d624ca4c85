package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseAccepted;
import org.tongban.cases.CaseDecided;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseSubmitted;
import org.tongban.cases.DeadlineWarnings;
import org.tongban.evaluation.Ratings;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The supervision dashboard on real cases of the demo 开餐馆 process (食品经营许可, 浑南区) driven through the cases
 * module's services, whose events the dashboard counts: the figures and the drill-down province → city → county → body
 * → item, a redelivered event counted once, the rebuild from the cases tables giving the incremental figures, and the
 * supervisor's division scope. Figures are compared before and after, so other tests' cases do not matter; the cases
 * here are received, accepted and decided in June–August 2026, which no other test uses.
 */
@TongbanIntegrationTest
class DashboardIntegrationTests {

    private static final String FROM = "2026-06-01";
    private static final String TO = "2026-08-31";

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
    Dashboard dashboard;
    @Autowired
    DashboardCounts counts;
    @Autowired
    Supervision supervision;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    private RestaurantCases cases;
    private String itemCode;
    private UUID itemBody;
    private SignedIn window;
    private SignedIn provinceSupervisor;
    private SignedIn shenyangSupervisor;
    private SignedIn dalianSupervisor;

    @BeforeEach
    void hunnanRestaurantProcess() {
        cases = new RestaurantCases("看板", jdbc, facts, acceptance, processing, events, transactions);
        itemCode = cases.itemCode;
        itemBody = cases.itemBody;
        window = cases.window;
        UUID health = CaseFixtures.body(jdbc, "HEALTH");
        provinceSupervisor = new SignedIn(UUID.randomUUID(), "省监察看板", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                health, "210000", null);
        shenyangSupervisor = new SignedIn(UUID.randomUUID(), "沈阳监察看板", true, 3,
                EnumSet.of(StaffRole.SUPERVISOR), health, "210100", null);
        dalianSupervisor = new SignedIn(UUID.randomUUID(), "大连监察看板", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                health, "210200", null);
    }

    @Test
    void casesReceivedAcceptedAndDecidedShowUpAtEveryLevelFromTheProvinceDownToTheItem() throws Exception {
        DashboardView.Figures provinceBefore = dashboard.figures(provinceSupervisor, null, FROM, TO, null).totals();
        DashboardView.Figures cityBefore = row(dashboard.figures(provinceSupervisor, "210000", FROM, TO, null),
                "210100");
        DashboardView.Figures itemBefore = row(dashboard.figures(provinceSupervisor, "210112", FROM, TO,
                itemBody.toString()), itemCode);
        // A period that starts and ends inside months (June and August by day, July as a whole month).
        DashboardView.Figures partialBefore = row(dashboard.figures(provinceSupervisor, "210112", "2026-06-08",
                "2026-08-03", itemBody.toString()), itemCode);

        UUID onTime = cases.received("看板按时申请人", "WEB", "2026-06-08");
        UUID late = cases.received("看板超时申请人", "HALL_WINDOW", "2026-06-08");
        UUID waiting = cases.received("看板待受理申请人", "MOBILE_APP", "2026-06-09");
        cases.accept(onTime, "2026-06-08T10:00");
        cases.accept(late, "2026-06-08T10:00");
        cases.decide(onTime, "2026-06-10T10:00");
        cases.decide(late, "2026-08-03T10:00");
        CaseFacts.Decision lateDecision = facts.decision(late).orElseThrow();
        assertThat(lateDecision.decidedOn()).isAfter(lateDecision.dueOn());
        CaseFacts.Decision onTimeDecision = facts.decision(onTime).orElseThrow();
        for (UUID id : List.of(onTime, late, waiting)) {
            cases.handled(id);
        }

        DashboardView province = dashboard.figures(provinceSupervisor, null, FROM, TO, null);
        DashboardView.Figures p = province.totals();
        assertThat(p.received() - provinceBefore.received()).isEqualTo(3);
        assertThat(p.receivedOnline() - provinceBefore.receivedOnline()).isEqualTo(2);
        assertThat(p.accepted() - provinceBefore.accepted()).isEqualTo(2);
        assertThat(p.decided() - provinceBefore.decided()).isEqualTo(2);
        assertThat(p.decidedOnTime() - provinceBefore.decidedOnTime()).isEqualTo(1);
        assertThat(province.divisionCode()).isEqualTo("210000");
        assertThat(province.rows()).extracting(DashboardView.Row::code).contains("210100");

        // Drill down: the city among the province's parts, the county among the city's, the body among the
        // county's, the item among the body's.
        DashboardView.Figures city = row(province, "210100");
        assertThat(city.received() - cityBefore.received()).isEqualTo(3);
        DashboardView shenyang = dashboard.figures(provinceSupervisor, "210100", FROM, TO, null);
        assertThat(shenyang.trail()).extracting(DashboardView.Place::code).containsExactly("210000", "210100");
        assertThat(shenyang.rows()).extracting(DashboardView.Row::code).contains("210112");
        DashboardView hunnan = dashboard.figures(provinceSupervisor, "210112", FROM, TO, null);
        assertThat(hunnan.rows()).filteredOn(r -> r.kind().equals("BODY")).extracting(DashboardView.Row::code)
                .contains(itemBody.toString());
        DashboardView body = dashboard.figures(provinceSupervisor, "210112", FROM, TO, itemBody.toString());
        assertThat(body.rowKind()).isEqualTo("ITEM");
        DashboardView.Figures item = row(body, itemCode);
        assertThat(item.received() - itemBefore.received()).isEqualTo(3);
        assertThat(item.decided() - itemBefore.decided()).isEqualTo(2);
        assertThat(item.decidedOnTime() - itemBefore.decidedOnTime()).isEqualTo(1);
        assertThat(item.openFindings()).isNull();
        // 行政许可法 Art. 42: on time = decided within the promised limit; durations in calendar days.
        assertThat(item.onTimeRate()).isEqualTo(ratio(itemBefore.decidedOnTime() + 1, itemBefore.decided() + 2));
        assertThat(item.onlineShare()).isEqualTo(ratio(itemBefore.receivedOnline() + 2, itemBefore.received() + 3));
        if (itemBefore.decided() == 0) {
            long days = ChronoUnit.DAYS.between(onTimeDecision.acceptedOn(), onTimeDecision.decidedOn())
                    + ChronoUnit.DAYS.between(lateDecision.acceptedOn(), lateDecision.decidedOn());
            assertThat(item.averageDays()).isEqualTo(Math.round(days * 10.0 / 2) / 10.0);
        }

        DashboardView.Figures partial = row(dashboard.figures(provinceSupervisor, "210112", "2026-06-08",
                "2026-08-03", itemBody.toString()), itemCode);
        assertThat(partial.received() - partialBefore.received()).isEqualTo(3);
        assertThat(partial.decided() - partialBefore.decided()).isEqualTo(2);
        DashboardView.Figures narrower = row(dashboard.figures(provinceSupervisor, "210112", "2026-06-09",
                "2026-08-02", itemBody.toString()), itemCode);
        assertThat(partial.received() - narrower.received()).isEqualTo(2);
        assertThat(partial.decided() - narrower.decided()).isEqualTo(1);

        // The JSON API answers the same figures.
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "210112").param("body", itemBody.toString())
                        .param("from", FROM).param("to", TO).with(as(provinceSupervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rowKind").value("ITEM"))
                .andExpect(jsonPath("$.rows[?(@.code == '" + itemCode + "')].figures.received")
                        .value((int) item.received()));
    }

    @Test
    void aRatingCountsUnderItsLevelOnTheDayItWasGiven() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = cases.received("看板评价申请人", "WEB", "2026-06-15", applicant);
        cases.accept(id, "2026-06-15T10:00");
        cases.handled(id);
        String today = LocalDate.now(org.tongban.cases.Applications.ZONE).toString();
        DashboardView.Figures before = row(dashboard.figures(provinceSupervisor, "210112", today, today,
                itemBody.toString()), itemCode);
        ratings.rate(person(applicant), id, 2, List.of(), null);
        cases.handled(id);
        DashboardView.Figures after = row(dashboard.figures(provinceSupervisor, "210112", today, today,
                itemBody.toString()), itemCode);
        assertThat(after.ratings().count() - before.ratings().count()).isEqualTo(1);
        assertThat(after.ratings().dissatisfied() - before.ratings().dissatisfied()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventIsCountedOnce() throws Exception {
        UUID id = cases.received("看板重投申请人", "WEB", "2026-07-06");
        cases.accept(id, "2026-07-06T10:00");
        cases.handled(id);
        DashboardView.Figures before = row(dashboard.figures(provinceSupervisor, "210112", FROM, TO,
                itemBody.toString()), itemCode);
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);
        // As the event publication registry does after a crash: the same events once more, through the listeners.
        CaseAccepted accepted = new CaseAccepted(id, caseNumber, itemCode, itemBody, UUID.randomUUID(),
                LocalDate.parse("2026-07-06"), false, LocalDate.parse("2026-08-03"));
        counts.on(accepted);
        transactions.executeWithoutResult(s -> {
            events.publishEvent(accepted);
            events.publishEvent(new CaseSubmitted(id, caseNumber, itemCode, itemBody, UUID.randomUUID(), null,
                    LocalDate.parse("2026-07-06"), false));
        });
        cases.handled(id);
        DashboardView.Figures after = row(dashboard.figures(provinceSupervisor, "210112", FROM, TO,
                itemBody.toString()), itemCode);
        assertThat(after.received()).isEqualTo(before.received());
        assertThat(after.accepted()).isEqualTo(before.accepted());
    }

    @Test
    void theRebuildFromTheCasesTablesGivesTheFiguresTheEventsGave() throws Exception {
        UUID a = cases.received("看板重建甲", "WEB", "2026-06-22");
        UUID b = cases.received("看板重建乙", "AGENT_POINT", "2026-06-22");
        cases.accept(a, "2026-06-22T10:00");
        cases.accept(b, "2026-06-23T10:00");
        cases.decide(a, "2026-06-24T10:00");
        cases.handled(a);
        cases.handled(b);
        // A task of case a missed its last day, 25 June: the scan's batch gives a red light and an overdue count.
        String numberOfA = jdbc.queryForObject("select case_number from cases_application where id = ?", String.class,
                a);
        List<DeadlineWarnings.Warning> missed = List.of(new DeadlineWarnings.Warning(UUID.randomUUID(), a, numberOfA,
                itemCode, itemBody, LocalDate.parse("2026-06-25"), 3, 0, null, null));
        supervision.raiseDeadlines(missed);
        counts.countMissed(missed);
        String rows = """
                select day, division_code, body_id, item_code, received, received_online, accepted, decided,
                    decided_on_time, duration_days, promised_days, completed, overdue, rated, rated_1, rated_2,
                    rated_3, rated_4, rated_5
                from supervision_dashboard_day where day between '2026-06-01' and '2026-08-31' and body_id = ?
                order by day, division_code, body_id, item_code""";
        String months = rows.replace("supervision_dashboard_day", "supervision_dashboard_month")
                .replace("select day", "select month").replace("where day", "where month")
                .replace("order by day", "order by month");
        List<Map<String, Object>> incremental = jdbc.queryForList(rows, itemBody);
        List<Map<String, Object>> incrementalMonths = jdbc.queryForList(months, itemBody);
        assertThat(incremental).isNotEmpty();
        assertThat(incrementalMonths).isNotEmpty();
        assertThat(incremental).filteredOn(r -> r.get("day").toString().equals("2026-06-25"))
                .extracting(r -> ((Number) r.get("overdue")).longValue()).contains(1L);
        assertThat(bodyMonthsNotSummingTheirItems("2026-06-01", "2026-08-01")).isZero();
        counts.rebuild();
        assertThat(jdbc.queryForList(rows, itemBody)).isEqualTo(incremental);
        assertThat(jdbc.queryForList(months, itemBody)).isEqualTo(incrementalMonths);
        assertThat(bodyMonthsNotSummingTheirItems("2026-06-01", "2026-08-01")).isZero();
        // Events handled after the rebuild are not counted twice either.
        DashboardView.Figures before = row(dashboard.figures(provinceSupervisor, "210112", FROM, TO,
                itemBody.toString()), itemCode);
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, a);
        counts.on(new CaseDecided(a, caseNumber, itemCode, itemBody, "", UUID.randomUUID(), "", null, null,
                "GRANTED", null, LocalDate.parse("2026-06-24"), null, null));
        assertThat(row(dashboard.figures(provinceSupervisor, "210112", FROM, TO, itemBody.toString()), itemCode))
                .isEqualTo(before);
    }

    @Test
    void aSupervisorSeesTheirDivisionAndBelowOnly() throws Exception {
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "210112").with(as(shenyangSupervisor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.divisionCode").value("210112"))
                .andExpect(jsonPath("$.trail[0].code").value("210100"));
        mvc.perform(get("/api/v1/supervision/dashboard").with(as(shenyangSupervisor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.divisionCode").value("210100"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "210112").with(as(dalianSupervisor)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.division-not-found"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "210000").with(as(shenyangSupervisor)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "210200").param("body",
                        itemBody.toString()).with(as(dalianSupervisor)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.body-not-found"));
        mvc.perform(get("/api/v1/supervision/dashboard").with(as(window)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.supervisors-only"));
        mvc.perform(get("/workbench/supervision/dashboard").param("division", "210112").with(as(dalianSupervisor)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBadPeriodIsAProblemAndThePageKeepsWhatWasTyped() throws Exception {
        mvc.perform(get("/api/v1/supervision/dashboard").param("from", "2026-08-31").param("to", "2026-06-01")
                        .with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("supervision.dashboard.period-invalid"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("from", "2026-13-01").with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.period-invalid"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("from", "2020-01-01").param("to", "2026-01-01")
                        .with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.period-too-long"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("division", "21xx").with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.division-invalid"));
        mvc.perform(get("/api/v1/supervision/dashboard").param("body", "not-an-id").with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.dashboard.body-invalid"));
        mvc.perform(get("/workbench/supervision/dashboard").param("from", "2026-08-31").param("to", "2026-06-01")
                        .with(as(provinceSupervisor)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("起始日期不能晚于截止日期")))
                .andExpect(content().string(containsString("value=\"2026-08-31\"")));
    }

    @Test
    void thePageShowsTheFiguresAsTablesWithLinksOneLevelDown() throws Exception {
        mvc.perform(get("/workbench/supervision/dashboard").param("division", "210100").param("from", FROM)
                        .param("to", TO).with(as(provinceSupervisor)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"dashboard-rows\"")))
                .andExpect(content().string(containsString("division=210112")))
                .andExpect(content().string(containsString("/_static/echarts/")))
                .andExpect(content().string(containsString("data-api=\"/api/v1/supervision/dashboard?division=210100")));
    }

    private static Double ratio(long part, long whole) {
        return Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static DashboardView.Figures row(DashboardView view, String code) {
        return view.rows().stream().filter(r -> r.code().equals(code)).map(DashboardView.Row::figures).findFirst()
                .orElse(Dashboard.figures(new long[15], 0L));
    }

    @Test
    void aBatchOfMissedDeadlinesIsCountedOncePerTaskOnItsLastDayAndARedeliveryAddsNothing() {
        // A scan batch as DeadlineWatch publishes it: three tasks missed their last day on 1 May 2025, one on 2 May,
        // and one only nears its deadline (yellow, not counted as overdue). 2025 is used by no other test here.
        LocalDate first = LocalDate.of(2025, 5, 1);
        LocalDate second = LocalDate.of(2025, 5, 2);
        List<DeadlineWarnings.Warning> warnings = List.of(missed(first), missed(first), missed(first),
                missed(second), new DeadlineWarnings.Warning(UUID.randomUUID(), UUID.randomUUID(), "X", itemCode,
                        itemBody, second.plusDays(5), 1, 3, null, null));
        long dayOne = overdue("supervision_dashboard_day", "day", first);
        long dayTwo = overdue("supervision_dashboard_day", "day", second);
        long month = overdue("supervision_dashboard_month", "month", first);
        counts.countMissed(warnings);
        assertThat(overdue("supervision_dashboard_day", "day", first)).isEqualTo(dayOne + 3);
        assertThat(overdue("supervision_dashboard_day", "day", second)).isEqualTo(dayTwo + 1);
        assertThat(overdue("supervision_dashboard_month", "month", first)).isEqualTo(month + 4);

        assertThat(bodyMonthsNotSummingTheirItems("2025-05-01", "2025-05-01")).isZero();

        // The registry delivers the same batch again (e.g. after a crash): every task is already counted.
        counts.countMissed(warnings);
        assertThat(overdue("supervision_dashboard_day", "day", first)).isEqualTo(dayOne + 3);
        assertThat(overdue("supervision_dashboard_month", "month", first)).isEqualTo(month + 4);
        assertThat(bodyMonthsNotSummingTheirItems("2025-05-01", "2025-05-01")).isZero();
    }

    /**
     * Months of the test's body from {@code from} to {@code to} whose figures (the divisions' views read them) differ
     * from the sums of its item months, or that only one of the two tables has. (Other tests write item months of
     * the same body directly, in months of their own.)
     */
    private int bodyMonthsNotSummingTheirItems(String from, String to) {
        String[] columns = { "received", "received_online", "accepted", "decided", "decided_on_time", "duration_days",
            "promised_days", "completed", "overdue", "rated", "rated_1", "rated_2", "rated_3", "rated_4", "rated_5" };
        StringBuilder sums = new StringBuilder();
        StringBuilder differs = new StringBuilder();
        for (String c : columns) {
            sums.append(", sum(").append(c).append(") as ").append(c);
            differs.append(differs.isEmpty() ? "" : " or ").append("b.").append(c).append(" is distinct from m.")
                    .append(c);
        }
        return jdbc.queryForObject("select count(*) from (select month, division_code, body_id" + sums
                + " from supervision_dashboard_month where body_id = ? and month between ?::date and ?::date"
                + " group by month, division_code, body_id) m full join (select * from supervision_dashboard_body_month"
                + " where body_id = ? and month between ?::date and ?::date) b using (month, division_code, body_id)"
                + " where " + differs, Integer.class, itemBody, from, to, itemBody, from, to);
    }

    private DeadlineWarnings.Warning missed(LocalDate dueOn) {
        return new DeadlineWarnings.Warning(UUID.randomUUID(), UUID.randomUUID(), "X", itemCode, itemBody, dueOn, 3, 0,
                null, null);
    }

    private long overdue(String table, String period, LocalDate day) {
        LocalDate key = "month".equals(period) ? day.withDayOfMonth(1) : day;
        return jdbc.queryForObject("select coalesce(sum(overdue), 0) from " + table + " where " + period
                + " = ? and body_id = ? and item_code = ?", Long.class, java.sql.Date.valueOf(key), itemBody,
                itemCode);
    }

}

package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.DeadlineWatch;
import org.tongban.cases.TaskView;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.internal.DevInboxSmsGateway;
import org.tongban.identity.StaffRole;

/**
 * Escalation of overdue cases (超期督办) on a real case of the demo 开餐馆 process (食品经营许可, 浑南区): the market
 * regulation branch, claimed by an officer, goes past its last day; the deadline scan turns it red; the escalation
 * notifies the body's head (the demo approver account) and the province supervisor (the demo supervisor account) once;
 * the head sees the overdue case and the officer's lights, the supervisor the lights per division; others are refused.
 */
@TongbanIntegrationTest
class EscalationsIntegrationTests {

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
    Escalations escalations;
    @Autowired
    DevInboxSmsGateway inbox;

    @Test
    void anOverdueCaseIsEscalatedOnceToTheBodysHeadAndTheSupervisorsWithLightsPerOfficerAndDivision()
            throws Exception {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        String itemCode = (String) item.get("code");
        UUID market = (UUID) item.get("body_id");
        SignedIn window = officer("督办窗口甲", market, StaffRole.WINDOW_OFFICER);
        SignedIn reviewer = officer("督办审查乙", market, StaffRole.REVIEWER);
        UUID id = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "督办申请人");
        acceptance.withClock(at("2026-04-06T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);
        CaseProcessing tuesday = processing.withClock(at("2026-04-07T10:00"));
        TaskView task = only(tuesday.todo(reviewer), id);
        processing.claim(reviewer, task.id());

        // Weeks later the branch is still open: red, with the officer who held it.
        deadlines.withClock(at("2026-04-30T09:00")).run();
        UUID red = awaitRed(task.id());
        assertThat(jdbc.queryForObject("select holder_name from supervision_warning where id = ?", String.class, red))
                .isEqualTo("督办审查乙");

        // Escalated once: to the body's approver (demo account) and the province supervisor (demo account).
        escalations.run();
        Timestamp escalated = jdbc.queryForObject("select escalated_at from supervision_warning where id = ?",
                Timestamp.class, red);
        assertThat(escalated).isNotNull();
        SignedIn head = demo("浑南区审批人员（演示）", market, "210112", StaffRole.REVIEWER, StaffRole.APPROVER);
        SignedIn provinceSupervisor = demo("省监察人员（演示）", CaseFixtures.body(jdbc, "HEALTH"), "210000",
                StaffRole.SUPERVISOR);
        assertThat(escalations.notices(head)).anySatisfy(n -> {
            assertThat(n.bodyId()).isEqualTo(market);
            assertThat(n.createdAt()).isEqualTo(escalated.toInstant());
            assertThat(n.overdue()).isPositive();
        });
        assertThat(escalations.notices(provinceSupervisor))
                .anyMatch(n -> n.bodyId() == null && n.createdAt().equals(escalated.toInstant()));
        escalations.run();
        assertThat(jdbc.queryForObject("select escalated_at from supervision_warning where id = ?", Timestamp.class,
                red)).isEqualTo(escalated);

        // The head: the overdue case with its officer, the officer's lights, the notices (then read).
        mvc.perform(CaseFixtures.page(mvc, head, "/workbench/overdue")).andExpect(status().isOk())
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(containsString("督办审查乙")))
                .andExpect(content().string(containsString("超期督办")));
        mvc.perform(get("/api/v1/supervision/lights/officers").with(as(head))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.holderName == '督办审查乙')].red").value(org.hamcrest.Matchers
                        .hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))));
        mvc.perform(get("/api/v1/supervision/escalations/overdue").with(as(head))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.caseNumber == '" + caseNumber + "')].daysOverdue").exists());
        mvc.perform(post("/api/v1/supervision/escalations/notices/read").with(as(head)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.marked").value(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        assertThat(escalations.notices(head)).noneMatch(Escalations.NoticeView::unread);

        // The supervisor: lights per city of the province, then per county of 沈阳; the body's officers.
        mvc.perform(get("/api/v1/supervision/lights/divisions").with(as(provinceSupervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.divisionCode == '210100')].divisionName").value("沈阳市"));
        mvc.perform(get("/api/v1/supervision/lights/divisions").param("division", "210100")
                        .with(as(provinceSupervisor))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.divisionCode == '210112')].red").exists());
        mvc.perform(get("/api/v1/supervision/lights/officers").param("body", market.toString())
                        .with(as(provinceSupervisor))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.holderName == '督办审查乙')]").exists());
        mvc.perform(CaseFixtures.page(mvc, provinceSupervisor, "/workbench/overdue?division=210100&body=" + market))
                .andExpect(status().isOk()).andExpect(content().string(containsString("浑南区")))
                .andExpect(content().string(containsString("督办审查乙")));

        // Refused: another city's supervisor (404 outside the division), another body's head, a window officer,
        // a citizen.
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连监察", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                CaseFixtures.body(jdbc, "HEALTH"), "210200", null);
        mvc.perform(get("/api/v1/supervision/lights/divisions").param("division", "210100").with(as(dalian)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.division.not-found"));
        mvc.perform(get("/api/v1/supervision/lights/officers").param("body", market.toString()).with(as(dalian)))
                .andExpect(status().isNotFound());
        SignedIn otherHead = officer("民政负责人", CaseFixtures.body(jdbc, "CIVIL_AFFAIRS"), StaffRole.APPROVER);
        mvc.perform(get("/api/v1/supervision/lights/officers").param("body", market.toString())
                        .with(as(otherHead))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.escalation.heads-only"));
        mvc.perform(get("/api/v1/supervision/escalations/overdue").with(as(otherHead))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.caseNumber == '" + caseNumber + "')]").isEmpty());
        mvc.perform(CaseFixtures.page(mvc, window, "/workbench/overdue")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/supervision/escalations/notices").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.escalation.staff-only"));
    }

    @Test
    void eachPersonNotifiedGetsOneTextMessagePerRunWithTheCountAndCaseNumbersButNoApplicantData() throws Exception {
        String caseNumber = redCase("短信", "短信申请人王某某");
        long head = lastMessage(HEAD_PHONE);
        long supervisor = lastMessage(SUPERVISOR_PHONE);

        escalations.run();

        Timestamp escalated = jdbc.queryForObject("select max(escalated_at) from supervision_warning "
                + "where kind = 'RED' and case_number = ?", Timestamp.class, caseNumber);
        List<String> toHead = messagesSince(HEAD_PHONE, head);
        assertThat(toHead).as("one message to the body's head per run").hasSize(1);
        // The head's notices of this run (one per body) list the numbers the message lists first; the message counts
        // the cases newly overdue in the body (a case with several overdue branches once).
        List<Map<String, Object>> notices = jdbc.queryForList("select overdue, case_numbers from supervision_notice n "
                + "join identity_account a on a.id = n.recipient_id where a.name = '浑南区审批人员（演示）' "
                + "and n.created_at = ?", escalated);
        assertThat(notices).isNotEmpty();
        int cases = jdbc.queryForObject("select count(distinct case_number) from supervision_warning "
                + "where kind = 'RED' and escalated_at = ? and body_id = (select body_id from supervision_warning "
                + "where case_number = ? and kind = 'RED' limit 1)", Integer.class, escalated, caseNumber);
        String firstListed = ((String) notices.getFirst().get("case_numbers")).split(",")[0];
        assertThat(toHead.getFirst()).contains("超期督办").contains("新增 " + cases + " 件").contains(firstListed)
                .doesNotContain("短信申请人王某某").doesNotContain("王某某");
        if (cases == 1) {
            assertThat(toHead.getFirst()).contains(caseNumber).doesNotContain("等");
        }
        assertThat(messagesSince(SUPERVISOR_PHONE, supervisor)).as("one message to the province supervisor")
                .hasSize(1).allSatisfy(m -> assertThat(m).contains("超期督办").doesNotContain("王某某"));

        // Nothing newly overdue: no notice, no message.
        escalations.run();
        assertThat(messagesSince(HEAD_PHONE, head)).hasSize(1);
    }

    @Test
    void aGatewayThatFailsCostsTheMessageNotTheNoticeAndMessagesCanBeTurnedOff() throws Exception {
        String failing = redCase("短信故障", "短信故障申请人");
        long head = lastMessage(HEAD_PHONE);
        // The development gateway's write fails for escalation texts (a real failure inside the gateway).
        jdbc.execute("alter table identity_sms_message add constraint test_no_escalation_sms "
                + "check (position('超期督办' in text) = 0) not valid");
        try {
            escalations.run();
        } finally {
            jdbc.execute("alter table identity_sms_message drop constraint test_no_escalation_sms");
        }
        Timestamp escalated = jdbc.queryForObject("select max(escalated_at) from supervision_warning "
                + "where kind = 'RED' and case_number = ?", Timestamp.class, failing);
        assertThat(escalated).as("escalated although the message failed").isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from supervision_notice n join identity_account a "
                + "on a.id = n.recipient_id where a.name = '浑南区审批人员（演示）' and n.created_at = ? "
                + "and n.case_numbers like ?", Integer.class, escalated, "%" + failing + "%")).isEqualTo(1);
        assertThat(messagesSince(HEAD_PHONE, head)).isEmpty();

        // tongban.supervision.escalation.sms-enabled=false: the notice, no message.
        String quiet = redCase("短信关闭", "短信关闭申请人");
        escalations.withSms(false).run();
        assertThat(jdbc.queryForObject("select max(escalated_at) from supervision_warning "
                + "where kind = 'RED' and case_number = ?", Timestamp.class, quiet)).isNotNull();
        assertThat(messagesSince(HEAD_PHONE, head)).isEmpty();
    }

    private static final String HEAD_PHONE = "13800000004";
    private static final String SUPERVISOR_PHONE = "13800000005";

    /** A 开餐馆 case of 浑南 whose market regulation branch, claimed by the prefix's reviewer, has turned red. */
    private String redCase(String prefix, String applicant) throws InterruptedException {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        UUID market = (UUID) item.get("body_id");
        SignedIn window = officer(prefix + "窗口", market, StaffRole.WINDOW_OFFICER);
        SignedIn reviewer = officer(prefix + "审查", market, StaffRole.REVIEWER);
        UUID id = CaseFixtures.submitted(jdbc, (String) item.get("code"), UUID.randomUUID(), applicant);
        acceptance.withClock(at("2026-04-06T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        TaskView task = only(processing.withClock(at("2026-04-07T10:00")).todo(reviewer), id);
        processing.claim(reviewer, task.id());
        deadlines.withClock(at("2026-04-30T09:00")).run();
        awaitRed(task.id());
        return jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id);
    }

    private long lastMessage(String phone) {
        return inbox.latest(new PhoneNumber(phone), 1).stream().mapToLong(DevInboxSmsGateway.Message::id).max()
                .orElse(0);
    }

    private List<String> messagesSince(String phone, long id) {
        return inbox.latest(new PhoneNumber(phone), 50).stream().filter(m -> m.id() > id)
                .map(DevInboxSmsGateway.Message::text).toList();
    }

    /** A demo staff account (its real id, so that notices addressed to it are found) signed in. */
    private SignedIn demo(String name, UUID body, String division, StaffRole... roles) {
        UUID account = jdbc.queryForObject("select id from identity_account where name = ?", UUID.class, name);
        return new SignedIn(account, name, true, 3, EnumSet.of(roles[0], roles), body, division, null);
    }

    private UUID awaitRed(UUID task) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<UUID> found = jdbc.queryForList("select id from supervision_warning where kind = 'RED' "
                    + "and source_id = ?", UUID.class, task);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            assertThat(System.nanoTime()).as("a red light for task %s within 15 s", task).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

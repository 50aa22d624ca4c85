package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;

import java.time.LocalDate;
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
import org.tongban.cases.internal.ProcessStore;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.shared.CitizenIdNumber;

/**
 * Delivery of the result (送达, 行政许可法 Art. 44) on a 浑南区 item whose guide offers mail: the applicant chooses
 * online, window pickup or mail (and changes it until delivery), the officer at the delivery step posts, hands over
 * or confirms, and the case is completed with the applicant told.
 */
@TongbanIntegrationTest
class DeliveryIntegrationTests {

    private static final String ZHANG_SAN_ID = CitizenIdNumber.withCheckCharacter("21011219950606906").value();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    CaseDelivery delivery;

    private String itemCode;
    private UUID itemBody;
    private SignedIn window;
    private SignedIn reviewer;
    private SignedIn approver;

    @BeforeEach
    void anItemThatOffersMail() {
        Map<String, Object> item = jdbc.queryForMap("""
                select i.code, i.body_id from catalog_implementation_item i
                where i.division_code = '210112' and i.status = 'PUBLISHED' and (i.guide ->> 'mailIn')::boolean
                  and i.guide ->> 'handling' = 'PROMISED' and i.basic_code <> '011070001000'
                  and not exists (select 1 from cases_process_template t where t.basic_code = i.basic_code)
                order by i.code limit 1""");
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        window = officer("送达窗口", itemBody, StaffRole.WINDOW_OFFICER);
        reviewer = officer("送达审查", itemBody, StaffRole.REVIEWER);
        approver = officer("送达负责人", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
    }

    @Test
    void mailChosenOnTheApplicationIsPostedWithATrackingNumberAndCompletesTheCase() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "邮寄甲");
        // The applicant chooses mail through the API; the address is sealed at rest.
        mvc.perform(put("/api/v1/cases/applications/" + id + "/delivery").with(as(person(applicant))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "recipient": "邮寄甲", "mobile": "13912345678",
                                 "address": {"division": "210112", "detail": "浑南中路 8 号 3 单元 502"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.method").value("MAIL"))
                .andExpect(jsonPath("$.chosen").value(true))
                .andExpect(jsonPath("$.detail").value("浑南中路 8 号 3 单元 502"))
                .andExpect(jsonPath("$.stage").value("WAITING"));
        String sealed = jdbc.queryForObject("select recipient_sealed from cases_delivery where application_id = ?",
                String.class, id);
        assertThat(sealed).doesNotContain("13912345678").doesNotContain("浑南中路");

        TaskView deliver = throughDecision(id);
        // An officer at another step of the case sees the recipient masked; the one posting it sees the address.
        DeliveryView masked = delivery.forOfficer(approver, processing.done(approver).stream()
                .filter(t -> t.applicationId().equals(id)).findFirst().orElseThrow().id());
        assertThat(masked.masked()).isTrue();
        assertThat(masked.mobile()).isEqualTo("139****5678");
        assertThat(masked.recipient()).isEqualTo("邮**");
        assertThat(masked.detail()).doesNotContain("502");
        mvc.perform(get("/workbench/tasks/" + deliver.id()).with(as(window)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("浑南中路 8 号 3 单元 502")))
                .andExpect(content().string(containsString("id=\"delivery-record\"")));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'DELIVERY_ADDRESS_READ' and target_id = (select case_number from cases_application where id = ?)",
                Integer.class, id)).isPositive();
        // Approving the step without recording the posting is refused.
        assertThatThrownBy(() -> processing.act(window, deliver.id(), deliver.version(), TaskAction.APPROVE, null))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.delivery.record-first"));

        // A wrong check digit of an EMS S10 number, a date in the future: refused with every field named.
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(window)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "carrier": "EMS", "trackingNumber": "EA123456784CN",
                                 "postedOn": "%s"}""".formatted(org.tongban.ChinaTime.today().plusDays(3))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.delivery.invalid"))
                .andExpect(jsonPath("$.errors[?(@.field == 'trackingNumber')].code")
                        .value("cases.delivery.tracking-invalid"))
                .andExpect(jsonPath("$.errors[?(@.field == 'postedOn')].code").value("cases.delivery.posted-future"));
        // On the page the message is next to the field and what was typed stays.
        mvc.perform(post("/workbench/tasks/" + deliver.id() + "/delivery").with(as(window)).with(csrf())
                        .param("method", "MAIL").param("carrier", "SF").param("trackingNumber", "SF12")
                        .param("postedOn", org.tongban.ChinaTime.today().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("deliveryErrors", Map.of("trackingNumber",
                        "运单号“SF12”不符合该寄递企业的格式，请核对。")))
                .andExpect(flash().attribute("deliveryTyped", org.hamcrest.Matchers.hasEntry("trackingNumber",
                        "SF12")));

        // Valid: EA123456785CN has the right S10 check digit (8·1+6·2+4·3+2·4+3·5+5·6+9·7+7·8 = 204, 11 − 6 = 5).
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(window)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "carrier": "EMS", "trackingNumber": "ea 1234 5678 5cn",
                                 "postedOn": "%s"}""".formatted(org.tongban.ChinaTime.today())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("DELIVERED"))
                .andExpect(jsonPath("$.trackingNumber").value("EA123456785CN"))
                .andExpect(jsonPath("$.confirmation").value("POSTED"));
        ProcessStore.CaseRow done = caseRow(id);
        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.completedAt()).isNotNull();

        // The applicant sees the status and the tracking number, and was told.
        mvc.perform(get("/account/cases/" + id).with(as(person(applicant))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("EA123456785CN")))
                .andExpect(content().string(containsString("已送达")))
                .andExpect(content().string(not(containsString("id=\"delivery-save\""))));
        awaitNotification(id, "DELIVERED_MAIL", "EMS EA123456785CN");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'DELIVERED' "
                + "and detail like 'MAIL POSTED EMS EA123456785CN%'", Integer.class)).isPositive();

        // Delivered: the choice can no longer change (409), and another delivery record is refused too.
        mvc.perform(put("/api/v1/cases/applications/" + id + "/delivery").with(as(person(applicant))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"method\": \"ONLINE\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.delivery.closed"));
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(window)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.delivery.already-delivered"));
    }

    @Test
    void pickupChecksTheCollectorAgainstTheApplicantOrRecordsAnAgentWithAValidId() throws Exception {
        UUID zhang = jdbc.queryForObject("select id from identity_account where name = '张三（演示）'", UUID.class);
        UUID id = received(zhang, "张三（演示）");
        DeliveryView offered = delivery.forApplicant(person(zhang), id);
        assertThat(offered.options()).contains(DeliveryMethod.ONLINE, DeliveryMethod.PICKUP, DeliveryMethod.MAIL);
        DeliveryView.HallOption hall = offered.halls().getFirst();
        assertThat(hall.windowName()).isEqualTo("出件窗口");
        // Chosen on the page: back to the case page with the choice saved.
        mvc.perform(post("/account/cases/" + id + "/delivery").with(as(person(zhang))).with(csrf())
                        .param("method", "PICKUP").param("hallId", hall.id().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("deliverySaved", true));
        TaskView deliver = throughDecision(id);
        mvc.perform(get("/workbench/tasks/" + deliver.id()).with(as(window)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"delivery-collector-id\"")))
                // The generic "approve" form is not offered for a pickup: the collection is recorded instead.
                .andExpect(content().string(not(containsString("id=\"act\""))));

        // Someone else's ID number without ticking "agent": refused.
        String other = CitizenIdNumber.withCheckCharacter("21011219800101123").value();
        assertThatThrownBy(() -> delivery.record(window, deliver.id(), new CaseDelivery.Record(DeliveryMethod.PICKUP,
                null, null, null, "张三（演示）", other, false)))
                .isInstanceOfSatisfying(InvalidDeliveryException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::code).containsExactly("cases.delivery.collector-id-mismatch"));
        // An agent with an ID number whose check character is wrong: refused.
        String wrongCheck = other.substring(0, 17) + (other.charAt(17) == '0' ? '1' : '0');
        assertThatThrownBy(() -> delivery.record(window, deliver.id(), new CaseDelivery.Record(DeliveryMethod.PICKUP,
                null, null, null, "李代领", wrongCheck, true)))
                .isInstanceOfSatisfying(InvalidDeliveryException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::code).containsExactly("cases.delivery.collector-id-invalid"));

        // The applicant in person: name and ID number match.
        DeliveryView collected = delivery.record(window, deliver.id(), new CaseDelivery.Record(DeliveryMethod.PICKUP,
                null, null, null, "张三（演示）", ZHANG_SAN_ID.toLowerCase(), false));
        assertThat(collected.stage()).isEqualTo(DeliveryView.Stage.DELIVERED);
        assertThat(collected.confirmation()).isEqualTo("COLLECTED");
        assertThat(collected.collectorIdMasked()).doesNotContain("19950606").endsWith(ZHANG_SAN_ID.substring(14));
        assertThat(jdbc.queryForObject("select collector_id_sealed from cases_delivery where application_id = ?",
                String.class, id)).doesNotContain(ZHANG_SAN_ID);
        assertThat(caseRow(id).state()).isEqualTo("COMPLETED");
        awaitNotification(id, "DELIVERED_PICKUP", hall.name());
    }

    @Test
    void onlineDeliveryTakesEffectWhenTheApplicantOpensTheDecision() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "电子乙");
        delivery.choose(person(applicant), id, new CaseDelivery.Choice(DeliveryMethod.ONLINE, null, null, null, null));
        TaskView deliver = throughDecision(id);
        assertThat(delivery.forApplicant(person(applicant), id).stage()).isEqualTo(DeliveryView.Stage.READY);
        // An officer downloading the decision does not deliver it.
        mvc.perform(get("/api/v1/cases/applications/" + id + "/documents/grant").with(as(window)))
                .andExpect(status().isOk());
        assertThat(caseRow(id).state()).isEqualTo("DECIDED");
        // The applicant opening it does, and the case is completed.
        mvc.perform(get("/account/cases/" + id + "/documents/grant").with(as(person(applicant))))
                .andExpect(status().isOk());
        DeliveryView delivered = delivery.forApplicant(person(applicant), id);
        assertThat(delivered.stage()).isEqualTo(DeliveryView.Stage.DELIVERED);
        assertThat(delivered.confirmation()).isEqualTo("OPENED");
        assertThat(delivered.completedAt()).isNotNull();
        assertThat(processing.todo(window)).noneMatch(t -> t.id().equals(deliver.id()));
        awaitNotification(id, "DELIVERED_ONLINE", null);
    }

    @Test
    void anOfficerConfirmsAnOnlineDeliveryWhenTheApplicantNeverChose() {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "默认丙");
        TaskView deliver = throughDecision(id);
        assertThat(delivery.forOfficer(window, deliver.id()).chosen()).isFalse();
        processing.act(window, deliver.id(), deliver.version(), TaskAction.APPROVE, null);
        DeliveryView done = delivery.forApplicant(person(applicant), id);
        assertThat(done.method()).isEqualTo(DeliveryMethod.ONLINE);
        assertThat(done.confirmation()).isEqualTo("CONFIRMED");
        assertThat(caseRow(id).state()).isEqualTo("COMPLETED");
    }

    @Test
    void theApplicantChangesTheChoiceUntilDeliveryAndTheOfficerActingOnTheOldOneIsStopped() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "变更丁");
        delivery.choose(person(applicant), id, new CaseDelivery.Choice(DeliveryMethod.MAIL, null, "变更丁",
                "13700001111", new CaseDelivery.Address("210112", "智慧二街 1 号")));
        TaskView deliver = throughDecision(id);
        // Changed at the delivery step, before anything was posted: the officer's record for mail now conflicts.
        DeliveryView changed = delivery.choose(person(applicant), id,
                new CaseDelivery.Choice(DeliveryMethod.ONLINE, null, null, null, null));
        assertThat(changed.method()).isEqualTo(DeliveryMethod.ONLINE);
        assertThat(changed.changeable()).isTrue();
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(window)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "carrier": "SF", "trackingNumber": "SF1234567890123",
                                 "postedOn": "%s"}""".formatted(org.tongban.ChinaTime.today())))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.delivery.changed"));
        // The step timeline and audit trail show the choices.
        assertThat(jdbc.queryForList("select note from cases_step where application_id = ? and kind = "
                + "'DELIVERY_CHOSEN' order by at", String.class, id)).containsExactly("MAIL", "ONLINE");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'DELIVERY_CHOSEN' "
                + "and target_id = ?", Integer.class, id.toString())).isEqualTo(2);
    }

    @Test
    void invalidAddressesAreRefusedFieldByFieldAndThePageKeepsWhatWasTyped() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "地址戊");
        mvc.perform(put("/api/v1/cases/applications/" + id + "/delivery").with(as(person(applicant))).with(csrf())
                        .header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "recipient": "", "mobile": "1234",
                                 "address": {"division": "999999", "detail": ""}}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.delivery.invalid"))
                .andExpect(jsonPath("$.errors[?(@.field == 'recipient')].code")
                        .value("cases.delivery.recipient-missing"))
                .andExpect(jsonPath("$.errors[?(@.field == 'mobile')].message")
                        .value("The mobile number \"1234\" is not valid: 11 digits, mainland China."))
                .andExpect(jsonPath("$.errors[?(@.field == 'address.division')].code")
                        .value("shared.division-code.structure"));
        assertThat(jdbc.queryForObject("select count(*) from cases_delivery where application_id = ?",
                Integer.class, id)).isZero();
        // Division known, detail missing: the detail is named, as on the application form.
        mvc.perform(post("/account/cases/" + id + "/delivery").with(as(person(applicant))).with(csrf())
                        .param("method", "MAIL").param("recipient", "地址戊").param("mobile", "13912345678")
                        .param("address.division", "210112").param("address.detail", " "))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("deliveryErrors", Map.of("address.detail", "请填写详细地址。")))
                .andExpect(flash().attribute("deliveryTyped", org.hamcrest.Matchers.hasEntry("mobile",
                        "13912345678")));
        // A method the guide does not offer: an item of the same body without mail.
        String noMailItem = jdbc.queryForObject("""
                select code from catalog_implementation_item where division_code = '210112' and status = 'PUBLISHED'
                  and not (guide ->> 'mailIn')::boolean order by code limit 1""", String.class);
        UUID noMail = CaseFixtures.submitted(jdbc, noMailItem, applicant, "地址戊");
        mvc.perform(put("/api/v1/cases/applications/" + noMail + "/delivery").with(as(person(applicant)))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                                {"method": "MAIL", "recipient": "地址戊", "mobile": "13912345678",
                                 "address": {"division": "210112", "detail": "智慧二街 1 号"}}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("method"))
                .andExpect(jsonPath("$.errors[0].code").value("cases.delivery.method-not-offered"));
        mvc.perform(get("/api/v1/cases/applications/" + noMail + "/delivery").with(as(person(applicant))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.options").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL"))));
    }

    @Test
    void anotherApplicantOrAnotherBodyIsAnsweredNotFound() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = received(applicant, "隔离己");
        mvc.perform(get("/api/v1/cases/applications/" + id + "/delivery").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/cases/applications/" + id + "/delivery").with(as(person(UUID.randomUUID())))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"method\": \"ONLINE\"}"))
                .andExpect(status().isNotFound());
        TaskView deliver = throughDecision(id);
        UUID elsewhere = jdbc.queryForObject("select id from org_body where division_code = '210102' limit 1",
                UUID.class);
        SignedIn stranger = officer("别处窗口", elsewhere, StaffRole.WINDOW_OFFICER);
        mvc.perform(get("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(stranger)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"method\": \"ONLINE\"}"))
                .andExpect(status().isNotFound());
        // In the body but without the step's role: forbidden.
        mvc.perform(post("/api/v1/cases/tasks/" + deliver.id() + "/delivery").with(as(reviewer)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"method\": \"ONLINE\"}"))
                .andExpect(status().isForbidden());
        assertThat(caseRow(id).state()).isEqualTo("DECIDED");
    }

    // --- helpers

    private UUID received(UUID applicant, String name) {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, applicant, name);
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        return id;
    }

    /** Review, grant and certification by the officers of the body: the delivery step is open. */
    private TaskView throughDecision(UUID id) {
        TaskView review = only(processing.todo(reviewer), id);
        processing.act(reviewer, review.id(), review.version(), TaskAction.APPROVE, null);
        TaskView decide = only(processing.todo(approver), id);
        processing.act(approver, decide.id(), decide.version(), TaskAction.GRANT,
                new CaseProcessing.ActionInput("符合条件", null, null, "《中华人民共和国行政许可法》第三十八条", null));
        TaskView certify = only(processing.todo(window), id);
        assertThat(certify.nodeName()).isEqualTo("制证");
        processing.act(window, certify.id(), certify.version(), TaskAction.APPROVE, null);
        TaskView deliver = only(processing.todo(window), id);
        assertThat(deliver.nodeName()).isEqualTo("送达");
        return deliver;
    }

    private ProcessStore.CaseRow caseRow(UUID id) {
        return jdbc.queryForObject("select state, completed_at from cases_case where application_id = ?",
                (rs, n) -> new ProcessStore.CaseRow(id, null, 0, rs.getString(1), false, null, null, 0, null, null,
                        null, 0, 0, false, null, null, null, null, null, null, null,
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), 0, null, null, null), id);
    }

    /** Notifications are written after commit, from the event registry: wait (bounded) for the one expected. */
    private void awaitNotification(UUID id, String kind, String detail) {
        List<String> found = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jdbc.queryForList("select coalesce(detail, '') from cases_notification "
                        + "where application_id = ? and kind = ?", String.class, id, kind), l -> !l.isEmpty());
        assertThat(found).hasSize(1);
        if (detail != null) {
            assertThat(found.getFirst()).isEqualTo(detail);
        }
    }
}

package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.shared.CitizenIdNumber;

@TongbanIntegrationTest
class CasesIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(300);
    /** 个体工商户登记 (serves persons and companies), 食品经营许可 (legal persons only). */
    private static final String SOLE_TRADER = "011070003000";
    private static final String FOOD = "011070001000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    DeemedAcceptance deemedAcceptance;
    @Autowired
    org.tongban.identity.internal.PersonalDataCipher cipher;

    private String itemCode;
    /** The real-name level the item declares (DOMAIN §8); applicants in these tests have exactly that level. */
    private int level;

    @BeforeEach
    void hunnanSoleTraderItem() {
        itemCode = hunnanItem(SOLE_TRADER);
        level = jdbc.queryForObject("select assurance_level from catalog_implementation_item where code = ? "
                + "and status = 'PUBLISHED'", Integer.class, itemCode);
    }

    private String hunnanItem(String basicCode) {
        return jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, basicCode);
    }

    record Person(String name, String id, String phone, Cookie session, UUID account) {
        SignedIn signedIn(int level) {
            return new SignedIn(account, name, false, level, Set.of(), null, null, null);
        }
    }

    /** A freshly registered resident with real-name level {@code level}, signed in. */
    private Person person(String name, int level) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String id = CitizenIdNumber.withCheckCharacter("21011419880808" + "%03d".formatted(n)).value();
        String phone = "136%08d".formatted(n);
        mvc.perform(post("/register").with(csrf()).param("name", name).param("idType", "RESIDENT_ID")
                        .param("idNumber", id).param("phone", phone).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().is3xxRedirection());
        UUID account = jdbc.queryForObject("select id from identity_account where id_number_masked = ? and name = ?",
                UUID.class, id.substring(0, 4) + "**********" + id.substring(14), name);
        jdbc.update("update identity_account set assurance_level = ? where id = ?", level, account);
        return new Person(name, id, phone, signIn(phone, PASSWORD), account);
    }

    private Cookie signIn(String identifier, String password) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", password))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    private UUID startDraft(Person person, String key) throws Exception {
        String location = mvc.perform(post("/apply/" + itemCode).with(csrf()).cookie(person.session())
                        .param("startKey", key))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/account/cases/[0-9a-f-]{36}/edit");
        return UUID.fromString(location.substring("/account/cases/".length(), location.length() - "/edit".length()));
    }

    private MockHttpServletRequestBuilder validValues(MockHttpServletRequestBuilder request, Person person) {
        return request.param("applicant.name", person.name()).param("applicant.phone", person.phone())
                .param("business.form", "PERSONAL").param("business.operatorId", person.id())
                .param("business.scope", "日用百货零售").param("business.capital", "50000.00")
                .param("business.address.division", "210112").param("business.address.detail", "智慧四街 1 号");
    }

    private void upload(Person person, UUID id, int slot, String name, byte[] content) throws Exception {
        mvc.perform(multipart("/account/cases/" + id + "/materials/" + slot)
                        .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                        .with(csrf()).cookie(person.session()))
                .andExpect(status().is3xxRedirection());
    }

    /**
     * The slots 个体工商户登记 needs uploaded: the application form (0), the ID card (1: residents registered in
     * these tests are unknown to the population data, so it cannot be shared) and the premises proof (2).
     */
    private void uploadNeeded(Person person, UUID id) throws Exception {
        upload(person, id, 0, "申请书.pdf", Samples.pdf());
        upload(person, id, 1, "身份证.jpg", Samples.jpeg());
        upload(person, id, 2, "场所证明.png", Samples.png());
    }

    @Test
    void aResidentAppliesGetsEveryCorrectionInOneNoticeCorrectsAndIsAccepted() throws Exception {
        Person person = person("申报甲", level);
        mvc.perform(get("/items/" + itemCode)).andExpect(content().string(containsString("/apply/" + itemCode)));
        mvc.perform(get("/apply/" + itemCode).cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"startKey\"")));
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        // Prefilled from the account.
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"申报甲\"")))
                .andExpect(content().string(containsString("经营场所使用证明")));

        // Submitting an incomplete application: every problem at once, nothing typed lost.
        String wrongId = person.id().substring(0, 17) + (person.id().endsWith("0") ? "1" : "0");
        mvc.perform(post("/account/cases/" + id + "/submit").with(csrf()).cookie(person.session())
                        .param("idempotencyKey", "k-" + UUID.randomUUID())
                        .param("applicant.name", person.name()).param("business.operatorId", wrongId)
                        .param("business.capital", "12.345")
                        .param("business.address.division", "210199").param("business.address.detail", "无此区划"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("区划代码 210199 不存在")))
                .andExpect(content().string(containsString("value=\"" + wrongId + "\"")))
                .andExpect(content().string(containsString("校验码")))
                .andExpect(content().string(containsString("最多两位小数")))
                .andExpect(content().string(containsString("请上传“个体工商户登记（备案）申请书”")))
                .andExpect(content().string(containsString("请上传“经营场所使用证明”")))
                // The population data does not know this resident: the ID card cannot be shared, so it is asked for.
                .andExpect(content().string(containsString("请上传“居民身份证”")))
                .andExpect(content().string(containsString("暂时无法为您获取")));
        assertThat(stateOf(id)).isEqualTo("DRAFT");

        uploadNeeded(person, id);
        String key = "submit-" + UUID.randomUUID();
        mvc.perform(validValues(post("/account/cases/" + id + "/submit"), person).with(csrf())
                        .cookie(person.session()).param("idempotencyKey", key))
                .andExpect(redirectedUrl("/account/cases/" + id));
        // A double click: the same key answers the same case, no second number.
        mvc.perform(validValues(post("/account/cases/" + id + "/submit"), person).with(csrf())
                        .cookie(person.session()).param("idempotencyKey", key))
                .andExpect(redirectedUrl("/account/cases/" + id));
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id);
        assertThat(caseNumber).hasSize(45).startsWith(itemCode + LocalDate.now(Applications.ZONE).format(
                java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = 'SUBMITTED'",
                Integer.class, id)).isEqualTo(1);
        mvc.perform(get("/account/cases/" + id).cookie(person.session()))
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(containsString("已提交")));

        // The window officer of the body sees it, opens it (预审中) and asks for two corrections in one notice.
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(get("/workbench/cases").cookie(officer))
                .andExpect(status().isOk()).andExpect(content().string(containsString(caseNumber)));
        mvc.perform(get("/workbench/cases/" + id).cookie(officer))
                .andExpect(status().isOk()).andExpect(content().string(containsString("场所证明.png")));
        assertThat(stateOf(id)).isEqualTo("PRE_REVIEW");
        mvc.perform(post("/workbench/cases/" + id + "/corrections").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version(id)))
                        .param("material.2", "on").param("reason.material.2", "租赁合同缺少出租方签字")
                        .param("field.business.scope", "on").param("reason.field.business.scope", "经营范围表述不规范"))
                .andExpect(redirectedUrl("/workbench/cases"));
        assertThat(stateOf(id)).isEqualTo("CORRECTION_REQUESTED");
        mvc.perform(get("/account/cases/" + id).cookie(person.session()))
                .andExpect(content().string(containsString("待补正")))
                .andExpect(content().string(containsString("租赁合同缺少出租方签字")))
                .andExpect(content().string(containsString("经营范围表述不规范")));

        // The applicant corrects both and resubmits; the clock starts again with the complete materials.
        upload(person, id, 2, "场所证明-签字.jpg", Samples.jpeg());
        mvc.perform(validValues(post("/account/cases/" + id + "/submit"), person).with(csrf())
                        .cookie(person.session()).param("business.scope", "日用百货、文具用品零售")
                        .param("idempotencyKey", "resubmit-" + UUID.randomUUID()))
                .andExpect(redirectedUrl("/account/cases/" + id));
        assertThat(stateOf(id)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id))
                .isEqualTo(caseNumber);

        mvc.perform(post("/workbench/cases/" + id + "/accept").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version(id))))
                .andExpect(redirectedUrl("/workbench/cases"));
        mvc.perform(get("/account/cases/" + id).cookie(person.session()))
                .andExpect(content().string(containsString("已受理")))
                .andExpect(content().string(containsString("一次性告知补正")))
                .andExpect(content().string(containsString(LocalDate.now(Applications.ZONE).toString())));
        assertThat(jdbc.queryForObject("select accepted_by_law from cases_application where id = ?", Boolean.class, id))
                .isFalse();
        // Both decisions are on the platform's audit trail for supervision.
        assertThat(jdbc.queryForList("select action from platform_audit_event where module = 'cases' "
                + "and target_type = 'application' and target_id = ? order by id", String.class, id.toString()))
                .containsExactly("CORRECTION_REQUESTED", "ACCEPTED");

        // What the applicant typed (the operator's ID number among it) is sealed at rest, never in clear (DOMAIN §8).
        Map<String, Object> stored = jdbc.queryForMap("select form_values::text as clear, form_values_sealed from "
                + "cases_application where id = ?", id);
        assertThat((String) stored.get("clear")).isEqualTo("{}");
        assertThat((String) stored.get("form_values_sealed")).startsWith("v1:").doesNotContain(person.id());
        assertThat(jdbc.queryForObject("select count(*) from cases_application where form_values::text like ?",
                Integer.class, "%" + person.id() + "%")).isZero();

        // Every step reached the applicant: in "my messages" and by SMS (the development inbox), once each.
        List<String> kinds = awaitNotifications(person.account(), 4);
        assertThat(kinds).containsExactly("SUBMITTED", "CORRECTION_REQUESTED", "RESUBMITTED", "ACCEPTED");
        assertThat(jdbc.queryForObject("select count(*) from cases_notification where account_id = ? and sms_sent",
                Integer.class, person.account())).isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from identity_sms_message where phone_hash = ? "
                + "and text like '%个体工商户%已于%受理%'", Integer.class,
                cipher.lookupHash("phone:" + person.phone()))).isEqualTo(1);
        mvc.perform(get("/account/cases").cookie(person.session()))
                .andExpect(content().string(containsString("我的消息（4 条未读）")));
        mvc.perform(get("/account/messages").cookie(person.session())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("需要补正 2 项材料或内容"),
                        containsString("已于 " + LocalDate.now(Applications.ZONE) + " 受理"))));
        mvc.perform(get("/account/cases").cookie(person.session()))
                .andExpect(content().string(containsString(">我的消息<")));
    }

    /** The kinds of the account's notifications, oldest first, once {@code count} have arrived (listeners are async). */
    private List<String> awaitNotifications(UUID account, int count) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<String> kinds = jdbc.queryForList("select kind from cases_notification where account_id = ? "
                    + "order by created_at, kind", String.class, account);
            if (kinds.size() >= count) {
                return kinds;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("notifications did not arrive");
    }

    @Test
    void theWindowOfficerChecksTheApplicantAgainstThePopulationDataInsteadOfAskingForACopy() throws Exception {
        // 张三 (the demo resident) is in the population data; a freshly registered person is not.
        UUID zhangsan = jdbc.queryForObject("select id from identity_account where phone_masked = '138****0010'",
                UUID.class);
        Map<String, Object> item = jdbc.queryForMap("select version, name, body_id, body_name from "
                + "catalog_implementation_item where code = ? and status = 'PUBLISHED'", itemCode);
        UUID id = UUID.randomUUID();
        String number = itemCode + "20261124" + "%06d".formatted(880_000 + SEQUENCE.incrementAndGet());
        jdbc.update("""
                insert into cases_application (id, applicant_account, applicant_name, item_code, item_version, item_name,
                    body_id, body_name, status, form_values, case_number, channel, created_at, updated_at,
                    received_at, received_on, decision_due)
                values (?, ?, '张三（演示）', ?, ?, ?, ?, ?, 'SUBMITTED', '{}', ?, 'HALL_WINDOW', now(), now(), now(),
                    current_date, current_date + 7)""", id, zhangsan, itemCode, item.get("version"), item.get("name"),
                item.get("body_id"), item.get("body_name"), number);
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(post("/workbench/cases/" + id + "/shared-identity").with(csrf()).cookie(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("与申请人填报的姓名一致"),
                        containsString("省公安厅"), containsString("出生日期"))));
        assertThat(jdbc.queryForObject("select count(*) from exchange_access_log where case_reference = ? "
                + "and result in ('SERVED', 'PARTIAL')", Integer.class, number)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? "
                + "and kind = 'SHARED_DATA_CHECKED'", Integer.class, id)).isEqualTo(1);
        // The resident sees who looked at their data, and why.
        Cookie resident = signIn("13800000010", DEMO_PASSWORD);
        mvc.perform(get("/account/data-access").cookie(resident))
                .andExpect(content().string(containsString(number)));

        // Someone the population data does not know: the officer is told to check the document itself.
        Person stranger = person("未入库", level);
        UUID other = startDraft(stranger, "start-" + UUID.randomUUID());
        uploadNeeded(stranger, other);
        mvc.perform(validValues(post("/account/cases/" + other + "/submit"), stranger).with(csrf())
                        .cookie(stranger.session()).param("idempotencyKey", "s-" + UUID.randomUUID()))
                .andExpect(redirectedUrl("/account/cases/" + other));
        mvc.perform(post("/workbench/cases/" + other + "/shared-identity").with(csrf()).cookie(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("人口基础信息库中没有“未入库”的记录")));
    }

    @Test
    void aSecondCorrectionNoticeAskingForSomethingNewIsFlaggedToSupervision() throws Exception {
        Person person = person("申报补正", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        uploadNeeded(person, id);
        mvc.perform(validValues(post("/account/cases/" + id + "/submit"), person).with(csrf())
                        .cookie(person.session()).param("idempotencyKey", "s-" + UUID.randomUUID()))
                .andExpect(redirectedUrl("/account/cases/" + id));
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(post("/workbench/cases/" + id + "/corrections").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version(id)))
                        .param("material.2", "on").param("reason.material.2", "租赁合同缺少出租方签字"))
                .andExpect(redirectedUrl("/workbench/cases"));
        upload(person, id, 2, "场所证明-签字.jpg", Samples.jpeg());
        mvc.perform(validValues(post("/account/cases/" + id + "/submit"), person).with(csrf())
                        .cookie(person.session()).param("idempotencyKey", "r-" + UUID.randomUUID()))
                .andExpect(redirectedUrl("/account/cases/" + id));
        // The same material again is allowed (not corrected as asked); the business scope was never mentioned.
        mvc.perform(post("/workbench/cases/" + id + "/corrections").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version(id)))
                        .param("material.2", "on").param("reason.material.2", "签字仍不清晰")
                        .param("field.business.scope", "on").param("reason.field.business.scope", "经营范围表述不规范"))
                .andExpect(redirectedUrl("/workbench/cases"));
        List<String> flagged = jdbc.queryForList("select detail from platform_audit_event where module = 'cases' "
                + "and action = 'CORRECTION_NOT_IN_FIRST_NOTICE' and target_id = ?", String.class, id.toString());
        assertThat(flagged).hasSize(1);
        assertThat(flagged.getFirst()).contains("经营范围").doesNotContain("场所");
        // Supervision (电子监察) records a finding for it, on its supervisors' page.
        String number = jdbc.queryForObject("select case_number from cases_application where id = ?", String.class, id);
        for (int i = 0; i < 200 && jdbc.queryForObject("select count(*) from supervision_finding where "
                + "rule = 'REPEATED_NOTICE' and case_number = ?", Integer.class, number) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("select evidence from supervision_finding where rule = 'REPEATED_NOTICE' "
                + "and case_number = ?", String.class, number)).contains("经营范围").doesNotContain("场所");
        Cookie supervisor = signIn("13800000005", DEMO_PASSWORD);
        mvc.perform(get("/workbench/supervision").cookie(supervisor)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("重复补正"), containsString(number))));
    }

    @Test
    void draftsAreSavedSurviveSignOutAndOnlyTheApplicantMayDeleteThem() throws Exception {
        Person person = person("草稿乙", level);
        Person other = person("旁人丙", level);
        String key = "start-" + UUID.randomUUID();
        UUID id = startDraft(person, key);
        assertThat(startDraft(person, key)).as("a retried start answers the same draft").isEqualTo(id);

        mvc.perform(post("/account/cases/" + id).with(csrf()).cookie(person.session())
                        .param("business.scope", "五金零售").param("business.capital", "不是数字"))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit"));
        // htmx autosave: saved, and the typed invalid value is explained next to its field.
        mvc.perform(post("/account/cases/" + id + "/autosave").header("HX-Request", "true").with(csrf())
                        .cookie(person.session()).param("business.name", "乙记五金"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"autosave-status\"")))
                .andExpect(content().string(containsString("id=\"err-business-capital\"")))
                .andExpect(content().string(containsString("请输入金额")));

        mvc.perform(post("/signout").with(csrf()).cookie(person.session())).andExpect(status().is3xxRedirection());
        Cookie again = signIn(person.phone(), PASSWORD);
        mvc.perform(get("/account/cases").cookie(again))
                .andExpect(content().string(containsString("/account/cases/" + id + "/edit")));
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(again))
                .andExpect(content().string(containsString("value=\"五金零售\"")))
                .andExpect(content().string(containsString("value=\"不是数字\"")))
                .andExpect(content().string(containsString("value=\"乙记五金\"")));

        mvc.perform(post("/account/cases/" + id + "/delete").with(csrf()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/account/cases/" + id + "/delete").with(csrf()).cookie(again))
                .andExpect(redirectedUrl("/account/cases"));
        assertThat(jdbc.queryForObject("select count(*) from cases_application where id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void aCitizenNeverSeesAnothersCaseAndAnotherBodysOfficerIsDenied() throws Exception {
        Person owner = person("本人丁", level);
        Person stranger = person("他人戊", level);
        UUID id = startDraft(owner, "start-" + UUID.randomUUID());
        validDraft(owner, id);
        applications.submit(owner.signedIn(level), id, "k-" + UUID.randomUUID(), Channel.WEB);
        UUID material = jdbc.queryForObject("select id from cases_material where application_id = ? and requirement_index = 0",
                UUID.class, id);

        mvc.perform(get("/account/cases/" + id).cookie(stranger.session())).andExpect(status().isNotFound());
        mvc.perform(get("/account/cases/" + id + "/materials/" + material).cookie(stranger.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases/applications/" + id).cookie(stranger.session()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("cases.application.not-found"));
        mvc.perform(get("/api/v1/cases/applications")).andExpect(status().isUnauthorized());
        mvc.perform(get("/account/cases")).andExpect(status().is3xxRedirection());

        // The owner and the body's officer open the material inline with its detected type.
        mvc.perform(get("/account/cases/" + id + "/materials/" + material).cookie(owner.session()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", containsString("inline")));
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(get("/workbench/cases/" + id + "/materials/" + material).cookie(officer))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));

        SignedIn elsewhere = new SignedIn(UUID.randomUUID(), "别处窗口", true, 2, EnumSet.of(StaffRole.WINDOW_OFFICER),
                UUID.randomUUID(), "210102", null);
        var token = new UsernamePasswordAuthenticationToken(elsewhere, null, elsewhere.authorities());
        mvc.perform(get("/workbench/cases/" + id).with(authentication(token))).andExpect(status().isNotFound());
        mvc.perform(get("/workbench/cases/" + id + "/materials/" + material).with(authentication(token)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/workbench/cases").with(authentication(token)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(id.toString()))));
        // A citizen is no officer.
        mvc.perform(get("/workbench/cases/" + id).cookie(owner.session())).andExpect(status().isForbidden());
    }

    @Test
    void uploadsAreRecognizedByContentAndRefusedWithTheReason() throws Exception {
        Person person = person("材料己", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        // A text file named .pdf is refused; the reason shows at the slot.
        String location = mvc.perform(multipart("/account/cases/" + id + "/materials/0")
                        .file(new MockMultipartFile("file", "伪装.pdf", "application/pdf", "hello".getBytes()))
                        .with(csrf()).cookie(person.session()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).endsWith("#material-0");
        assertThat(jdbc.queryForObject("select count(*) from cases_material where application_id = ?", Integer.class, id))
                .isZero();
        // The API answers with problem details.
        mvc.perform(multipart("/api/v1/cases/applications/" + id + "/materials/0")
                        .file(new MockMultipartFile("file", "空.pdf", "application/pdf", new byte[0]))
                        .with(csrf()).cookie(person.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.material.empty"));
        mvc.perform(multipart("/api/v1/cases/applications/" + id + "/materials/0")
                        .file(new MockMultipartFile("file", "大.pdf", "application/pdf", new byte[10 * 1024 * 1024 + 1]))
                        .with(csrf()).cookie(person.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.material.too-large"));
        // An OFD named .bin is an OFD; its SHA-256 is recorded.
        byte[] ofd = Samples.ofd();
        mvc.perform(multipart("/api/v1/cases/applications/" + id + "/materials/0")
                        .file(new MockMultipartFile("file", "申请书.bin", "application/octet-stream", ofd))
                        .with(csrf()).cookie(person.session()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("application/ofd"))
                .andExpect(jsonPath("$.sha256").value(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(ofd))));
    }

    @Test
    void theApiSubmitsOncePerIdempotencyKeyAndExplainsWhatIsMissing() throws Exception {
        Person person = person("接口庚", level);
        String created = mvc.perform(post("/api/v1/cases/applications").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"" + itemCode + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        mvc.perform(post("/api/v1/cases/applications/" + id + "/submission").with(csrf()).cookie(person.session())
                        .header("Idempotency-Key", "api-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.application.incomplete"))
                .andExpect(jsonPath("$.errors[?(@.field == 'business.scope')].code").value("cases.field.required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'material.2')].code").value("cases.material.missing"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/v1/cases/applications/" + id + "/values").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"applicant.phone":"%s","business.form":"FAMILY","business.operatorId":"%s",
                                 "business.scope":"水果零售","business.capital":"1000","business.address.division":"210112",
                                 "business.address.detail":"浑南中路 2 号"}""".formatted(person.phone(), person.id())))
                .andExpect(status().isOk());
        uploadNeeded(person, id);
        // A family business lists the family members taking part: a table that applies only to that form.
        mvc.perform(post("/api/v1/cases/applications/" + id + "/submission").with(csrf()).cookie(person.session())
                        .header("Idempotency-Key", "api-1b"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("business.family"))
                .andExpect(jsonPath("$.errors[0].code").value("cases.field.rows-required"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/v1/cases/applications/" + id + "/values").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"business.family.1.name":"接口庚之妻","business.family.1.idNumber":"11010519491231002x",
                                 "business.family.1.relation":"配偶"}"""))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/cases/applications/" + id + "/submission").with(csrf()).cookie(person.session())
                        .header("Idempotency-Key", "api-2"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.caseNumber").isString());
        mvc.perform(post("/api/v1/cases/applications/" + id + "/submission").with(csrf()).cookie(person.session())
                        .header("Idempotency-Key", "api-2"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.repeated").value(true));
        mvc.perform(post("/api/v1/cases/applications/" + id + "/submission").with(csrf()).cookie(person.session())
                        .header("Idempotency-Key", "api-3"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.application.already-submitted"));
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = 'SUBMITTED'",
                Integer.class, id)).isEqualTo(1);
        // Stored as submitted: the filled row numbered from 0, the ID upper-cased, the form revision recorded.
        SignedIn who = person.signedIn(level);
        assertThat(applications.view(who, id).values()).containsEntry("business.family.0.idNumber",
                "11010519491231002X").doesNotContainKey("business.family.1.name");
        assertThat(jdbc.queryForObject("select form_revision from cases_application where id = ?", Integer.class, id))
                .isEqualTo(applications.view(who, id).form().revision());
    }

    @Test
    void concurrentSubmissionsMakeOneCaseEachAndNeverShareANumber() throws Exception {
        Person person = person("并发辛", level);
        SignedIn who = person.signedIn(level);
        List<UUID> drafts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = startDraft(person, "start-" + UUID.randomUUID());
            validDraft(person, id);
            drafts.add(id);
        }
        List<Callable<Applications.Submitted>> calls = new ArrayList<>();
        for (UUID id : drafts) {
            String key = "dbl-" + id;
            // Each application twice with the same key (a double click), all at once.
            calls.add(() -> applications.submit(who, id, key, Channel.WEB));
            calls.add(() -> applications.submit(who, id, key, Channel.WEB));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Applications.Submitted> results = new ArrayList<>();
        try {
            for (Future<Applications.Submitted> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(results).extracting(Applications.Submitted::caseNumber).doesNotContainNull();
        assertThat(results.stream().map(Applications.Submitted::caseNumber).distinct()).hasSize(4);
        assertThat(results.stream().filter(r -> !r.repeated())).hasSize(4);
    }

    @Test
    void twoOfficersActingAtOnceOneSucceedsTheOtherGetsAConflict() throws Exception {
        Person person = person("冲突壬", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        validDraft(person, id);
        applications.submit(person.signedIn(level), id, "k-" + UUID.randomUUID(), Channel.WEB);
        long version = version(id);
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(post("/api/v1/cases/applications/" + id + "/acceptance").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/cases/applications/" + id + "/refusal").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version + ",\"reason\":\"不属于本机关职权范围\",\"remedy\":\"可申请复议\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.decision.conflict"));
        // The page shows the same conflict in words.
        mvc.perform(post("/workbench/cases/" + id + "/accept").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version)))
                .andExpect(redirectedUrl("/workbench/cases/" + id));
        assertThat(stateOf(id)).isEqualTo("ACCEPTED");
        // After a decision the applicant can no longer withdraw.
        mvc.perform(post("/api/v1/cases/applications/" + id + "/withdrawal").with(csrf()).cookie(person.session()))
                .andExpect(status().isConflict());
    }

    @Test
    void theApplicantWithdrawsBeforeADecision() throws Exception {
        Person person = person("撤回癸", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        validDraft(person, id);
        applications.submit(person.signedIn(level), id, "k-" + UUID.randomUUID(), Channel.WEB);
        mvc.perform(post("/account/cases/" + id + "/withdraw").with(csrf()).cookie(person.session()))
                .andExpect(redirectedUrl("/account/cases/" + id));
        mvc.perform(get("/account/cases/" + id).cookie(person.session()))
                .andExpect(content().string(containsString("已撤回")));
    }

    @Test
    void aLowAssuranceLevelIsSentToStepUpAndCompaniesOnlyThroughTheirAgents() throws Exception {
        Person person = person("等级子", level - 1);
        mvc.perform(post("/apply/" + itemCode).with(csrf()).cookie(person.session()).param("startKey", "x"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/account/assurance?needed=" + level + "&continue=%2Fapply%2F" + itemCode));
        mvc.perform(post("/api/v1/cases/applications").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"" + itemCode + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.assurance.too-low"))
                .andExpect(jsonPath("$.needed").value(level));
        // 食品经营许可 serves legal persons: not without acting for a company.
        Person resident = person("个人丑", level);
        mvc.perform(post("/apply/" + hunnanItem(FOOD)).with(csrf()).cookie(resident.session()).param("startKey", "y"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("经办人")));
    }

    @Test
    void undecidedApplicationsAreAcceptedByLawOnTheirReceiptDateAcrossTheNationalDayHoliday() throws Exception {
        Person person = person("逾期寅", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        validDraft(person, id);
        // Received Tuesday 30 September 2025. 1–8 October are holidays, Saturday 11 October a make-up working day:
        // the five working days are 9, 10, 11, 13 and 14 October.
        Applications.Submitted submitted = applications.withClock(at("2025-09-30T10:00"))
                .submit(person.signedIn(level), id, "k-" + UUID.randomUUID(), Channel.WEB);
        assertThat(submitted.receivedOn()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(submitted.decisionDue()).isEqualTo(LocalDate.of(2025, 10, 14));
        assertThat(submitted.caseNumber()).contains("20250930");

        assertThat(deemedAcceptance.withClock(at("2025-10-14T23:30")).run()).doesNotContain(id);
        assertThat(stateOf(id)).isEqualTo("SUBMITTED");
        assertThat(deemedAcceptance.withClock(at("2025-10-15T00:10")).run()).contains(id);
        assertThat(deemedAcceptance.withClock(at("2025-10-15T00:20")).run()).doesNotContain(id);
        Map<String, Object> row = jdbc.queryForMap("select status, accepted_by_law, accepted_on from cases_application "
                + "where id = ?", id);
        assertThat(row.get("status")).isEqualTo("ACCEPTED");
        assertThat(row.get("accepted_by_law")).isEqualTo(true);
        assertThat(row.get("accepted_on").toString()).isEqualTo("2025-09-30");
        mvc.perform(get("/account/cases/" + id).cookie(person.session()))
                .andExpect(content().string(containsString("依法视为受理")))
                .andExpect(content().string(containsString("2025-09-30")));
    }

    private static Clock at(String localDateTime) {
        return Clock.fixed(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), Applications.ZONE).toInstant(),
                Applications.ZONE);
    }

    @Test
    void tableRowsAreAddedRemovedAndCheckedCellByCellOnTheFormPage() throws Exception {
        Person person = person("表格壬", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        // The family table applies only to a family business: hidden, with the rule said in words.
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session()))
                .andExpect(content().string(containsString("仅当「组成形式」为「家庭经营」时填写")))
                .andExpect(content().string(containsString("data-shown-when-field=\"business.form\"")));

        var added = mvc.perform(post("/account/cases/" + id).with(csrf()).cookie(person.session())
                        .param("business.form", "FAMILY").param("business.family.0.name", "表格壬之子")
                        .param("_addRow", "business.family"))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#f-business-family")).andReturn();
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session())
                        .flashAttrs(added.getFlashMap()))
                .andExpect(content().string(containsString("value=\"表格壬之子\"")))
                .andExpect(content().string(containsString("name=\"business.family.2.name\"")));
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session()))
                .andExpect(content().string(containsString("name=\"business.family.1.name\"")))
                .andExpect(content().string(not(containsString("name=\"business.family.2.name\""))));

        // As the applicant types: a wrong ID number in a cell is reported under that cell.
        mvc.perform(post("/account/cases/" + id + "/autosave").with(csrf()).cookie(person.session())
                        .header("HX-Request", "true").param("business.family.0.idNumber", "210114198808080000"))
                .andExpect(content().string(containsString("id=\"err-business-family-0-idNumber\"")))
                .andExpect(content().string(containsString("校验")));

        mvc.perform(post("/account/cases/" + id).with(csrf()).cookie(person.session())
                        .param("_removeRow", "business.family:0"))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#f-business-family"));
        assertThat(applications.view(person.signedIn(level), id).values())
                .containsEntry("business.family.0.name", "").containsEntry("business.form", "FAMILY");
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session()))
                .andExpect(content().string(not(containsString("表格壬之子"))));
    }

    @Test
    void anAdministratorEditsTheFormWithChecksAPreviewAndRevisionsFiledApplicationsKeep() throws Exception {
        Cookie admin = signIn("13800000002", DEMO_PASSWORD);
        String page = "/admin/catalog/forms/" + itemCode;
        mvc.perform(get(page).cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"business.operatorId\"")))
                .andExpect(content().string(containsString("参加经营的家庭成员")));
        mvc.perform(get(page).cookie(signIn("13800000003", DEMO_PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/cases/forms/" + itemCode).cookie(signIn("13800000010", DEMO_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.form-definition.admin-only"));
        int revision = jdbc.queryForObject("select max(revision) from cases_form_definition where item_code = ?",
                Integer.class, itemCode);

        // A condition on a field that does not come before: refused with the reason, what was typed kept.
        mvc.perform(post(page).with(csrf()).cookie(admin)
                        .param("fields[0].key", "business.form").param("fields[0].type", "CHOICE")
                        .param("fields[0].label", "组成形式").param("fields[0].choices", "PERSONAL|个人经营\nFAMILY|家庭经营")
                        .param("fields[1].key", "business.extra").param("fields[1].type", "TEXT")
                        .param("fields[1].label", "额外说明").param("fields[1].conditionField", "business.later")
                        .param("fields[1].conditionOperator", "FILLED")
                        .param("fields[2].key", "business.badColumns").param("fields[2].type", "TABLE")
                        .param("fields[2].label", "坏表格").param("fields[2].columns", "name|NOSUCHTYPE|姓名"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("business.later")))
                .andExpect(content().string(containsString("第 1 行无法识别")))
                .andExpect(content().string(containsString("value=\"额外说明\"")));
        // A preview checks and shows the form as applicants see it, and publishes nothing.
        mvc.perform(post(page).with(csrf()).cookie(admin).param("preview", "true")
                        .param("fields[0].key", "business.form").param("fields[0].type", "CHOICE")
                        .param("fields[0].label", "组成形式").param("fields[0].choices", "PERSONAL|个人经营\nFAMILY|家庭经营")
                        .param("fields[1].key", "business.staff").param("fields[1].type", "TABLE")
                        .param("fields[1].label", "从业人员").param("fields[1].columns", "name|TEXT|姓名|Name|required"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"preview-heading\"")))
                .andExpect(content().string(containsString("name=\"business.staff.0.name\"")));
        assertThat(jdbc.queryForObject("select max(revision) from cases_form_definition where item_code = ?",
                Integer.class, itemCode)).isEqualTo(revision);

        // An application filed before the change keeps its form; a draft follows the new revision.
        Person filer = person("修订癸", level);
        UUID filed = startDraft(filer, "start-" + UUID.randomUUID());
        validDraft(filer, filed);
        applications.submit(filer.signedIn(level), filed, "rev-" + filed, Channel.WEB);
        UUID draft = startDraft(filer, "start-" + UUID.randomUUID());

        mvc.perform(post("/api/v1/cases/forms/" + itemCode).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.form-definition.invalid"))
                .andExpect(jsonPath("$.errors[0].code").value("cases.form-definition.empty"));
        String current = mvc.perform(get("/api/v1/cases/forms/" + itemCode).cookie(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String fields = current.substring(current.indexOf("\"fields\":") + "\"fields\":".length(),
                current.lastIndexOf(']') + 1);
        String extended = fields.substring(0, fields.length() - 1) + ",{\"key\":\"business.website\",\"type\":\"TEXT\","
                + "\"label\":\"网店网址\",\"labelEn\":\"Online shop address\",\"required\":false}]";
        mvc.perform(post("/api/v1/cases/forms/" + itemCode).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content(extended))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.revision").value(revision + 1));

        mvc.perform(get("/account/cases/" + draft + "/edit").cookie(filer.session()))
                .andExpect(content().string(containsString("网店网址")));
        mvc.perform(get("/account/cases/" + filed).cookie(filer.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("网店网址"))));
        assertThat(applications.view(filer.signedIn(level), filed).form().revision()).isEqualTo(revision);
        mvc.perform(get(page).cookie(admin))
                .andExpect(content().string(containsString("value=\"business.website\"")));
    }

    @Test
    void theFormIsPrefilledWithWhatTheGovernmentAlreadyHoldsThroughTheExchange() throws Exception {
        // 张三 is in the population data, and 浑南 market regulation holds a grant to prefill forms with the household
        // address (demo data): the contact address comes filled in, and the access is logged for the person to see.
        UUID zhangsan = jdbc.queryForObject("select id from identity_account where phone_masked = '138****0010'",
                UUID.class);
        SignedIn who = new SignedIn(zhangsan, "张三（演示）", false, level, Set.of(), null, null, null);
        // The start page says what would be fetched; nothing is fetched without the applicant's consent.
        mvc.perform(get("/apply/" + itemCode).cookie(signIn("13800000010", DEMO_PASSWORD)))
                .andExpect(content().string(containsString("人口库：户籍地址")))
                .andExpect(content().string(containsString("name=\"sharedData\"")));
        UUID unconsented = applications.start(who, ImplementationCode.of(itemCode), "prefill-" + UUID.randomUUID());
        assertThat(applications.view(who, unconsented).values()).doesNotContainKey("applicant.address.detail");
        applications.deleteDraft(who, unconsented);
        String key = "prefill-" + UUID.randomUUID();
        UUID id = applications.start(who, ImplementationCode.of(itemCode), key, true);
        try {
            assertThat(applications.view(who, id).timeline()).anySatisfy(step -> {
                assertThat(step.kind()).isEqualTo("SHARED_DATA_PREFILLED");
                assertThat(step.note()).isEqualTo("联系地址");
            });
            Map<String, String> values = applications.view(who, id).values();
            assertThat(values.get("applicant.address.detail")).isNotBlank();
            assertThat(values.get("applicant.address.division")).hasSize(6).startsWith("21");
            assertThat(jdbc.queryForObject("select items from exchange_access_log where case_reference = ? "
                    + "and purpose = ?", String.class, "draft:" + id, org.tongban.exchange.SharedData.APPLICATION_PREFILL))
                    .contains("address").doesNotContain("name");
            // A retried start answers the same draft without fetching again.
            assertThat(applications.start(who, ImplementationCode.of(itemCode), key, true)).isEqualTo(id);
            assertThat(jdbc.queryForObject("select count(*) from exchange_access_log where case_reference = ?",
                    Integer.class, "draft:" + id)).isEqualTo(1);
        } finally {
            applications.deleteDraft(who, id);
        }
        // Someone the population data does not know types the address.
        Person stranger = person("预填子", level);
        UUID other = startDraft(stranger, "start-" + UUID.randomUUID());
        assertThat(applications.view(stranger.signedIn(level), other).values())
                .doesNotContainKey("applicant.address.detail");

        // An agent of the demo company applying for a food licence: the legal representative comes from the
        // legal-person base data, an unconditional resource.
        String food = hunnanItem(FOOD);
        int foodLevel = jdbc.queryForObject("select assurance_level from catalog_implementation_item where code = ? "
                + "and status = 'PUBLISHED'", Integer.class, food);
        SignedIn agent = new SignedIn(stranger.account(), stranger.name(), false, foodLevel, Set.of(), null, null,
                new org.tongban.identity.ActingFor(UUID.randomUUID(), "沈阳浑南通办科技有限公司（演示）",
                        "91210112MA0TB00116", Set.of(), org.tongban.ChinaTime.today().plusDays(30)));
        UUID forCompany = applications.start(agent, ImplementationCode.of(food), "prefill-" + UUID.randomUUID(), true);
        assertThat(applications.view(agent, forCompany).values())
                .containsEntry("company.legalRepresentative", "张三")
                .containsEntry("company.creditCode", "91210112MA0TB00116");
    }

    @Test
    void moreConcurrentReadersOfSealedApplicationsThanPooledConnectionsAllGetTheirAnswer() throws Exception {
        // Reading a row decrypts its sealed values while the row's query holds a connection: decrypting must not
        // take a second one, or with more readers than connections every reader waits for another (seen under
        // bench/submission.sh as 30-second waits ending in HTTP 500).
        Person person = person("并发读子", level);
        UUID id = startDraft(person, "start-" + UUID.randomUUID());
        validDraft(person, id);
        SignedIn who = person.signedIn(level);
        int readers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Callable<Map<String, String>>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(() -> applications.view(who, id).values());
            }
            for (Future<Map<String, String>> read : pool.invokeAll(reads)) {
                assertThat(read.get()).containsEntry("business.scope", "日用百货零售");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void validDraft(Person person, UUID id) throws Exception {
        mvc.perform(validValues(post("/account/cases/" + id), person).with(csrf()).cookie(person.session()))
                .andExpect(status().is3xxRedirection());
        uploadNeeded(person, id);
    }

    private String stateOf(UUID id) {
        return jdbc.queryForObject("select status from cases_application where id = ?", String.class, id);
    }

    private long version(UUID id) {
        return jdbc.queryForObject("select version from cases_application where id = ?", Long.class, id);
    }

    static ImplementationCode code(String value) {
        return ImplementationCode.of(value);
    }
}

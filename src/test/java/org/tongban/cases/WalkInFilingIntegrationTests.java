package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.shared.CitizenIdNumber;

import tools.jackson.databind.json.JsonMapper;

/** 窗口收件: a window officer files for a person at the counter, with and without an account. */
@TongbanIntegrationTest
class WalkInFilingIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(600);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 个体工商户登记 (serves persons and companies). */
    private static final String SOLE_TRADER = "011070003000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;
    @Autowired
    org.tongban.identity.internal.PersonalDataCipher cipher;

    private String itemCode;
    private UUID body;

    @BeforeEach
    void hunnanSoleTraderItem() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item where "
                + "basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", SOLE_TRADER);
        itemCode = (String) item.get("code");
        body = (UUID) item.get("body_id");
    }

    /** A resident ID number and mobile number nobody else in the test database uses. */
    private record Person(String name, String id, String phone) {
    }

    private static Person somebody(String name) {
        int n = SEQUENCE.incrementAndGet();
        return new Person(name, CitizenIdNumber.withCheckCharacter("21011219790303" + "%03d".formatted(n)).value(),
                "137%08d".formatted(n));
    }

    private UUID register(Person person) throws Exception {
        mvc.perform(post("/register").with(csrf()).param("name", person.name()).param("idType", "RESIDENT_ID")
                        .param("idNumber", person.id()).param("phone", person.phone()).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().is3xxRedirection());
        return jdbc.queryForObject("select id from identity_account where id_number_hash = ?", UUID.class,
                cipher.lookupHash("RESIDENT_ID:" + person.id()));
    }

    private Cookie signIn(String identifier, String password) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", password))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    private SignedIn windowOfficer(String name) {
        return CaseFixtures.officer(name, body, StaffRole.WINDOW_OFFICER);
    }

    private static Map<String, String> values(Person person) {
        return Map.of("applicant.name", person.name(), "applicant.phone", person.phone(), "business.form", "PERSONAL",
                "business.operatorId", person.id(), "business.scope", "日用百货零售", "business.capital", "50000.00",
                "business.address.division", "210112", "business.address.detail", "智慧四街 8 号");
    }

    private String startJson(Person person) {
        return JSON.writeValueAsString(Map.of("itemCode", itemCode, "name", person.name(), "idNumber", person.id(),
                "phone", person.phone()));
    }

    private void uploadScans(RequestPostProcessor who, String base) throws Exception {
        byte[][] files = { Samples.pdf(), Samples.jpeg(), Samples.png() };
        String[] names = { "申请书.pdf", "身份证.jpg", "场所证明.png" };
        for (int i = 0; i < files.length; i++) {
            mvc.perform(multipart(base + "/materials/" + i)
                            .file(new MockMultipartFile("file", names[i], "application/octet-stream", files[i]))
                            .with(csrf()).with(who))
                    .andExpect(status().is(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(201))
                            .or(org.hamcrest.Matchers.is(302))));
        }
    }

    @Test
    void theOfficerFilesForAPersonWithAnAccountWhoSeesTheCaseAndAcceptsItAtOnce() throws Exception {
        Person person = somebody("窗口甲");
        UUID account = register(person);
        Cookie personSession = signIn(person.phone(), PASSWORD);
        // 13800000003: the window officer of 浑南区市场监督管理局 in the demo data.
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);

        mvc.perform(get("/workbench/cases").cookie(officer))
                .andExpect(content().string(containsString("/workbench/walk-ins")));
        mvc.perform(get("/workbench/walk-ins").cookie(officer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + itemCode + "\"")))
                .andExpect(content().string(containsString("name=\"startKey\"")));
        String location = mvc.perform(post("/workbench/walk-ins").with(csrf()).cookie(officer)
                        .param("itemCode", itemCode).param("name", person.name()).param("idNumber", person.id())
                        .param("phone", person.phone()).param("startKey", "walk-in-" + UUID.randomUUID()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/workbench/walk-ins/[0-9a-f-]{36}");
        UUID id = UUID.fromString(location.substring("/workbench/walk-ins/".length()));

        // The same form, prefilled with the person's name; the account is linked.
        mvc.perform(get(location).cookie(officer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"business.scope\"")))
                .andExpect(content().string(containsString("value=\"" + person.name() + "\"")))
                .andExpect(content().string(containsString("已关联申请人本人的账户")));
        var save = post(location).with(csrf()).cookie(officer);
        values(person).forEach((k, v) -> save.param(k, v));
        mvc.perform(save).andExpect(redirectedUrl(location));
        for (int i = 0; i < 3; i++) {
            byte[] content = i == 0 ? Samples.pdf() : i == 1 ? Samples.jpeg() : Samples.png();
            mvc.perform(multipart(location + "/materials/" + i)
                            .file(new MockMultipartFile("file", "扫描件" + i, "application/octet-stream", content))
                            .with(csrf()).cookie(officer))
                    .andExpect(redirectedUrl(location + "#material-" + i));
        }
        String number = (String) mvc.perform(post(location + "/submit").with(csrf()).cookie(officer)
                        .param("idempotencyKey", "submit-" + UUID.randomUUID()))
                .andExpect(redirectedUrl("/workbench/cases/" + id))
                .andExpect(flash().attributeExists("walkInNumber"))
                .andReturn().getFlashMap().get("walkInNumber");
        assertThat(number).startsWith(itemCode);

        Map<String, Object> row = jdbc.queryForMap("select status, channel, applicant_account, case_number, "
                + "received_on, decision_due from cases_application where id = ?", id);
        assertThat(row.get("status")).isEqualTo("SUBMITTED");
        assertThat(row.get("channel")).isEqualTo("HALL_WINDOW");
        assertThat(row.get("applicant_account")).isEqualTo(account);
        assertThat(row.get("case_number")).isEqualTo(number);
        // 行政许可法 Art. 32: the acceptance decision is due 5 working days after receipt, as online.
        LocalDate today = LocalDate.now(Applications.ZONE);
        assertThat(row.get("received_on").toString()).isEqualTo(today.toString());
        assertThat(LocalDate.parse(row.get("decision_due").toString())).isAfter(today.plusDays(4));

        // The history names the officer who filed it.
        List<Map<String, Object>> steps = jdbc.queryForList("select kind, actor_name from cases_step "
                + "where application_id = ? order by id", id);
        assertThat(steps).extracting(s -> s.get("kind")).containsExactly("CREATED", "WALK_IN_FILED", "SUBMITTED");
        String officerName = jdbc.queryForObject("select name from identity_account where phone_hash = ?",
                String.class, cipher.lookupHash("phone:13800000003"));
        assertThat(steps.get(1).get("actor_name")).isEqualTo(officerName);
        assertThat(steps.get(2).get("actor_name")).isEqualTo(officerName);

        // The person sees it in "my cases"; the officer then accepts at once through the acceptance flow.
        mvc.perform(get("/account/cases").cookie(personSession)).andExpect(content().string(containsString(number)));
        mvc.perform(get("/account/cases/" + id).cookie(personSession))
                .andExpect(content().string(containsString("窗口收件，工作人员代为录入")));
        mvc.perform(get("/workbench/cases/" + id).cookie(officer)).andExpect(status().isOk());
        long version = jdbc.queryForObject("select version from cases_application where id = ?", Long.class, id);
        mvc.perform(post("/workbench/cases/" + id + "/accept").with(csrf()).cookie(officer)
                        .param("version", String.valueOf(version)))
                .andExpect(redirectedUrl("/workbench/cases"));
        assertThat(jdbc.queryForObject("select status from cases_application where id = ?", String.class, id))
                .isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForList("select action from platform_audit_event where module = 'cases' "
                + "and target_type = 'application' and target_id = ? order by id", String.class, id.toString()))
                .containsSubsequence("WALK_IN_STARTED", "WALK_IN_SUBMITTED", "ACCEPTED");
    }

    @Test
    void withoutAnAccountTheCaseNumberGoesBySmsAndTheIdNumberIsNeverStoredInClear() throws Exception {
        Person person = somebody("窗口乙");
        RequestPostProcessor officer = as(windowOfficer("窗口员乙"));
        String body = mvc.perform(post("/api/v1/cases/walk-ins").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "start-" + UUID.randomUUID()).content(startJson(person)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.registered").value(false))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(JSON.readTree(body).get("id").asString());
        String base = "/api/v1/cases/walk-ins/" + id;
        mvc.perform(put(base + "/values").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(values(person))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phoneMasked").value(person.phone().substring(0, 3) + "****"
                        + person.phone().substring(7)));
        uploadScans(officer, base);
        String submitted = mvc.perform(post(base + "/submission").with(officer).header("Idempotency-Key", "s-" + id))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String number = JSON.readTree(submitted).get("caseNumber").asString();

        // The case number reaches the phone given at the counter (the development SMS inbox).
        String phoneHash = cipher.lookupHash("phone:" + person.phone());
        int sms = 0;
        for (int i = 0; i < 200 && sms == 0; i++) {
            sms = jdbc.queryForObject("select count(*) from identity_sms_message where phone_hash = ? and text like ?",
                    Integer.class, phoneHash, "%" + number + "%");
            if (sms == 0) {
                Thread.sleep(100);
            }
        }
        assertThat(sms).isEqualTo(1);

        // DOMAIN §8: the ID number and phone are sealed and hashed, never in clear.
        Map<String, Object> walkIn = jdbc.queryForMap("select * from cases_walk_in where application_id = ?", id);
        assertThat(walkIn.get("registered")).isEqualTo(false);
        assertThat((String) walkIn.get("id_number_sealed")).startsWith("v1:");
        assertThat(walkIn.get("id_number_hash")).isEqualTo(cipher.lookupHash("RESIDENT_ID:" + person.id()));
        for (String table : List.of("cases_walk_in", "cases_application")) {
            String key = table.equals("cases_walk_in") ? "application_id" : "id";
            String text = jdbc.queryForObject("select t::text from " + table + " t where " + key + " = ?",
                    String.class, id);
            assertThat(text).doesNotContain(person.id()).doesNotContain(person.phone());
        }
        assertThat(jdbc.queryForObject("select applicant_id_masked from cases_application where id = ?", String.class,
                id)).isEqualTo(person.id().substring(0, 4) + "**********" + person.id().substring(14));
        // No account holds the case: nobody's "my cases" shows it, and a second visit of the same person is filed
        // under the same applicant.
        UUID applicant = jdbc.queryForObject("select applicant_account from cases_application where id = ?",
                UUID.class, id);
        assertThat(jdbc.queryForObject("select count(*) from identity_account where id = ?", Integer.class, applicant))
                .isZero();
        String again = mvc.perform(post("/api/v1/cases/walk-ins").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "start-" + UUID.randomUUID()).content(startJson(person)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID second = UUID.fromString(JSON.readTree(again).get("id").asString());
        assertThat(jdbc.queryForObject("select applicant_account from cases_application where id = ?", UUID.class,
                second)).isEqualTo(applicant);
    }

    @Test
    void casesFiledWithoutAnAccountJoinThePersonsCasesOnceTheirRealNameIsVerified() throws Exception {
        Person person = somebody("窗口壬");
        RequestPostProcessor officer = as(windowOfficer("窗口员壬"));
        String created = mvc.perform(post("/api/v1/cases/walk-ins").with(officer)
                        .contentType(MediaType.APPLICATION_JSON).content(startJson(person)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(JSON.readTree(created).get("id").asString());
        String base = "/api/v1/cases/walk-ins/" + id;
        mvc.perform(put(base + "/values").with(officer).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(values(person)))).andExpect(status().isOk());
        uploadScans(officer, base);
        String number = JSON.readTree(mvc.perform(post(base + "/submission").with(officer)
                        .header("Idempotency-Key", "s-" + id))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("caseNumber").asString();

        // Registered later, self-registered only (level 1): the cases stay where they are.
        UUID account = register(person);
        jdbc.update("update identity_account set assurance_level = 1 where id = ?", account);
        Cookie unverified = signIn(person.phone(), PASSWORD);
        mvc.perform(get("/api/v1/cases/applications").cookie(unverified)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(number))));
        // Real name verified (level 2): "my cases" now lists it, with its history.
        jdbc.update("update identity_account set assurance_level = 2 where id = ?", account);
        Cookie verified = signIn(person.phone(), PASSWORD);
        mvc.perform(get("/account/cases").cookie(verified)).andExpect(content().string(containsString(number)));
        mvc.perform(get("/api/v1/cases/applications").cookie(verified))
                .andExpect(content().string(containsString(number)));
        assertThat(jdbc.queryForObject("select applicant_account from cases_application where id = ?", UUID.class, id))
                .isEqualTo(account);
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = "
                + "'WALK_IN_CLAIMED'", Integer.class, id)).isEqualTo(1);
        mvc.perform(get("/account/cases/" + id).cookie(verified)).andExpect(status().isOk())
                .andExpect(content().string(containsString("关联到本人账户")));
    }

    @Test
    void aWrongCheckCharacterIsShownAtTheFieldAndEverythingTypedIsKept() throws Exception {
        Person person = somebody("窗口丙");
        String id = person.id();
        String wrong = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        SignedIn officer = windowOfficer("窗口员丙");
        mvc.perform(post("/workbench/walk-ins").with(csrf()).with(as(officer)).param("itemCode", itemCode)
                        .param("name", person.name()).param("idNumber", wrong).param("phone", person.phone())
                        .param("startKey", "k-" + UUID.randomUUID()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("身份证号码的校验码不正确")))
                .andExpect(content().string(containsString("value=\"" + wrong + "\"")))
                .andExpect(content().string(containsString("value=\"" + person.name() + "\"")))
                .andExpect(content().string(containsString("value=\"" + person.phone() + "\"")));
        mvc.perform(post("/api/v1/cases/walk-ins").with(as(officer)).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content(JSON.writeValueAsString(Map.of("itemCode", itemCode, "name", person.name(),
                                "idNumber", wrong, "phone", "12345"))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.application.incomplete"))
                .andExpect(jsonPath("$.errors[?(@.field == 'idNumber')].code").value("shared.citizen-id.check"))
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].code").value("identity.phone.format"));
        assertThat(jdbc.queryForObject("select count(*) from cases_walk_in where officer_account = ?", Integer.class,
                officer.accountId())).isZero();
    }

    @Test
    void onlyWindowOfficersOfTheItemsBodyFileSeeOrSubmitWalkIns() throws Exception {
        Person person = somebody("窗口丁");
        SignedIn officer = windowOfficer("窗口员丁");
        String created = mvc.perform(post("/api/v1/cases/walk-ins").with(as(officer))
                        .contentType(MediaType.APPLICATION_JSON).content(startJson(person)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(JSON.readTree(created).get("id").asString());

        SignedIn elsewhere = new SignedIn(UUID.randomUUID(), "别处窗口", true, 3, java.util.EnumSet.of(
                StaffRole.WINDOW_OFFICER), UUID.randomUUID(), "210102", null);
        mvc.perform(post("/api/v1/cases/walk-ins").with(as(elsewhere)).contentType(MediaType.APPLICATION_JSON)
                        .content(startJson(somebody("窗口戊"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.walk-in.not-your-body"));
        mvc.perform(get("/api/v1/cases/walk-ins/" + id).with(as(elsewhere))).andExpect(status().isNotFound());
        mvc.perform(get("/workbench/walk-ins/" + id).with(as(elsewhere))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/cases/walk-ins/" + id + "/submission").with(as(elsewhere))
                        .header("Idempotency-Key", "x-" + id))
                .andExpect(status().isNotFound());
        SignedIn reviewer = CaseFixtures.officer("审查员", body, StaffRole.REVIEWER);
        mvc.perform(get("/api/v1/cases/walk-ins/" + id).with(as(reviewer))).andExpect(status().isForbidden());
        mvc.perform(get("/workbench/walk-ins").with(as(reviewer))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/cases/walk-ins").with(as(CaseFixtures.person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content(startJson(somebody("窗口己"))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/cases/walk-ins").contentType(MediaType.APPLICATION_JSON)
                        .content(startJson(somebody("窗口庚"))))
                .andExpect(status().isUnauthorized());
        // An online application of the same body is no walk-in: the officer cannot edit it through this path.
        UUID online = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "网上申请人");
        mvc.perform(get("/api/v1/cases/walk-ins/" + online).with(as(officer))).andExpect(status().isNotFound());
        // And the applicant's own path still refuses the hall window channel.
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(CaseRefusedException.class,
                () -> applications.submit(CaseFixtures.person(UUID.randomUUID()), id, "k", Channel.HALL_WINDOW))
                .code()).isEqualTo("cases.channel.not-self-service");
    }

    @Test
    void aRetriedStartOrSubmissionMakesOneApplicationAndOneCaseNumber() throws Exception {
        Person person = somebody("窗口辛");
        RequestPostProcessor officer = as(windowOfficer("窗口员辛"));
        String key = "start-" + UUID.randomUUID();
        String first = mvc.perform(post("/api/v1/cases/walk-ins").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key).content(startJson(person)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(JSON.readTree(first).get("id").asString());
        mvc.perform(post("/api/v1/cases/walk-ins").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key).content(startJson(person)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.repeated").value(true));
        String base = "/api/v1/cases/walk-ins/" + id;

        // Incomplete: every missing material and field at once, nothing submitted.
        mvc.perform(post(base + "/submission").with(officer).header("Idempotency-Key", "s1-" + id))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'material.0')].code").value("cases.material.missing"));
        assertThat(jdbc.queryForObject("select status from cases_application where id = ?", String.class, id))
                .isEqualTo("DRAFT");
        // A file that is not what its name says is refused with the reason, as online.
        mvc.perform(multipart(base + "/materials/0").file(new MockMultipartFile("file", "x.pdf",
                        "application/pdf", "not a pdf at all".getBytes())).with(officer))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.code").value("cases.material.unsupported-type"));

        mvc.perform(put(base + "/values").with(officer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(values(person))))
                .andExpect(status().isOk());
        uploadScans(officer, base);
        String submitKey = "s2-" + id;
        String once = mvc.perform(post(base + "/submission").with(officer).header("Idempotency-Key", submitKey))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        mvc.perform(post(base + "/submission").with(officer).header("Idempotency-Key", submitKey))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value(JSON.readTree(once).get("caseNumber").asString()));
        mvc.perform(post(base + "/submission").with(officer).header("Idempotency-Key", "other-" + id))
                .andExpect(status().isConflict());
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = "
                + "'SUBMITTED'", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from cases_walk_in w join cases_application a on "
                + "a.id = w.application_id where w.id_number_hash = ?", Integer.class,
                cipher.lookupHash("RESIDENT_ID:" + person.id()))).isEqualTo(1);
    }
}

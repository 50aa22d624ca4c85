package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.person;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.identity.internal.DevInboxSmsGateway;
import org.tongban.platform.calendar.WorkingDays;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consultations, complaints and reports by anyone: an anonymous person proves a phone with an SMS code from the
 * development inbox, the submission reaches the responsible body with its deadline and the phone masked, the body
 * answers, the person looks the answer up with the lookup code and the phone and rates it; a signed-in person does the
 * same through the pages and their account; anonymous submissions are limited per phone and per address.
 */
@TongbanIntegrationTest
class PetitionsIntegrationTests {

    private static final String FOOD = "011070001000";
    /** Phones and addresses of this class only, so the SMS and submission limits of other tests are untouched. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DevInboxSmsGateway inbox;
    @Autowired
    PersonalData personalData;
    @Autowired
    WorkingDays workingDays;
    @Autowired
    SupervisionProperties properties;

    private final JsonMapper json = JsonMapper.builder().build();
    private String itemCode;
    private String itemName;
    private UUID itemBody;
    private SignedIn marketOfficer;
    private SignedIn fireOfficer;

    @BeforeEach
    void hunnanFoodItem() {
        Map<String, Object> item = jdbc.queryForMap("select code, name, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemName = (String) item.get("name");
        itemBody = (UUID) item.get("body_id");
        marketOfficer = officer("诉求市监甲", itemBody, StaffRole.WINDOW_OFFICER);
        fireOfficer = officer("诉求住建乙", CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL"), StaffRole.REVIEWER);
    }

    @Test
    void anAnonymousComplaintAboutACaseIsRoutedAnsweredLookedUpAndRated() throws Exception {
        UUID application = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), "被投诉办件人");
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, application);
        String phone = phone();
        RequestPostProcessor from = address();

        // The phone is checked first: a wrong code is refused and nothing is stored.
        mvc.perform(post("/api/v1/petitions/phone-codes").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"12345\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("identity.phone.format"));
        mvc.perform(post("/api/v1/petitions/phone-codes").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\"}"))
                .andExpect(status().isAccepted());
        String code = latestCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        String body = "{\"kind\":\"COMPLAINT\",\"subject\":\"CASE\",\"caseNumber\":\"" + caseNumber
                + "\",\"text\":\"窗口要求提供指南以外的证明\",\"phone\":\"" + phone + "\",\"code\":\"%s\"}";
        mvc.perform(post("/api/v1/petitions").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(wrong)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("identity.sms.code-invalid"));
        mvc.perform(post("/api/v1/petitions").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(code).replace(caseNumber, "NO-SUCH-CASE")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.petition.case-unknown"))
                .andExpect(jsonPath("$.errors[0].field").value("caseNumber"));

        JsonNode created = json.readTree(mvc.perform(post("/api/v1/petitions").with(from)
                        .contentType(MediaType.APPLICATION_JSON).content(body.formatted(code)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.petition.bodyId").value(itemBody.toString()))
                .andExpect(jsonPath("$.petition.caseNumber").value(caseNumber))
                .andExpect(jsonPath("$.petition.status").value("OPEN"))
                .andReturn().getResponse().getContentAsString());
        UUID id = UUID.fromString(created.get("petition").get("id").asString());
        String lookupCode = created.get("lookupCode").asString();
        assertThat(lookupCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        // Due in the configured working days on the holiday calendar.
        LocalDate today = LocalDate.now(Applications.ZONE);
        assertThat(created.get("petition").get("dueOn").asString()).isEqualTo(workingDays.calendar()
                .addWorkingDays(today, properties.petitions().complaintDays()).toString());
        // The code is used up: the same code does not file a second one.
        mvc.perform(post("/api/v1/petitions").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(code)))
                .andExpect(status().isBadRequest());

        // At rest: the phone encrypted and hashed, never in clear; the lookup code only as a hash.
        Map<String, Object> row = jdbc.queryForMap("select * from supervision_petition where id = ?", id);
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(phone))
                .noneMatch(v -> v != null && v.toString().contains(lookupCode));
        assertThat(personalData.decrypt((String) row.get("phone_cipher"))).isEqualTo(phone);
        assertThat(row.get("phone_masked")).isEqualTo(new PhoneNumber(phone).masked());

        // The responsible body sees it with the phone masked; another body neither sees nor answers it.
        mvc.perform(get("/workbench/petitions").with(as(marketOfficer)).cookie(session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口要求提供指南以外的证明")))
                .andExpect(content().string(containsString(new PhoneNumber(phone).masked())))
                .andExpect(content().string(not(containsString(phone))))
                .andExpect(content().string(not(containsString("被投诉办件人"))));
        mvc.perform(get("/api/v1/petitions/inbox").with(as(fireOfficer))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
        mvc.perform(post("/api/v1/petitions/" + id + "/answer").with(as(fireOfficer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"不是我们\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/petitions/inbox").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isForbidden());

        // Before the answer: looked up as open; rating refused.
        String lookup = "{\"lookupCode\":\"" + lookupCode.toLowerCase() + "\",\"phone\":\"" + phone + "\"}";
        mvc.perform(post("/api/v1/petitions/lookup").contentType(MediaType.APPLICATION_JSON).content(lookup))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("OPEN"));
        mvc.perform(post("/api/v1/petitions/lookup/rating").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lookupCode\":\"" + lookupCode + "\",\"phone\":\"" + phone
                                + "\",\"satisfied\":true}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.petition.not-answered"));

        // The body answers on its page (a blank answer keeps the form), once, audited.
        Cookie officerSession = session();
        mvc.perform(post("/workbench/petitions/" + id + "/answer").with(csrf()).with(as(marketOfficer))
                        .cookie(officerSession).param("answer", " "))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("answerError", "请填写答复。"));
        mvc.perform(post("/workbench/petitions/" + id + "/answer").with(csrf()).with(as(marketOfficer))
                        .cookie(officerSession).param("answer", "经核查，已责令窗口改正，该证明不再要求"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("answeredPetition", id));
        mvc.perform(post("/api/v1/petitions/" + id + "/answer").with(as(marketOfficer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"again\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("supervision.petition.already-answered"));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and action = 'petition.answered' and target_id = ?", Integer.class, id.toString())).isEqualTo(1);

        // Looked up with the code and the phone (not with another phone), on the page, and rated once.
        mvc.perform(post("/api/v1/petitions/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content(lookup.replace(phone, phone())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("supervision.petition.not-found"));
        Cookie visitor = session();
        mvc.perform(post("/petitions/lookup").with(csrf()).cookie(visitor).param("lookupCode", lookupCode)
                        .param("phone", phone))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已责令窗口改正")))
                .andExpect(content().string(containsString("name=\"satisfied\"")));
        mvc.perform(post("/petitions/lookup/rating").with(csrf()).cookie(visitor).param("lookupCode", lookupCode)
                        .param("phone", phone).param("satisfied", "false"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("感谢您的评价")))
                .andExpect(content().string(containsString("不满意")));
        mvc.perform(post("/api/v1/petitions/lookup/rating").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lookupCode\":\"" + lookupCode + "\",\"phone\":\"" + phone
                                + "\",\"satisfied\":true}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("supervision.petition.already-rated"));
        assertThat(jdbc.queryForObject("select rating from supervision_petition where id = ?", String.class, id))
                .isEqualTo("UNSATISFIED");
    }

    @Test
    void aSignedInPersonAsksAboutAnItemOnThePublicPageAndReadsAndRatesTheAnswerInTheirAccount() throws Exception {
        UUID account = UUID.randomUUID();
        SignedIn resident = person(account);
        Cookie session = session();
        // The portal links the page; signed in, no phone is asked for.
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/petitions/new")));
        mvc.perform(get("/petitions/new").with(as(resident)).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"kind\"")))
                .andExpect(content().string(not(containsString("name=\"phone\""))));

        // Missing text: the page keeps what was typed and says what is wrong.
        mvc.perform(post("/petitions").with(csrf()).with(as(resident)).cookie(session).param("kind", "CONSULTATION")
                        .param("subject", "ITEM").param("itemCode", itemCode).param("text", " "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请填写内容。")))
                .andExpect(content().string(containsString("value=\"" + itemCode + "\"")));
        mvc.perform(post("/petitions").with(csrf()).with(as(resident)).cookie(session).param("kind", "CONSULTATION")
                        .param("subject", "ITEM").param("itemCode", itemCode)
                        .param("text", "个体工商户能否在线申请食品经营许可？"))
                .andExpect(redirectedUrl("/petitions/submitted"))
                .andExpect(flash().attribute("bodyName", jdbc.queryForObject(
                        "select name from org_body where id = ?", String.class, itemBody)));
        UUID id = jdbc.queryForObject("select id from supervision_petition where submitter_account = ?", UUID.class,
                account);
        assertThat(jdbc.queryForObject("select phone_hash is null and lookup_hash is null from supervision_petition "
                + "where id = ?", Boolean.class, id)).isTrue();
        assertThat(jdbc.queryForObject("select item_name from supervision_petition where id = ?", String.class, id))
                .isEqualTo(itemName);

        // Staff accounts are not submitters.
        mvc.perform(post("/api/v1/petitions").with(as(marketOfficer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"REPORT\",\"subject\":\"BODY\",\"bodyId\":\"" + itemBody
                                + "\",\"text\":\"x\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("supervision.petition.staff"));

        mvc.perform(post("/api/v1/petitions/" + id + "/answer").with(as(marketOfficer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"answer\":\"可以，全程网办\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ANSWERED"));
        mvc.perform(get("/account/petitions").with(as(resident)).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("可以，全程网办")))
                .andExpect(content().string(containsString("name=\"satisfied\"")));
        // Somebody else can neither see nor rate it.
        mvc.perform(get("/api/v1/petitions/mine").with(as(person(UUID.randomUUID())))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
        mvc.perform(post("/api/v1/petitions/" + id + "/rating").with(as(person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"satisfied\":true}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/account/petitions/" + id + "/rating").with(csrf()).with(as(resident)).cookie(session)
                        .param("satisfied", "true"))
                .andExpect(redirectedUrl("/account/petitions#p-" + id))
                .andExpect(flash().attribute("ratedPetition", id));
        mvc.perform(get("/api/v1/petitions/mine").with(as(resident))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].rating").value("SATISFIED"));
    }

    @Test
    void anAnonymousReportAboutABodyFoundByNameGoesToThatBodyThroughThePage() throws Exception {
        String bodyName = jdbc.queryForObject("select name from org_body where id = ?", String.class, itemBody);
        String phone = phone();
        RequestPostProcessor from = address();
        Cookie session = session();
        mvc.perform(get("/petitions/new").cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"phone\"")));
        mvc.perform(post("/petitions/phone-code").with(csrf()).with(from).cookie(session).param("kind", "REPORT")
                        .param("subject", "BODY").param("bodyQuery", bodyName).param("text", "窗口人员索要好处费")
                        .param("phone", phone))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("验证码已发送")))
                .andExpect(content().string(containsString("窗口人员索要好处费")));
        mvc.perform(post("/petitions").with(csrf()).with(from).cookie(session).param("kind", "REPORT")
                        .param("subject", "BODY").param("bodyQuery", bodyName).param("text", "窗口人员索要好处费")
                        .param("phone", phone).param("code", latestCode(phone)))
                .andExpect(redirectedUrl("/petitions/submitted"))
                .andExpect(flash().attributeExists("lookupCode"));
        mvc.perform(get("/api/v1/petitions/inbox").with(as(marketOfficer))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.text == '窗口人员索要好处费')].kind").value("REPORT"))
                .andExpect(jsonPath("$[?(@.text == '窗口人员索要好处费')].phoneMasked")
                        .value(new PhoneNumber(phone).masked()));
    }

    @Test
    void anonymousSubmissionsAreLimitedPerPhoneAndPerAddress() throws Exception {
        // Per phone: earlier submissions with this phone within the window use up its allowance.
        String busy = phone();
        String hash = personalData.lookupHash("phone", busy);
        for (int i = 0; i < properties.petitions().maxPerPhone(); i++) {
            jdbc.update("""
                    insert into supervision_petition (id, kind, subject, body_id, body_name, division_code, text,
                        phone_cipher, phone_hash, phone_masked, submitted_at, due_on)
                    values (?, 'CONSULTATION', 'BODY', ?, '部门', '210112', '早先的咨询', 'x', ?, '1**', ?, ?)""",
                    UUID.randomUUID(), itemBody, hash, Timestamp.from(Instant.now()), java.sql.Date.valueOf(
                            org.tongban.ChinaTime.today()));
        }
        RequestPostProcessor from = address();
        sendCode(busy, from);
        String code = latestCode(busy);
        mvc.perform(post("/api/v1/petitions").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content(consultation(busy, code)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("supervision.petition.too-many"));

        // Per address: different phones from one address, up to the limit.
        RequestPostProcessor crowded = address();
        for (int i = 0; i < properties.petitions().maxPerAddress(); i++) {
            String phone = phone();
            sendCode(phone, crowded);
            mvc.perform(post("/api/v1/petitions").with(crowded).contentType(MediaType.APPLICATION_JSON)
                            .content(consultation(phone, latestCode(phone))))
                    .andExpect(status().isCreated());
        }
        String last = phone();
        sendCode(last, crowded);
        String lastCode = latestCode(last);
        mvc.perform(post("/api/v1/petitions").with(crowded).contentType(MediaType.APPLICATION_JSON)
                        .content(consultation(last, lastCode)))
                .andExpect(status().isTooManyRequests());
        // The same phone from elsewhere is fine, with the code it was sent (a refusal did not use it up).
        mvc.perform(post("/api/v1/petitions").with(address()).contentType(MediaType.APPLICATION_JSON)
                        .content(consultation(last, lastCode)))
                .andExpect(status().isCreated());
    }

    // --- fixtures

    private String consultation(String phone, String code) {
        return "{\"kind\":\"CONSULTATION\",\"subject\":\"ITEM\",\"itemCode\":\"" + itemCode
                + "\",\"text\":\"需要哪些材料？\",\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}";
    }

    private void sendCode(String phone, RequestPostProcessor from) throws Exception {
        mvc.perform(post("/api/v1/petitions/phone-codes").with(from).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\"}"))
                .andExpect(status().isAccepted());
    }

    private static String phone() {
        return "1995%07d".formatted(SEQUENCE.incrementAndGet() + (int) (System.nanoTime() % 1000) * 1000);
    }

    private static RequestPostProcessor address() {
        String ip = "10.91." + SEQUENCE.incrementAndGet() + "." + (int) (System.nanoTime() % 200 + 1);
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private String latestCode(String phone) {
        String text = inbox.latest(new PhoneNumber(phone), 1).get(0).text();
        Matcher m = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])").matcher(text);
        assertThat(m.find()).as("a code in %s", text).isTrue();
        return m.group();
    }

    private Cookie session() throws Exception {
        Cookie session = mvc.perform(get("/signin")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }
}

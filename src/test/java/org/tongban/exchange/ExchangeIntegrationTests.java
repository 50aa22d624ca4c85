package org.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.exchange.internal.ResourceForm;
import org.tongban.exchange.internal.Resources;
import org.tongban.exchange.internal.SharingRequests;
import org.tongban.identity.PersonalData;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exchange end to end against the demo data: base databases lined up with identity's demo people and companies,
 * the resource catalogue, sharing requests, the gateway called by the demo department system with its
 * client-credentials token, the access log and its hash chain, and "who looked at my data".
 */
@TongbanIntegrationTest
class ExchangeIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final String DEMO_PURPOSE = "企业开办登记审核";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(600);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Resources resources;
    @Autowired
    SharingRequests requests;
    @Autowired
    SharedData sharedData;
    @Autowired
    AccessLog accessLog;
    @Autowired
    Organization organization;
    @Autowired
    PersonalData protection;

    private final HttpClient http = HttpClient.newHttpClient();

    // --- helpers

    private BodySummary body(String division, BodyCategory category) {
        return organization.bodies(DivisionCode.of(division), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == category).findFirst().orElseThrow();
    }

    private BodySummary hunnanMarket() {
        return body("210112", BodyCategory.MARKET_REGULATION);
    }

    private SharingRequests.Actor staffOf(BodySummary body, boolean approver) {
        return new SharingRequests.Actor(UUID.randomUUID(), "测试人员", body.id(), body.name(), approver, false);
    }

    /** A resource of the test's own, so that no other test depends on it. */
    private String conditionalResource(BodySummary provider, String... items) {
        int n = SEQUENCE.incrementAndGet();
        ResourceForm form = new ResourceForm();
        form.setClassCode("109901");
        form.setCode("109901-%05d".formatted(n));
        form.setName("测试人口资源" + n);
        form.setSource("POPULATION");
        form.setProviderCode(provider.creditCode());
        form.setSummary("测试用");
        form.setSharingType("CONDITIONAL");
        form.setSharingCondition("仅限测试");
        form.setLegalBasis("《政务数据共享条例》");
        form.setItems(List.of(items));
        return resources.create(form, null, "test").code();
    }

    /** A resident in the population base data (and, when asked, with an account), unique to the calling test. */
    private String resident(String name) {
        int n = SEQUENCE.incrementAndGet();
        CitizenIdNumber id = CitizenIdNumber.withCheckCharacter("21011419900101" + "%03d".formatted(n));
        jdbc.update("insert into exchange_person (id_number_hash, id_number_cipher, id_number_masked, name, sex, "
                + "birth_date, ethnicity, household_division, address, marital_status, updated_on) "
                + "values (?, ?, ?, ?, 'F', ?, '汉族', '210114', '辽宁省沈阳市于洪区测试路1号', 'MARRIED', current_date)",
                protection.residentIdHash(id), protection.encrypt(id.value()), id.masked(), name, id.birthDate());
        return id.value();
    }

    private Cookie register(String name, String id) throws Exception {
        String phone = "137%08d".formatted(SEQUENCE.incrementAndGet());
        mvc.perform(post("/register").with(csrf()).param("name", name).param("idType", "RESIDENT_ID")
                        .param("idNumber", id).param("phone", phone).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().is3xxRedirection());
        return signIn(phone, PASSWORD);
    }

    private Cookie signIn(String identifier, String password) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", password))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    private String token() throws Exception {
        String basic = Base64.getEncoder().encodeToString("demo-dept:Tongban-Demo-Dept-2026"
                .getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> query(String token, Map<String, Object> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/exchange/query"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> personQuery(String resource, String id, List<String> items, String purpose,
            String caseReference) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("resource", resource);
        body.put("subjectType", "PERSON");
        body.put("subject", id);
        body.put("items", items);
        body.put("purpose", purpose);
        body.put("caseReference", caseReference);
        return body;
    }

    // --- base data and demo line-up

    @Test
    void demoPeopleAndCompaniesOfIdentityAreInTheBaseDatabasesWithEncryptedIdNumbers() {
        String zhangsan = CitizenIdNumber.withCheckCharacter("21011219950606906").value();
        DataSubject subject = sharedData.person(zhangsan);
        assertThat(jdbc.queryForObject("select name from exchange_person where id_number_hash = ?", String.class,
                subject.key())).isEqualTo("张三");
        // Encrypted at rest: the clear number appears in no column.
        assertThat(jdbc.queryForObject("select count(*) from exchange_person where id_number_cipher like ? "
                + "or id_number_hash = ?", Integer.class, "%" + zhangsan + "%", zhangsan)).isZero();
        assertThat(jdbc.queryForObject("select legal_rep_name from exchange_legal_person where credit_code = ?",
                String.class, "91210112MA0TB00116")).isEqualTo("张三");
        UUID account = jdbc.queryForObject("select id from identity_account where phone_masked like '138****0010'",
                UUID.class);
        assertThat(sharedData.applicant(account)).contains(subject);
        assertThat(jdbc.queryForObject("select count(*) from exchange_person", Integer.class)).isGreaterThan(1000);
        assertThat(jdbc.queryForObject("select count(*) from exchange_legal_person", Integer.class)).isGreaterThan(100);
    }

    // --- catalogue

    @Test
    void cataloguesChangesAndRefusesInvalidOrOutdatedResources() {
        BodySummary police = body("210000", BodyCategory.PUBLIC_SECURITY);
        String code = conditionalResource(police, "name", "birthDate");
        var created = resources.get(code);
        assertThat(created.items()).containsExactly("name", "birthDate");
        assertThat(created.providerBodyName()).isEqualTo(police.name());

        ResourceForm change = ResourceForm.of(created);
        change.setSharingType("UNCONDITIONAL");
        change.setItems(List.of("birthDate", "sex", "name"));
        var changed = resources.update(code, change, null, "test");
        assertThat(changed.sharingType()).isEqualTo(SharingType.UNCONDITIONAL);
        assertThat(changed.items()).containsExactly("name", "sex", "birthDate"); // the source's order
        assertThat(changed.version()).isEqualTo(created.version() + 1);
        // A second change based on the old version would overwrite the first: refused.
        assertThatThrownBy(() -> resources.update(code, ResourceForm.of(created), null, "test"))
                .isInstanceOfSatisfying(ExchangeConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("exchange.resource.changed"));

        ResourceForm notShared = ResourceForm.of(changed);
        notShared.setSharingType("NONE");
        notShared.setLegalBasis("  ");
        assertThatThrownBy(() -> resources.update(code, notShared, null, "test"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("legalBasis");
                    assertThat(e.invalidValue().code()).isEqualTo("exchange.resource.legal-basis-required");
                });
        ResourceForm foreignItem = ResourceForm.of(changed);
        foreignItem.setItems(List.of("creditCode"));
        assertThatThrownBy(() -> resources.update(code, foreignItem, null, "test"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("items"));
        ResourceForm badCode = ResourceForm.of(changed);
        badCode.setCode("109902-00001");
        assertThatThrownBy(() -> resources.create(badCode, null, "test"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThat(resources.get(code).sharingType()).isEqualTo(SharingType.UNCONDITIONAL);
    }

    // --- requests, grants and the gateway

    @Test
    void gatewayRefusesWithoutGrantAndServesOnlyTheGrantedItemsAfterApproval() throws Exception {
        BodySummary consumer = hunnanMarket(); // the body of the demo-dept client system
        BodySummary provider = body("210000", BodyCategory.PUBLIC_SECURITY);
        String code = conditionalResource(provider, "name", "sex", "birthDate", "address", "maritalStatus");
        String id = resident("测试甲");
        String token = token();
        String purpose = "个体工商户登记核验";

        var refused = query(token, personQuery(code, id, List.of(), purpose, "CASE-EX-1"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("exchange.grant.missing");

        var filed = requests.request(staffOf(consumer, false), code, List.of("name", "address"), purpose,
                "《市场主体登记管理条例》", org.tongban.ChinaTime.today().plusMonths(6));
        assertThat(filed.status()).isEqualTo("PENDING");
        assertThat(filed.answerDue()).isAfter(org.tongban.ChinaTime.today().plusDays(10)); // 10 working days
        // Only the provider's approvers answer.
        assertThatThrownBy(() -> requests.decide(staffOf(consumer, true), filed.id(), true, null))
                .isInstanceOf(ExchangeRefusedException.class);
        assertThat(query(token, personQuery(code, id, List.of(), purpose, "CASE-EX-1")).statusCode())
                .isEqualTo(403); // pending is not granted
        requests.decide(staffOf(provider, true), filed.id(), true, null);
        assertThatThrownBy(() -> requests.decide(staffOf(provider, true), filed.id(), false, "again"))
                .isInstanceOf(ExchangeConflictException.class);

        var served = query(token, personQuery(code, id, List.of("name", "address", "idNumber", "sex"), purpose,
                "CASE-EX-2"));
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(served.body());
        JsonNode record = answer.get("records").get(0);
        assertThat(record.get("name").asString()).isEqualTo("测试甲");
        assertThat(record.get("address").asString()).startsWith("辽宁省沈阳市于洪区");
        assertThat(record.has("sex")).isFalse();
        assertThat(record.has("idNumber")).isFalse();
        assertThat(answer.get("withheld").toString()).contains("idNumber", "sex");
        assertThat(answer.get("subject").asString()).doesNotContain(id.substring(6, 14));
        AccessLog.Entry entry = accessLog.get(answer.get("accessId").asLong());
        assertThat(entry.result()).isEqualTo(AccessLog.Result.PARTIAL);
        assertThat(entry.consumerBodyName()).isEqualTo(consumer.name());
        assertThat(entry.consumerActor()).isEqualTo("client:demo-dept");
        assertThat(entry.items()).containsExactly("name", "address");
        assertThat(entry.withheldItems()).containsExactly("idNumber", "sex");
        assertThat(entry.caseReference()).isEqualTo("CASE-EX-2");

        // The grant covers its purpose only.
        var otherPurpose = query(token, personQuery(code, id, List.of(), "其他用途", "CASE-EX-3"));
        assertThat(otherPurpose.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(otherPurpose.body()).get("code").asString()).isEqualTo("exchange.grant.purpose");
    }

    @Test
    void refusedRequestGrantsNothingAndRefusalNeedsReasons() {
        BodySummary consumer = body("210102", BodyCategory.MARKET_REGULATION);
        BodySummary provider = body("210000", BodyCategory.PUBLIC_SECURITY);
        String code = conditionalResource(provider, "name", "sex");
        var filed = requests.request(staffOf(consumer, false), code, List.of("name"), "测试用途",
                "《政务数据共享条例》", org.tongban.ChinaTime.today().plusDays(30));
        assertThatThrownBy(() -> requests.decide(staffOf(provider, true), filed.id(), false, " "))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        var refused = requests.decide(staffOf(provider, true), filed.id(), false, "用途不明确，不符合最小必要原则");
        assertThat(refused.status()).isEqualTo("REFUSED");
        assertThat(requests.grantsInForce(consumer.id(), resources.get(code).id())).isEmpty();
        assertThat(sharedData.usable(consumer.id(), code, "测试用途")).isFalse();
        assertThatThrownBy(() -> requests.request(staffOf(consumer, false), code, List.of("name"), "测试用途",
                "依据", org.tongban.ChinaTime.today().minusDays(1)))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("validUntil"));
        assertThatThrownBy(() -> requests.request(staffOf(consumer, false), "102001-00001", List.of("name"), "测试",
                "依据", org.tongban.ChinaTime.today().plusDays(3)))
                .isInstanceOfSatisfying(ExchangeRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("exchange.request.not-needed"));
    }

    @Test
    void gatewayServesUnconditionalResourcesNeverServesNotSharedOnesAndAnswersBadInputRight() throws Exception {
        String token = token();
        String id = resident("测试乙");
        var company = new java.util.LinkedHashMap<String, Object>();
        company.put("resource", "102001-00001");
        company.put("subjectType", "COMPANY");
        company.put("subject", "91210102MA0TB002XE");
        company.put("purpose", "企业变更登记");
        company.put("caseReference", "CASE-EX-10");
        var served = query(token, company);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).get("records").get(0).get("legalRepresentative").asString())
                .isEqualTo("李华");

        var notShared = query(token, personQuery("101002-00001", id, List.of(), DEMO_PURPOSE, "CASE-EX-11"));
        assertThat(notShared.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(notShared.body()).get("code").asString()).isEqualTo("exchange.resource.not-shared");

        String stranger = CitizenIdNumber.withCheckCharacter("21011419900101999").value();
        var unknown = query(token, personQuery("101001-00001", stranger, List.of("name"), DEMO_PURPOSE,
                "CASE-EX-12"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("code").asString()).isEqualTo("exchange.subject.not-found");

        var malformed = query(token, personQuery("101001-00001", "21011419900101123", List.of(), DEMO_PURPOSE,
                "CASE-EX-13"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("field").asString()).isEqualTo("subject");
        var noCase = query(token, personQuery("101001-00001", id, List.of(), DEMO_PURPOSE, " "));
        assertThat(noCase.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noCase.body()).get("field").asString()).isEqualTo("caseReference");

        assertThat(query(null, personQuery("101001-00001", id, List.of(), DEMO_PURPOSE, "C")).statusCode())
                .isEqualTo(401);
        var badToken = query("not-a-token", personQuery("101001-00001", id, List.of(), DEMO_PURPOSE, "C"));
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }

    @Test
    void gatewayDecryptsTheIdNumberOnlyWhenGrantedAndLogsEveryUnknownSubject() throws Exception {
        BodySummary consumer = hunnanMarket();
        BodySummary provider = body("210000", BodyCategory.PUBLIC_SECURITY);
        String code = conditionalResource(provider, "name", "idNumber");
        String id = resident("测试壬");
        String purpose = "身份核验";
        var filed = requests.request(staffOf(consumer, false), code, List.of("name", "idNumber"), purpose,
                "《中华人民共和国居民身份证法》", org.tongban.ChinaTime.today().plusMonths(1));
        requests.decide(staffOf(provider, true), filed.id(), true, null);
        String token = token();

        JsonNode both = JSON.readTree(query(token, personQuery(code, id, List.of(), purpose, "CASE-ID-1")).body());
        assertThat(both.get("records").get(0).get("idNumber").asString()).isEqualTo(id);
        JsonNode nameOnly = JSON.readTree(query(token, personQuery(code, id, List.of("name"), purpose, "CASE-ID-2"))
                .body());
        assertThat(nameOnly.get("records").get(0).has("idNumber")).isFalse();
        assertThat(nameOnly.get("records").get(0).get("name").asString()).isEqualTo("测试壬");

        // A person the population data does not know: refused and logged as such, with what was asked.
        String stranger = CitizenIdNumber.withCheckCharacter("21011419900101998").value();
        var unknown = query(token, personQuery(code, stranger, List.of("name"), purpose, "CASE-ID-3"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(accessLog.recent(20)).filteredOn(e -> "CASE-ID-3".equals(e.caseReference())).singleElement()
                .satisfies(e -> {
                    assertThat(e.result()).isEqualTo(AccessLog.Result.NOT_FOUND);
                    assertThat(e.items()).containsExactly("name");
                });

        // A credit list: a known person without entries has none; an unknown person is not found.
        var clean = query(token, personQuery("103001-00001", id, List.of(), "信用核查", "CASE-ID-4"));
        assertThat(clean.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(clean.body()).get("records").size()).isZero();
        var unlisted = query(token, personQuery("103001-00001", stranger, List.of(), "信用核查", "CASE-ID-5"));
        assertThat(unlisted.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unlisted.body()).get("code").asString()).isEqualTo("exchange.subject.not-found");
    }

    @Test
    void staffQueryTheGatewayWithTheirSessionForTheirOwnBody() throws Exception {
        String id = resident("测试辛");
        Cookie officer = signIn("13800000003", DEMO_PASSWORD); // 浑南区市场监督管理局, holder of the demo grant
        String answer = mvc.perform(post("/api/v1/exchange/query").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(personQuery("101001-00001", id, List.of(), DEMO_PURPOSE,
                                "HN-STAFF-1"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records[0].name").value("测试辛"))
                .andExpect(jsonPath("$.records[0].address").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        AccessLog.Entry entry = accessLog.get(JSON.readTree(answer).get("accessId").asLong());
        assertThat(entry.consumerActor()).startsWith("account:").endsWith("浑南区窗口人员（演示）");
        assertThat(entry.consumerBodyName()).isEqualTo(hunnanMarket().name());
    }

    // --- access log, the data subject's view

    @Test
    void theDataSubjectSeesWhoLookedAtTheirDataAndNobodyElseDoes() throws Exception {
        String id = resident("测试丙");
        Cookie citizen = register("测试丙", id);
        mvc.perform(get("/account/data-access").cookie(citizen))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"no-access\"")));

        // The demo grant: 浑南区市场监督管理局 may read name, sex and birth date for company registration.
        var answer = query(token(), personQuery("101001-00001", id, List.of("name", "birthDate"), DEMO_PURPOSE,
                "HN-2026-000123"));
        assertThat(answer.statusCode()).isEqualTo(200);

        String page = mvc.perform(get("/account/data-access").cookie(citizen))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(hunnanMarket().name(), "HN-2026-000123", DEMO_PURPOSE, "人口基本信息");
        mvc.perform(get("/api/v1/exchange/access-log/mine").cookie(citizen).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].caseReference").value("HN-2026-000123"))
                .andExpect(jsonPath("$[0].items[1]").value("birthDate"));

        Cookie other = register("测试丁", resident("测试丁"));
        String otherPage = mvc.perform(get("/account/data-access").cookie(other))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(otherPage).doesNotContain("HN-2026-000123");
        mvc.perform(get("/api/v1/exchange/access-log/mine").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void onceOnlyFetchIsAuthorizedAndLoggedLikeTheGateway() {
        String id = resident("测试戊");
        DataSubject subject = sharedData.person(id);
        UUID body = hunnanMarket().id();
        assertThat(sharedData.usable(body, "101001-00001", DEMO_PURPOSE)).isTrue();
        assertThat(sharedData.usable(body, "101001-00001", "别的用途")).isFalse();
        SharedRecord fetched = sharedData.fetch(subject, "101001-00001", List.of(), DEMO_PURPOSE, "HN-2026-000200",
                body, "case:HN-2026-000200");
        assertThat(fetched.items()).containsExactly("name", "sex", "birthDate");
        assertThat(fetched.records()).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("name", "测试戊").containsEntry("sex", "2").doesNotContainKey("address");
        });
        assertThat(accessLog.get(fetched.accessId()).channel()).isEqualTo("ONCE_ONLY");
        assertThat(accessLog.about(SubjectType.PERSON, subject.key(), 10)).extracting(AccessLog.Entry::caseReference)
                .contains("HN-2026-000200");
        assertThatThrownBy(() -> sharedData.fetch(subject, "101002-00001", List.of(), DEMO_PURPOSE, "X", body, "t"))
                .isInstanceOf(ExchangeRefusedException.class);
    }

    @Test
    void accessLogVerifiesAndDetectsATamperedEntry() throws Exception {
        String id = resident("测试己");
        var answer = query(token(), personQuery("101001-00001", id, List.of("name"), DEMO_PURPOSE, "HN-TAMPER"));
        long entry = JSON.readTree(answer.body()).get("accessId").asLong();
        assertThat(accessLog.verify().intact()).isTrue();
        String purpose = jdbc.queryForObject("select purpose from exchange_access_log where id = ?", String.class,
                entry);
        jdbc.execute("alter table exchange_access_log disable trigger exchange_access_log_no_update");
        try {
            jdbc.update("update exchange_access_log set purpose = '改过的用途' where id = ?", entry);
            AccessLog.Verification broken = accessLog.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenId()).isEqualTo(entry);
        } finally {
            jdbc.update("update exchange_access_log set purpose = ? where id = ?", purpose, entry);
            jdbc.execute("alter table exchange_access_log enable trigger exchange_access_log_no_update");
        }
        assertThat(accessLog.verify().intact()).isTrue();
        // Append-only: the trigger refuses changes.
        assertThatThrownBy(() -> jdbc.update("delete from exchange_access_log where id = ?", entry))
                .hasMessageContaining("append-only");
    }

    @Test
    void concurrentExchangesEachGetExactlyOneEntryInOneUnbrokenChain() throws Exception {
        long before = jdbc.queryForObject("select count(*) from exchange_access_log", Long.class);
        List<java.util.concurrent.Future<AccessLog.Entry>> appended = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 300; i++) {
                String key = "CONCURRENT-" + i;
                appended.add(pool.submit(() -> accessLog.append(new AccessLog.Entry(0, null, "GATEWAY", null, "测试单位",
                        "test", "109999-00001", "测试资源", "测试提供部门", SubjectType.COMPANY, key, key, List.of("name"),
                        List.of(), "并发测试", key, AccessLog.Result.SERVED))));
            }
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (var future : appended) {
            ids.add(future.get().id());
        }
        assertThat(ids).hasSize(300);
        assertThat(jdbc.queryForObject("select count(*) from exchange_access_log", Long.class) - before)
                .isEqualTo(300);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    // --- pages and who may open them

    @Test
    void pagesAdmitOnlyWhomTheyServe() throws Exception {
        mvc.perform(get("/workbench/exchange")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/account/data-access")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/exchange/resources/new")).andExpect(status().is3xxRedirection());

        Cookie citizen = register("测试庚", resident("测试庚"));
        mvc.perform(get("/workbench/exchange").cookie(citizen)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/exchange/access-log").cookie(citizen)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/exchange/resources").cookie(citizen).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("exchange.staff-only"));

        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(get("/workbench/exchange").cookie(officer)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("101001-00001")));
        mvc.perform(get("/workbench/exchange/resources/101001-00001").cookie(officer)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(DEMO_PURPOSE)));
        mvc.perform(get("/workbench/exchange/requests").cookie(officer)).andExpect(status().isOk());
        mvc.perform(get("/admin/exchange/resources/new").cookie(officer)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/exchange/resources").cookie(officer).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].code").value("101001-00001"));

        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        mvc.perform(get("/admin/exchange/resources/new").cookie(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/exchange/resources/101001-00001").cookie(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/exchange/access-log").param("verify", "1").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"verification\"")));
    }

    @Test
    void requestFormKeepsWhatWasTypedAndNamesTheWrongField() throws Exception {
        Cookie officer = signIn("13800000003", DEMO_PASSWORD);
        String page = mvc.perform(post("/workbench/exchange/resources/101001-00001/requests").with(csrf())
                        .cookie(officer).param("items", "name").param("purpose", "个体户登记")
                        .param("legalBasis", "").param("validUntil", org.tongban.ChinaTime.today().plusDays(30).toString()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"request-error\"", "value=\"个体户登记\"");
        assertThat(page).containsPattern("id=\"legalBasis\"[^>]*aria-invalid=\"true\"");

        mvc.perform(post("/workbench/exchange/resources/101001-00001/requests").with(csrf()).cookie(officer)
                        .param("items", "name").param("purpose", "个体户登记核验（表单）")
                        .param("legalBasis", "《个体工商户条例》").param("validUntil", org.tongban.ChinaTime.today().plusDays(30).toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select count(*) from exchange_sharing_request where purpose = ?",
                Integer.class, "个体户登记核验（表单）")).isEqualTo(1);
    }

    @Test
    void adminCataloguesAResourceThroughTheFormAndGetsFieldErrorsWithTheInputKept() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        String provider = body("210000", BodyCategory.MARKET_REGULATION).creditCode();
        String bad = mvc.perform(post("/admin/exchange/resources").with(csrf()).cookie(admin)
                        .param("classCode", "102009").param("code", "102009-00001").param("name", "企业年报（测试）")
                        .param("source", "LEGAL_PERSON").param("providerCode", provider).param("summary", "年报")
                        .param("format", "JSON").param("sharingType", "NONE").param("legalBasis", "")
                        .param("sharingMethod", "API").param("openness", "NOT_OPEN").param("updateCycle", "YEARLY")
                        .param("items", "name", "status"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("企业年报（测试）", "id=\"resource-error\"");
        mvc.perform(post("/admin/exchange/resources").with(csrf()).cookie(admin)
                        .param("classCode", "102009").param("code", "102009-00001").param("name", "企业年报（测试）")
                        .param("source", "LEGAL_PERSON").param("providerCode", provider).param("summary", "年报")
                        .param("format", "JSON").param("sharingType", "NONE").param("legalBasis", "《企业信息公示暂行条例》")
                        .param("sharingMethod", "API").param("openness", "NOT_OPEN").param("updateCycle", "YEARLY")
                        .param("items", "name", "status"))
                .andExpect(status().is3xxRedirection());
        assertThat(resources.get("102009-00001").items()).containsExactly("name", "status");
    }
}

package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Legal persons act through agents (DOMAIN §8): the legal representative claims the company against the register,
 * authorizes real-name agents, who switch to acting for it until the authorization is revoked or expires.
 */
@TongbanIntegrationTest
class LegalPersonsIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    /** Sequence numbers of this class's people and companies; other test classes use other ranges. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger(400);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    Accounts accounts;

    record Person(String name, String id, String phone, Cookie session, UUID accountId) {
    }

    /** A person in the population data who registers, signs in and passes L2 verification. */
    private Person realNamePerson(String name) throws Exception {
        Person person = registered(name, true);
        // L2 needs the phone proven by a code from the development inbox first.
        mvc.perform(post("/account/assurance/phone/code").with(csrf()).cookie(person.session()))
                .andExpect(status().isOk());
        mvc.perform(post("/account/assurance/phone").with(csrf()).cookie(person.session())
                        .param("code", AssuranceSupport.latestCode(jdbc, cipher, person.phone())))
                .andExpect(status().isOk());
        mvc.perform(post("/account/verification").with(csrf()).cookie(person.session()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("实名核验已通过")));
        return person;
    }

    private Person registered(String name, boolean inPopulation) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String id = CitizenIdNumber.withCheckCharacter("21010219830304" + "%03d".formatted(n)).value();
        String phone = "137%08d".formatted(n);
        if (inPopulation) {
            jdbc.update("insert into identity_population (id_number_hash, name, phone_hash) values (?, ?, ?)",
                    cipher.lookupHash("RESIDENT_ID:" + id), name, cipher.lookupHash("phone:" + phone));
        }
        mvc.perform(post("/register").with(csrf()).param("name", name).param("idType", "RESIDENT_ID")
                .param("idNumber", id).param("phone", phone).param("password", PASSWORD)
                .param("passwordAgain", PASSWORD)).andExpect(redirectedUrl("/signin?registered"));
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", phone).param("password", PASSWORD))
                .andExpect(redirectedUrl("/account")).andReturn().getResponse().getCookie("SESSION");
        UUID accountId = jdbc.queryForObject("select id from identity_account where phone_hash = ?", UUID.class,
                cipher.lookupHash("phone:" + phone));
        return new Person(name, id, phone, session, accountId);
    }

    /** A company in the legal-person register with this person as its legal representative. */
    private String registeredCompany(String name, Person representative) {
        int n = SEQUENCE.incrementAndGet();
        String code = UnifiedSocialCreditCode.withCheckCharacter("91210112" + UnifiedSocialCreditCode
                .organizationCodeWithCheck("MT%06d".formatted(n))).value();
        jdbc.update("insert into identity_enterprise_register (credit_code, name, legal_rep_name, "
                + "legal_rep_id_number_hash, sample) values (?, ?, ?, ?, false)", code, name, representative.name(),
                cipher.lookupHash("RESIDENT_ID:" + representative.id()));
        return code;
    }

    private UUID claim(Person representative, String creditCode) throws Exception {
        String location = mvc.perform(post("/account/companies").with(csrf()).cookie(representative.session())
                        .param("creditCode", creditCode))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        var matcher = Pattern.compile("/account/companies/([0-9a-f-]{36})\\?claimed").matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return UUID.fromString(matcher.group(1));
    }

    private void authorize(Person representative, UUID company, Person agent, String scopeKind, String matters,
            LocalDate expires) throws Exception {
        mvc.perform(post("/account/companies/" + company + "/agents").with(csrf()).cookie(representative.session())
                        .param("agent", agent.phone()).param("scopeKind", scopeKind).param("matters", matters)
                        .param("expires", expires.toString()))
                .andExpect(redirectedUrl("/account/companies/" + company + "?authorized"));
    }

    private void actFor(Person agent, UUID company) throws Exception {
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(agent.session()).param("company", company.toString())
                        .param("return", "/account"))
                .andExpect(redirectedUrl("/account"));
    }

    private String actingForCreditCode(Person person) throws Exception {
        String json = mvc.perform(get("/api/v1/identity/acting-for").cookie(person.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("\"creditCode\":\"([0-9A-Z]{18})\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static LocalDate today() {
        return LocalDate.now(LegalPersons.CHINA);
    }

    @Test
    void aLegalRepresentativeAuthorizesAnAgentWhoActsForTheCompanyUntilTheAuthorizationIsRevoked() throws Exception {
        Person representative = realNamePerson("韩梅");
        String creditCode = registeredCompany("沈阳韩梅测试有限公司", representative);
        UUID company = claim(representative, creditCode);
        Person agent = realNamePerson("刘经办");
        authorize(representative, company, agent, "ALL", "", today().plusDays(30));
        mvc.perform(get("/account/companies/" + company).cookie(representative.session()))
                .andExpect(content().string(containsString("刘经办")))
                .andExpect(content().string(containsString(agent.phone().substring(0, 3) + "****")))
                .andExpect(content().string(not(containsString(agent.phone()))))
                .andExpect(content().string(not(containsString(agent.id()))));

        mvc.perform(get("/account/companies").cookie(agent.session()))
                .andExpect(content().string(containsString("沈阳韩梅测试有限公司")));
        actFor(agent, company);
        mvc.perform(get("/account").cookie(agent.session()))
                .andExpect(content().string(containsString("您正代表“沈阳韩梅测试有限公司”")))
                .andExpect(content().string(containsString("id=\"acting-for-badge\"")));
        assertThat(actingForCreditCode(agent)).as("kept in the session").isEqualTo(creditCode);
        assertThat(accounts.mayActFor(agent.accountId(), company, null)).isTrue();
        assertThat(accounts.mayActFor(agent.accountId(), company, "ANY-MATTER")).isTrue();
        assertThat(accounts.mayActFor(representative.accountId(), company, "ANY-MATTER")).isTrue();

        String authorization = jdbc.queryForObject("select id from identity_agent_authorization where company_id = ?",
                String.class, company);
        mvc.perform(post("/account/companies/" + company + "/agents/" + authorization + "/revoke").with(csrf())
                        .cookie(representative.session()))
                .andExpect(redirectedUrl("/account/companies/" + company + "?revoked"));
        assertThat(actingForCreditCode(agent)).as("revocation ends the acting session at once").isNull();
        assertThat(accounts.mayActFor(agent.accountId(), company, null)).isFalse();
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(agent.session()).param("company", company.toString()))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForList("select action from platform_audit_event "
                + "where module = 'identity' and target_type = 'company' and target_id = ? "
                + "order by id", String.class, company.toString())).containsExactly("COMPANY_CLAIMED",
                        "AGENT_AUTHORIZED", "ACTING_FOR_STARTED", "AGENT_REVOKED", "ACTING_FOR_LAPSED");
    }

    @Test
    void aNewLegalRepresentativeTakesTheCompanyAndTheFormerOnesAgentsLoseIt() throws Exception {
        Person former = realNamePerson("魏旧法人");
        String creditCode = registeredCompany("沈阳换届测试有限公司", former);
        UUID company = claim(former, creditCode);
        Person agent = realNamePerson("蒋经办");
        authorize(former, company, agent, "ALL", "", today().plusDays(30));
        actFor(agent, company);
        assertThat(actingForCreditCode(agent)).isEqualTo(creditCode);

        // The register now names someone else (变更登记), who claims the company.
        Person successor = realNamePerson("沈新法人");
        jdbc.update("update identity_enterprise_register set legal_rep_name = ?, legal_rep_id_number_hash = ? "
                + "where credit_code = ?", successor.name(), cipher.lookupHash("RESIDENT_ID:" + successor.id()),
                creditCode);
        assertThat(claim(successor, creditCode)).isEqualTo(company);

        assertThat(accounts.mayActFor(successor.accountId(), company, "ANY-MATTER")).isTrue();
        assertThat(accounts.mayActFor(former.accountId(), company, null)).as("no longer the representative").isFalse();
        assertThat(accounts.mayActFor(agent.accountId(), company, null)).as("the former one's agent").isFalse();
        assertThat(actingForCreditCode(agent)).as("the agent's acting session ends at its next request").isNull();
        assertThat(jdbc.queryForObject("select count(*) from identity_agent_authorization where company_id = ? "
                + "and revoked_at is null", Integer.class, company)).isZero();
        assertThat(jdbc.queryForObject("select detail from platform_audit_event where module = 'identity' "
                + "and action = 'AGENT_REVOKED' and target_id = ?", String.class, company.toString()))
                .contains("agent=" + agent.accountId()).contains("legal-representative-changed");

        // The former representative's own claim is now refused, and the successor authorizes agents anew.
        mvc.perform(post("/account/companies").with(csrf()).cookie(former.session()).param("creditCode", creditCode))
                .andExpect(status().isForbidden());
        authorize(successor, company, agent, "ALL", "", today().plusDays(10));
        assertThat(accounts.mayActFor(agent.accountId(), company, null)).isTrue();
    }

    @Test
    void anExpiredAuthorizationStopsWorkingEvenInASessionAlreadyActingForTheCompany() throws Exception {
        Person representative = realNamePerson("陈过期");
        UUID company = claim(representative, registeredCompany("沈阳过期测试有限公司", representative));
        Person agent = realNamePerson("周经办");
        authorize(representative, company, agent, "ALL", "", today());
        actFor(agent, company);
        assertThat(actingForCreditCode(agent)).isNotNull();
        // A day passes: the authorization's last day is yesterday now.
        jdbc.update("update identity_agent_authorization set expires = ? where company_id = ?", today().minusDays(1),
                company);
        assertThat(actingForCreditCode(agent)).isNull();
        mvc.perform(get("/account/companies").cookie(agent.session()))
                .andExpect(content().string(containsString("您正以个人身份")))
                .andExpect(content().string(not(containsString("沈阳过期测试有限公司"))));
        mvc.perform(get("/account/companies/" + company).cookie(representative.session()))
                .andExpect(content().string(containsString("已过期")));
    }

    @Test
    void aNamedMatterAuthorizationCoversOnlyThoseMatters() throws Exception {
        Person representative = realNamePerson("吴范围");
        UUID company = claim(representative, registeredCompany("沈阳范围测试有限公司", representative));
        Person agent = realNamePerson("郑经办");
        authorize(representative, company, agent, "NAMED", "11210000MB0000001X-01\nFOOD.LICENCE", today().plusDays(5));
        assertThat(accounts.mayActFor(agent.accountId(), company, "FOOD.LICENCE")).isTrue();
        assertThat(accounts.mayActFor(agent.accountId(), company, "11210000MB0000001X-01")).isTrue();
        assertThat(accounts.mayActFor(agent.accountId(), company, "TAX.REGISTRATION")).isFalse();
        assertThat(accounts.mayActFor(agent.accountId(), company, null)).isTrue();
    }

    @Test
    void badAgentInputIsExplainedNextToTheFieldAndKept() throws Exception {
        Person representative = realNamePerson("冯表单");
        UUID company = claim(representative, registeredCompany("沈阳表单测试有限公司", representative));
        Person unverified = registered("未核验", false);
        String path = "/account/companies/" + company + "/agents";
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", "13999990000")
                        .param("scopeKind", "ALL").param("expires", today().plusDays(3).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("没有找到使用该手机号码或证件号码的账号")))
                .andExpect(content().string(containsString("value=\"13999990000\"")));
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", unverified.phone())
                        .param("scopeKind", "ALL").param("expires", today().plusDays(3).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("尚未完成实名核验")));
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", unverified.phone())
                        .param("scopeKind", "ALL").param("expires", today().minusDays(1).toString()))
                .andExpect(status().isBadRequest());
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", representative.phone())
                        .param("scopeKind", "ALL").param("expires", today().plusYears(10).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("无需为自己授权")));
        Person agent = realNamePerson("蒋经办");
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", agent.id())
                        .param("scopeKind", "ALL").param("expires", today().plusYears(10).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("有效期最长到")))
                .andExpect(content().string(containsString("value=\"" + agent.id() + "\"")));
        mvc.perform(post(path).with(csrf()).cookie(representative.session()).param("agent", agent.id())
                        .param("scopeKind", "NAMED").param("matters", "").param("expires", today().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("至少填写一个事项编码")));
        assertThat(jdbc.queryForObject("select count(*) from identity_agent_authorization where company_id = ?",
                Integer.class, company)).as("nothing half-written").isZero();
    }

    @Test
    void onlyTheRegisteredLegalRepresentativeAtLevelTwoClaimsACompany() throws Exception {
        Person representative = realNamePerson("褚法人");
        String creditCode = registeredCompany("沈阳认领测试有限公司", representative);
        Person other = realNamePerson("卫他人");
        mvc.perform(post("/account/companies").with(csrf()).cookie(other.session()).param("creditCode", creditCode))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("登记的法定代表人不是您")))
                .andExpect(content().string(containsString("value=\"" + creditCode + "\"")));
        Person unverified = registered("褚法人", false);
        String second = registeredCompany("沈阳未核验测试有限公司", unverified);
        mvc.perform(post("/account/companies").with(csrf()).cookie(unverified.session()).param("creditCode", second))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("先完成实名核验")));
        mvc.perform(post("/account/companies").with(csrf()).cookie(representative.session())
                        .param("creditCode", creditCode.substring(0, 17) + (creditCode.endsWith("0") ? "1" : "0")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("校验码不正确")));
        mvc.perform(post("/account/companies").cookie(representative.session()).param("creditCode", creditCode))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from identity_company where credit_code = ?", Integer.class,
                creditCode)).isZero();
    }

    @Test
    void theApiAnswersWithProblemsNamingTheField() throws Exception {
        Person representative = realNamePerson("杨接口");
        String creditCode = registeredCompany("沈阳接口测试有限公司", representative);
        Cookie session = representative.session();
        String wrongCheck = creditCode.substring(0, 17) + (creditCode.endsWith("0") ? "1" : "0");
        mvc.perform(post("/api/v1/identity/companies").with(csrf()).cookie(session)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"creditCode\":\"" + wrongCheck + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("shared.credit-code.check"))
                .andExpect(jsonPath("$.field").value("creditCode"));
        String unknown = UnifiedSocialCreditCode.withCheckCharacter("91210112" + UnifiedSocialCreditCode
                .organizationCodeWithCheck("MY999999")).value();
        mvc.perform(post("/api/v1/identity/companies").with(csrf()).cookie(session)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"creditCode\":\"" + unknown + "\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("identity.company.not-registered"));
        String id = com.jayway.jsonpath.JsonPath.read(mvc.perform(post("/api/v1/identity/companies").with(csrf())
                        .cookie(session).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"creditCode\":\"" + creditCode + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.creditCode").value(creditCode))
                .andReturn().getResponse().getContentAsString(), "$.id");
        Person agent = realNamePerson("秦接口");
        String authorization = com.jayway.jsonpath.JsonPath.read(mvc.perform(
                        post("/api/v1/identity/companies/" + id + "/agents").with(csrf()).cookie(session)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"agent\":\"" + agent.phone() + "\",\"scope\":[],\"expires\":\""
                                        + today().plusDays(10) + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.agentPhoneMasked").value(agent.phone().substring(0, 3) + "****"
                        + agent.phone().substring(7)))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/v1/identity/companies/" + id + "/agents").with(csrf()).cookie(session)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"agent\":\"" + agent.phone() + "\",\"expires\":\"tomorrow\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("expires"));
        // Someone else's company: 403, for reading and writing alike; an unknown one: 404.
        mvc.perform(get("/api/v1/identity/companies/" + id + "/agents").cookie(agent.session()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("identity.company.not-yours"));
        mvc.perform(delete("/api/v1/identity/companies/" + id + "/agents/" + authorization).with(csrf())
                        .cookie(agent.session()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/identity/companies").with(csrf()).cookie(agent.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"creditCode\":\"" + creditCode + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("identity.company.not-legal-representative"));
        mvc.perform(get("/api/v1/identity/companies/" + UUID.randomUUID() + "/agents").cookie(session))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/identity/acting-for").with(csrf()).cookie(agent.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"company\":\"" + id + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actingFor.creditCode").value(creditCode));
        mvc.perform(get("/api/v1/identity/companies")).andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/v1/identity/companies/" + id + "/agents/" + authorization).with(csrf()).cookie(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"));
        mvc.perform(get("/api/v1/identity/acting-for").cookie(agent.session()))
                .andExpect(jsonPath("$.actingFor").doesNotExist());
    }

    @Test
    void switchingBackRedirectsOnlyWithinTheSite() throws Exception {
        Person person = realNamePerson("许跳转");
        for (String target : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
                "/account/{x}")) {
            mvc.perform(post("/account/acting-for").with(csrf()).cookie(person.session()).param("return", target))
                    .andExpect(redirectedUrl("/account/companies"));
        }
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(person.session()).param("return", "/account"))
                .andExpect(redirectedUrl("/account"));
    }

    @Test
    void theDemoCompaniesHaveValidCreditCodesAndDemoLegalRepresentatives() {
        List<String> codes = jdbc.queryForList("select credit_code from identity_enterprise_register where sample",
                String.class);
        assertThat(codes).hasSizeGreaterThanOrEqualTo(3).allMatch(UnifiedSocialCreditCode::isValid);
        String zhang = cipher.lookupHash("RESIDENT_ID:" + CitizenIdNumber.withCheckCharacter("21011219950606906").value());
        assertThat(jdbc.queryForObject("select count(*) from identity_enterprise_register r join identity_population p "
                + "on p.id_number_hash = r.legal_rep_id_number_hash and p.name = r.legal_rep_name where r.sample",
                Integer.class)).isEqualTo(codes.size());
        assertThat(jdbc.queryForObject("select count(*) from identity_enterprise_register where legal_rep_id_number_hash = ?",
                Integer.class, zhang)).isEqualTo(1);
    }
}

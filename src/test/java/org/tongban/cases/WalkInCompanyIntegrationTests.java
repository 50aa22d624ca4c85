package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.AgentView;
import org.tongban.identity.LegalPersons;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * 窗口收件 for a company (DOMAIN §8): its legal representative or an agent it authorized for the item files at the
 * counter, the company being the applicant; anybody else, or an agent outside the authorization's scope, is refused.
 */
@TongbanIntegrationTest
class WalkInCompanyIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(700);
    /** 个体工商户登记 (serves persons and companies). */
    private static final String SOLE_TRADER = "011070003000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WalkInFiling walkIns;
    @Autowired
    LegalPersons legalPersons;
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

    private record Person(String name, String id, String phone) {
    }

    private static Person somebody(String name) {
        int n = SEQUENCE.incrementAndGet();
        return new Person(name, CitizenIdNumber.withCheckCharacter("21011219770404" + "%03d".formatted(n)).value(),
                "1335%07d".formatted(n));
    }

    /** A registered, real-name (L2) account of the person. */
    private UUID register(Person person) throws Exception {
        mvc.perform(post("/register").with(csrf()).param("name", person.name()).param("idType", "RESIDENT_ID")
                        .param("idNumber", person.id()).param("phone", person.phone()).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().is3xxRedirection());
        UUID account = jdbc.queryForObject("select id from identity_account where id_number_hash = ?", UUID.class,
                cipher.lookupHash("RESIDENT_ID:" + person.id()));
        jdbc.update("update identity_account set assurance_level = 2 where id = ?", account);
        return account;
    }

    /** A company in the legal-person register, claimed by its legal representative. */
    private record Company(UUID id, String creditCode, String name) {
    }

    private Company company(String name, Person representative, UUID representativeAccount) {
        int n = SEQUENCE.incrementAndGet();
        String code = UnifiedSocialCreditCode.withCheckCharacter("91210112" + UnifiedSocialCreditCode
                .organizationCodeWithCheck("MW%06d".formatted(n))).value();
        jdbc.update("insert into identity_enterprise_register (credit_code, name, legal_rep_name, "
                + "legal_rep_id_number_hash, sample) values (?, ?, ?, ?, false)", code, name, representative.name(),
                cipher.lookupHash("RESIDENT_ID:" + representative.id()));
        return new Company(legalPersons.claim(representativeAccount, code).id(), code, name);
    }

    private static Map<String, String> values(Person person) {
        return Map.of("applicant.name", person.name(), "applicant.phone", person.phone(), "business.form", "PERSONAL",
                "business.operatorId", person.id(), "business.scope", "日用百货零售", "business.capital", "50000.00",
                "business.address.division", "210112", "business.address.detail", "智慧四街 9 号");
    }

    private WalkInFiling.Start start(Person person, String creditCode) {
        return new WalkInFiling.Start(itemCode, person.name(), person.id(), person.phone(), null, null, creditCode);
    }

    private Applications.Submitted fileAndSubmit(SignedIn officer, UUID id, Person person) throws Exception {
        walkIns.save(officer, id, values(person));
        walkIns.upload(officer, id, 0, "申请书.pdf", Samples.pdf());
        walkIns.upload(officer, id, 1, "身份证.jpg", Samples.jpeg());
        walkIns.upload(officer, id, 2, "场所证明.png", Samples.png());
        return walkIns.submit(officer, id, "submit-" + UUID.randomUUID());
    }

    private static List<String> fields(IncompleteApplicationException e) {
        return e.problems().stream().map(p -> p.field() + ":" + p.code()).toList();
    }

    @Test
    void theLegalRepresentativeOrAnAuthorizedAgentFilesForTheCompanyAtTheCounter() throws Exception {
        Person representative = somebody("窗口法人");
        UUID representativeAccount = register(representative);
        Company company = company("沈阳窗口收件测试有限公司", representative, representativeAccount);
        Person agent = somebody("窗口经办");
        UUID agentAccount = register(agent);
        legalPersons.authorize(representativeAccount, company.id(),
                new LegalPersons.Grant(agent.phone(), Set.of("apply"), org.tongban.ChinaTime.today().plusDays(30)));
        SignedIn officer = CaseFixtures.officer("企业窗口", body, StaffRole.WINDOW_OFFICER);

        // The agent at the counter: the company is the applicant, the agent acts for it.
        WalkInFiling.Started started = walkIns.start(officer, start(agent, company.creditCode()),
                "walk-in-" + UUID.randomUUID());
        assertThat(started.registered()).isTrue();
        ApplicationView view = walkIns.view(officer, started.id()).application();
        assertThat(view.companyName()).isEqualTo(company.name());
        assertThat(view.companyCreditCode()).isEqualTo(company.creditCode());
        assertThat(view.applicantAccount()).isEqualTo(agentAccount);
        assertThat(jdbc.queryForObject("select company_account from cases_application where id = ?", UUID.class,
                started.id())).isEqualTo(company.id());
        Applications.Submitted submitted = fileAndSubmit(officer, started.id(), agent);
        assertThat(submitted.caseNumber()).startsWith(itemCode);
        assertThat(jdbc.queryForObject("select channel from cases_application where id = ?", String.class,
                started.id())).isEqualTo("HALL_WINDOW");
        assertThat(jdbc.queryForObject("select detail from platform_audit_event where action = 'WALK_IN_STARTED' "
                + "and target_id = ?", String.class, started.id().toString()))
                .contains(company.creditCode()).contains("as agent");

        // The legal representative needs no authorization.
        WalkInFiling.Started byRepresentative = walkIns.start(officer, start(representative, company.creditCode()),
                "walk-in-" + UUID.randomUUID());
        assertThat(walkIns.view(officer, byRepresentative.id()).application().companyName()).isEqualTo(company.name());
        fileAndSubmit(officer, byRepresentative.id(), representative);
        assertThat(jdbc.queryForObject("select detail from platform_audit_event where action = 'WALK_IN_STARTED' "
                + "and target_id = ?", String.class, byRepresentative.id().toString()))
                .contains("as legal representative");

        // The officer's page shows the company as the applicant and the person as its agent.
        Cookie counter = signIn("13800000003", DEMO_PASSWORD);
        UUID onPage = walkIns.start(officer, start(agent, company.creditCode()), "walk-in-" + UUID.randomUUID()).id();
        mvc.perform(get("/workbench/walk-ins/" + onPage).cookie(counter))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(company.name())))
                .andExpect(content().string(containsString("经办人（来人）")));
    }

    @Test
    void anybodyElseOrAnAgentOutsideTheScopeIsRefusedAndARevokedAgentCannotSubmit() throws Exception {
        Person representative = somebody("窗口法人乙");
        UUID representativeAccount = register(representative);
        Company company = company("沈阳窗口拒绝测试有限公司", representative, representativeAccount);
        Person stranger = somebody("窗口无关");
        register(stranger);
        Person narrow = somebody("窗口窄授权");
        register(narrow);
        legalPersons.authorize(representativeAccount, company.id(),
                new LegalPersons.Grant(narrow.phone(), Set.of("011070001000"), org.tongban.ChinaTime.today().plusDays(30)));
        Person agent = somebody("窗口将撤销");
        register(agent);
        AgentView grant = legalPersons.authorize(representativeAccount, company.id(),
                new LegalPersons.Grant(agent.phone(), Set.of(itemCode), org.tongban.ChinaTime.today().plusDays(30)));
        Person unregistered = somebody("窗口无账户");
        SignedIn officer = CaseFixtures.officer("企业窗口乙", body, StaffRole.WINDOW_OFFICER);

        assertThatThrownBy(() -> walkIns.start(officer, start(stranger, company.creditCode()), null))
                .isInstanceOfSatisfying(IncompleteApplicationException.class, e -> assertThat(fields(e))
                        .containsExactly("creditCode:cases.walk-in.company.not-authorized"));
        assertThatThrownBy(() -> walkIns.start(officer, start(narrow, company.creditCode()), null))
                .isInstanceOfSatisfying(IncompleteApplicationException.class, e -> assertThat(fields(e))
                        .containsExactly("creditCode:cases.walk-in.company.out-of-scope"));
        assertThatThrownBy(() -> walkIns.start(officer, start(unregistered, company.creditCode()), null))
                .isInstanceOfSatisfying(IncompleteApplicationException.class, e -> assertThat(fields(e))
                        .containsExactly("idNumber:cases.walk-in.company.agent-without-account"));
        assertThatThrownBy(() -> walkIns.start(officer, start(stranger, "91210112MA0TB0011X"), null))
                .isInstanceOfSatisfying(IncompleteApplicationException.class, e -> assertThat(fields(e))
                        .anyMatch(f -> f.startsWith("creditCode:")));
        // Nothing was filed for the refused ones.
        assertThat(jdbc.queryForObject("select count(*) from cases_application where company_account = ?",
                Integer.class, company.id())).isZero();

        // The page shows the refusal next to the credit code and keeps what was typed.
        Cookie counter = signIn("13800000003", DEMO_PASSWORD);
        mvc.perform(post("/workbench/walk-ins").with(csrf()).cookie(counter).param("itemCode", itemCode)
                        .param("name", stranger.name()).param("idNumber", stranger.id()).param("phone", stranger.phone())
                        .param("creditCode", company.creditCode()).param("startKey", "walk-in-" + UUID.randomUUID()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("不是该单位（" + company.creditCode() + "）的法定代表人")))
                .andExpect(content().string(containsString("value=\"" + company.creditCode() + "\"")));

        // An agent authorized for exactly this item starts; once revoked, the submission is refused.
        WalkInFiling.Started started = walkIns.start(officer, start(agent, company.creditCode()),
                "walk-in-" + UUID.randomUUID());
        legalPersons.revoke(representativeAccount, company.id(), grant.id());
        assertThatThrownBy(() -> fileAndSubmit(officer, started.id(), agent))
                .isInstanceOfSatisfying(CaseRefusedException.class, e -> assertThat(e.code())
                        .isEqualTo("cases.walk-in.company.no-longer-authorized"));
        assertThat(jdbc.queryForObject("select status from cases_application where id = ?", String.class,
                started.id())).isEqualTo("DRAFT");
    }

    private Cookie signIn(String identifier, String password) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", password))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }
}

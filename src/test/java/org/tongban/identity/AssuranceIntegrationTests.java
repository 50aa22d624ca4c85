package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.identity.AssuranceSupport.PASSWORD;
import static org.tongban.identity.AssuranceSupport.from;
import static org.tongban.identity.AssuranceSupport.latestCode;
import static org.tongban.identity.AssuranceSupport.newAddress;
import static org.tongban.identity.AssuranceSupport.newPerson;
import static org.tongban.identity.AssuranceSupport.register;
import static org.tongban.identity.AssuranceSupport.sessionPrincipal;
import static org.tongban.identity.AssuranceSupport.signIn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.AssuranceSupport.Person;
import org.tongban.identity.internal.PersonalDataCipher;

/** L2 with phone verification, the step-up page and its redirect, and L3 by a window officer only. */
@TongbanIntegrationTest
class AssuranceIntegrationTests {

    private static final String OFFICER = "13800000003";
    private static final String REVIEWER = "13800000004";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    InPersonVerification inPerson;

    private UUID accountOf(Person person) {
        return AssuranceSupport.accountColumn(jdbc, cipher, person.phone(), "id", UUID.class);
    }

    private int levelOf(Person person) {
        return AssuranceSupport.accountColumn(jdbc, cipher, person.phone(), "assurance_level", Integer.class);
    }

    @Test
    void levelTwoNeedsTheVerifiedPhoneThenReturnsToTheServiceWithTheNewLevelInTheSession() throws Exception {
        Person person = newPerson("冯实名");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        AssuranceSupport.addToPopulation(jdbc, cipher, person);
        Cookie session = signIn(mvc, person.phone(), PASSWORD, address);
        String service = "/catalog/items?q=%E8%90%A5%E4%B8%9A";

        mvc.perform(get("/account/assurance").cookie(session).param("needed", "2").param("continue", service))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("办理此事项需要实名等级 L2，您当前为 L1")))
                .andExpect(content().string(containsString("id=\"way-online\"")))
                .andExpect(content().string(containsString("id=\"way-hall\"")))
                .andExpect(content().string(containsString("id=\"way-certificate\"")));
        // ID and name match the population data, but the phone is not proven yet.
        mvc.perform(post("/account/assurance/online").with(csrf()).with(from(address)).cookie(session)
                        .param("needed", "2").param("continue", service))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请先通过短信验证码验证您的手机号码")));
        assertThat(levelOf(person)).isEqualTo(1);

        mvc.perform(post("/account/assurance/phone/code").with(csrf()).with(from(address)).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("验证码已发送至")));
        mvc.perform(post("/account/assurance/phone").with(csrf()).with(from(address)).cookie(session)
                        .param("code", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("6 位数字验证码")));
        mvc.perform(post("/account/assurance/phone").with(csrf()).with(from(address)).cookie(session)
                        .param("code", latestCode(jdbc, cipher, person.phone())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("手机号码验证成功")));
        mvc.perform(post("/account/assurance/online").with(csrf()).with(from(address)).cookie(session)
                        .param("needed", "2").param("continue", service))
                .andExpect(redirectedUrl(service));
        assertThat(levelOf(person)).isEqualTo(2);
        assertThat(sessionPrincipal(jdbc, session).assuranceLevel()).isEqualTo(2);
        assertThat(jdbc.queryForList("select method from identity_assurance_audit where account_id = ? order by id",
                String.class, accountOf(person))).containsExactly("PHONE", "POPULATION");
        // Reached: the step-up page sends the person straight back.
        mvc.perform(get("/account/assurance").cookie(session).param("needed", "2").param("continue", service))
                .andExpect(redirectedUrl(service));
    }

    @Test
    void theStepUpPageOnlyReturnsToPathsOnThisSite() throws Exception {
        for (String evil : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                "evil.example", " /account", "/ok\r\nSet-Cookie: x=y")) {
            assertThat(AssuranceLevels.safeContinue(evil)).as(evil).isEmpty();
        }
        assertThat(AssuranceLevels.safeContinue("/guide/1?lang=en#materials")).contains("/guide/1?lang=en#materials");
        assertThat(AssuranceLevels.safeContinue("/search?q=营业")).contains("/search?q=%E8%90%A5%E4%B8%9A");
        assertThat(AssuranceLevels.safeContinue("/search?q=%E8%90%A5")).contains("/search?q=%E8%90%A5");

        Person person = newPerson("褚跳转");
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        Cookie session = signIn(mvc, person.phone(), PASSWORD, newAddress());
        mvc.perform(get("/account/assurance").cookie(session).param("needed", "1").param("continue", "//evil.example"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("evil.example"))))
                .andExpect(content().string(containsString("您的实名等级已满足要求")));
        mvc.perform(get("/account/assurance").cookie(session).param("needed", "1").param("continue", "/search?q=a"))
                .andExpect(redirectedUrl("/search?q=a"));
        // Needing more than the person has: the page, never the service.
        mvc.perform(get("/account/assurance").cookie(session).param("needed", "4").param("continue", "/search"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"way-online\""))))
                .andExpect(content().string(containsString("id=\"way-certificate\"")));
        mvc.perform(get("/account/assurance").param("needed", "2"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aWindowOfficerRecordsAnInPersonCheckAndTheSessionPicksItUp() throws Exception {
        Person person = newPerson("卫大厅");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        Cookie personSession = signIn(mvc, person.phone(), PASSWORD, address);
        Cookie officer = signIn(mvc, OFFICER, DEMO_PASSWORD, address);

        mvc.perform(get("/workbench/identity/verify").cookie(officer)).andExpect(status().isOk());
        mvc.perform(post("/workbench/identity/verify/lookup").with(csrf()).cookie(officer)
                        .param("idType", "RESIDENT_ID").param("idNumber", "2101121988"))
                .andExpect(status().isBadRequest());
        String found = mvc.perform(post("/workbench/identity/verify/lookup").with(csrf()).cookie(officer)
                        .param("idType", "RESIDENT_ID").param("idNumber", person.idNumber().toLowerCase()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("卫大厅")))
                .andExpect(content().string(containsString(person.idNumber().substring(0, 4) + "**********")))
                .andReturn().getResponse().getContentAsString();
        var hall = Pattern.compile("<option value=\"([0-9a-f-]{36})\"").matcher(found);
        assertThat(hall.find()).as("a hall to choose").isTrue();

        mvc.perform(post("/workbench/identity/verify").with(csrf()).cookie(officer).param("idType", "RESIDENT_ID")
                        .param("idNumber", person.idNumber()).param("hall", UUID.randomUUID().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请选择您所在的大厅")));
        mvc.perform(post("/workbench/identity/verify").with(csrf()).cookie(officer).param("idType", "RESIDENT_ID")
                        .param("idNumber", person.idNumber()).param("hall", hall.group(1)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该账户实名等级为 L3")));
        assertThat(levelOf(person)).isEqualTo(3);
        Map<String, Object> audit = jdbc.queryForMap("select method, actor_id, details, from_level, to_level "
                + "from identity_assurance_audit where account_id = ?", accountOf(person));
        assertThat(audit).containsEntry("method", "IN_PERSON").containsEntry("from_level", 1)
                .containsEntry("to_level", 3);
        assertThat(audit.get("actor_id")).isEqualTo(jdbc.queryForObject("select id from identity_account where "
                + "phone_hash = ?", UUID.class, cipher.lookupHash("phone:" + OFFICER)));
        assertThat((String) audit.get("details")).contains("RESIDENT_ID").contains(hall.group(1));

        // The person's session learns the new level on the step-up page and goes on.
        assertThat(sessionPrincipal(jdbc, personSession).assuranceLevel()).isEqualTo(1);
        mvc.perform(get("/account/assurance").cookie(personSession).param("needed", "3").param("continue", "/account"))
                .andExpect(redirectedUrl("/account"));
        assertThat(sessionPrincipal(jdbc, personSession).assuranceLevel()).isEqualTo(3);
    }

    @Test
    void onlyWindowOfficersReachTheInPersonCheck() throws Exception {
        Person person = newPerson("蒋角色");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        for (StaffRole role : StaffRole.values()) {
            SignedIn staff = new SignedIn(UUID.randomUUID(), "测试", true, 3, Set.of(role), UUID.randomUUID(),
                    "210112", null);
            var auth = authentication(UsernamePasswordAuthenticationToken.authenticated(staff, null,
                    staff.authorities()));
            int expected = role == StaffRole.WINDOW_OFFICER ? 200 : 403;
            mvc.perform(get("/workbench/identity/verify").with(auth)).andExpect(status().is(expected));
            mvc.perform(post("/workbench/identity/verify").with(auth).with(csrf()).param("idType", "RESIDENT_ID")
                    .param("idNumber", person.idNumber()).param("hall", UUID.randomUUID().toString()))
                    .andExpect(status().is(role == StaffRole.WINDOW_OFFICER ? 400 : 403));
            if (role != StaffRole.WINDOW_OFFICER) {
                assertThatThrownBy(() -> inPerson.grant(staff, IdDocumentType.RESIDENT_ID, person.idNumber(),
                        UUID.randomUUID())).isInstanceOf(AccessDeniedException.class);
            }
        }
        SignedIn resident = new SignedIn(accountOf(person), person.name(), false, 1, Set.of(), null, null, null);
        mvc.perform(post("/workbench/identity/verify").with(csrf()).with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(resident, null, resident.authorities())))
                        .param("idType", "RESIDENT_ID").param("idNumber", person.idNumber()))
                .andExpect(status().isForbidden());
        assertThatThrownBy(() -> inPerson.grant(resident, IdDocumentType.RESIDENT_ID, person.idNumber(),
                UUID.randomUUID())).isInstanceOf(AccessDeniedException.class);
        mvc.perform(get("/workbench/identity/verify").accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/signin"));
        // A real reviewer's session: refused as well.
        Cookie reviewer = signIn(mvc, REVIEWER, DEMO_PASSWORD, address);
        mvc.perform(get("/workbench/identity/verify").cookie(reviewer)).andExpect(status().isForbidden());
        // An officer cannot raise their own account.
        Cookie officer = signIn(mvc, OFFICER, DEMO_PASSWORD, address);
        String own = org.tongban.shared.CitizenIdNumber.withCheckCharacter("21011219900303903").value();
        String page = mvc.perform(post("/workbench/identity/verify/lookup").with(csrf()).cookie(officer)
                .param("idType", "RESIDENT_ID").param("idNumber", own)).andReturn().getResponse().getContentAsString();
        var hall = Pattern.compile("<option value=\"([0-9a-f-]{36})\"").matcher(page);
        assertThat(hall.find()).isTrue();
        mvc.perform(post("/workbench/identity/verify").with(csrf()).cookie(officer).param("idType", "RESIDENT_ID")
                        .param("idNumber", own).param("hall", hall.group(1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("不能为自己的账户办理实人核验")));
        assertThat(levelOf(person)).isEqualTo(1);
    }
}

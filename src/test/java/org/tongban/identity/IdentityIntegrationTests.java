package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import jakarta.servlet.http.Cookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.CitizenIdNumber;

@TongbanIntegrationTest
class IdentityIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    @Autowired
    MockMvc mvc;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.tongban.identity.internal.PersonalDataCipher cipher;

    /** A fresh, valid resident ID number and phone for each registration, so tests do not share accounts. */
    private static String[] newPerson() {
        int n = SEQUENCE.incrementAndGet();
        String first17 = "21011219920715" + "%03d".formatted(n);
        for (char c : "0123456789X".toCharArray()) {
            if (CitizenIdNumber.isValid(first17 + c)) {
                return new String[] { first17 + c, "139%08d".formatted(n) };
            }
        }
        throw new IllegalStateException();
    }

    private MockHttpServletRequestBuilder register(String name, String id, String phone, String password) {
        return post("/register").with(csrf()).param("name", name).param("idType", "RESIDENT_ID")
                .param("idNumber", id).param("phone", phone).param("password", password)
                .param("passwordAgain", password);
    }

    private MockHttpServletRequestBuilder signIn(String identifier, String password) {
        return post("/signin").with(csrf()).param("identifier", identifier).param("password", password);
    }

    @Test
    void aPersonRegistersSignsInAndSeesOnlyMaskedIdentifiers() throws Exception {
        String[] person = newPerson();
        mvc.perform(register("李四", person[0], person[1], PASSWORD))
                .andExpect(redirectedUrl("/signin?registered"));
        Cookie session = mvc.perform(signIn(person[1], PASSWORD))
                .andExpect(redirectedUrl("/account"))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/account").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("李四")))
                .andExpect(content().string(containsString(person[0].substring(0, 4) + "**********" + person[0].substring(14))))
                .andExpect(content().string(containsString(person[1].substring(0, 3) + "****" + person[1].substring(7))))
                .andExpect(content().string(not(containsString(person[0]))))
                .andExpect(content().string(not(containsString(person[1]))));
        // Encrypted at rest: neither number appears in clear anywhere in the row.
        Map<String, Object> row = jdbc.queryForMap("select * from identity_account where name = '李四'");
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains(person[0]) || String.valueOf(v).contains(person[1]));
        // Argon2id with its parameters in the stored value (the test profile's cheap ones; production: m=7168,t=5).
        assertThat(String.valueOf(row.get("password_hash"))).startsWith("{argon2}$argon2id$v=19$m=64,t=1,p=1$");
        // The ID number works as the identifier too.
        mvc.perform(signIn(person[0].toLowerCase(), PASSWORD)).andExpect(redirectedUrl("/account"));
    }

    @Test
    void anOlderPasswordHashStillSignsInAndIsReplacedThen() throws Exception {
        String[] person = newPerson();
        mvc.perform(register("周六", person[0], person[1], PASSWORD)).andExpect(redirectedUrl("/signin?registered"));
        // As stored before Argon2id became the default: bcrypt.
        String bcrypt = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4)
                .encode(PASSWORD);
        jdbc.update("update identity_account set password_hash = ? where name = '周六'", bcrypt);

        // A wrong password changes nothing.
        mvc.perform(signIn(person[1], PASSWORD + "x")).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("select password_hash from identity_account where name = '周六'", String.class))
                .isEqualTo(bcrypt);

        mvc.perform(signIn(person[1], PASSWORD)).andExpect(redirectedUrl("/account"));
        String rehashed = jdbc.queryForObject("select password_hash from identity_account where name = '周六'",
                String.class);
        assertThat(rehashed).startsWith("{argon2}$argon2id$");
        mvc.perform(signIn(person[1], PASSWORD)).andExpect(redirectedUrl("/account"));
        assertThat(jdbc.queryForObject("select password_hash from identity_account where name = '周六'", String.class))
                .as("a current hash is kept").isEqualTo(rehashed);
    }

    @Test
    void badInputIsExplainedAndKeptExceptThePassword() throws Exception {
        String[] person = newPerson();
        String wrongCheck = person[0].substring(0, 17) + (person[0].endsWith("0") ? "1" : "0");
        mvc.perform(register("王五", wrongCheck, person[1], PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("校验码不正确")))
                .andExpect(content().string(containsString("value=\"王五\"")))
                .andExpect(content().string(containsString("value=\"" + person[1] + "\"")))
                .andExpect(content().string(not(containsString(PASSWORD))));
        mvc.perform(register("王五", person[0], person[1], "password12345"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("过于常见")));
        mvc.perform(register("王五", person[0], "12345", PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("11 位手机号码")));
    }

    @Test
    void oneDocumentOnePhoneOneAccount() throws Exception {
        String[] person = newPerson();
        String[] other = newPerson();
        mvc.perform(register("赵六", person[0], person[1], PASSWORD)).andExpect(status().is3xxRedirection());
        mvc.perform(register("赵六", person[0], other[1], PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("该证件号码已注册")));
        mvc.perform(register("钱七", other[0], person[1], PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("该手机号码已注册")));
    }

    @Test
    void formsWithoutACsrfTokenAreRefused() throws Exception {
        String[] person = newPerson();
        mvc.perform(post("/register").param("name", "孙八").param("idType", "RESIDENT_ID")
                        .param("idNumber", person[0]).param("phone", person[1]).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/signin").param("identifier", person[1]).param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    /** Signs in over real HTTP (the failure page is a forward, which MockMvc does not follow). */
    private java.net.http.HttpResponse<String> signInOverHttp(String identifier, String password) throws Exception {
        var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + port;
        String form = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/signin")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        String body = "identifier=" + java.net.URLEncoder.encode(identifier, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + token.group(1);
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApiCallCarryingTheSessionNeedsTheCsrfTokenLikeAForm() throws Exception {
        Cookie session = mvc.perform(signIn("13800000010", "Tongban#Demo2026")).andReturn().getResponse()
                .getCookie("SESSION");
        String body = "{\"kind\":\"division-code\",\"value\":\"210112\"}";
        mvc.perform(post("/api/v1/identifiers/check").cookie(session)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/identifiers/check").cookie(session).with(csrf())
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/identifiers/check")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    @Test
    void wrongPasswordsAndUnknownAccountsGetTheSameAnswerAndRepeatedFailuresLock() throws Exception {
        String[] person = newPerson();
        mvc.perform(register("周九", person[0], person[1], PASSWORD)).andExpect(status().is3xxRedirection());
        var wrongPassword = signInOverHttp(person[1], "Wrong#password1");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("账号或密码不正确").contains("value=\"" + person[1] + "\"")
                .doesNotContain("Wrong#password1");
        var unknown = signInOverHttp("13999999999", "Wrong#password1");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(errorOf(unknown.body())).isEqualTo(errorOf(wrongPassword.body()));
        for (int i = 0; i < 4; i++) {
            assertThat(signInOverHttp(person[1], "Wrong#password1").statusCode()).isEqualTo(401);
        }
        // Five failures: locked, even with the right password now.
        var locked = signInOverHttp(person[1], PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("分钟后再试");
    }

    private static String errorOf(String page) {
        var error = java.util.regex.Pattern.compile("id=\"signin-error\"[^>]*>([^<]*)<").matcher(page);
        assertThat(error.find()).isTrue();
        return error.group(1);
    }

    @Test
    void ownPagesNeedASignIn() throws Exception {
        mvc.perform(get("/account").accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/signin"));
    }

    @Test
    void staffAreasDenyEveryRoleThatLacksThem() throws Exception {
        Map<String, Set<StaffRole>> allowed = Map.of(
                // The acceptance workbench (cases module) is for window officers only.
                "/workbench/cases", EnumSet.of(StaffRole.WINDOW_OFFICER),
                "/admin/catalog/no-such-page", EnumSet.of(StaffRole.CATALOG_ADMIN),
                "/admin/clients", EnumSet.of(StaffRole.SYSTEM_ADMIN));
        for (var entry : allowed.entrySet()) {
            for (StaffRole role : StaffRole.values()) {
                SignedIn staff = new SignedIn(UUID.randomUUID(), "测试", true, 3, Set.of(role), UUID.randomUUID(),
                        "210112", null);
                boolean admitted = entry.getValue().contains(role);
                mvc.perform(get(entry.getKey()).with(authentication(
                                UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.authorities()))))
                        // admitted: the page (or 404 for a page not built yet), never a refusal
                        .andExpect(result -> assertThat(result.getResponse().getStatus() == 403).isEqualTo(!admitted));
            }
            SignedIn person = new SignedIn(UUID.randomUUID(), "居民", false, 2, Set.of(), null, null, null);
            mvc.perform(get(entry.getKey()).with(authentication(
                            UsernamePasswordAuthenticationToken.authenticated(person, null, person.authorities()))))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void demoStaffSignInWithTheirRoles() throws Exception {
        Cookie session = mvc.perform(signIn("13800000002", "Tongban#Demo2026"))
                .andExpect(redirectedUrl("/workbench"))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/account").cookie(session))
                .andExpect(content().string(containsString("事项目录管理员")));
    }

    @Test
    void aResidentInThePopulationDataReachesLevelTwoAndOthersAreToldToVisitAHall() throws Exception {
        Cookie zhang = mvc.perform(signIn("13800000010", "Tongban#Demo2026"))
                .andReturn().getResponse().getCookie("SESSION");
        verifyPhone(zhang, "13800000010");
        mvc.perform(post("/account/verification").with(csrf()).cookie(zhang))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("L2 实名核验")))
                .andExpect(content().string(containsString("实名核验已通过")));
        String[] person = newPerson();
        mvc.perform(register("郑十一", person[0], person[1], PASSWORD)).andExpect(status().is3xxRedirection());
        Cookie stranger = mvc.perform(signIn(person[1], PASSWORD)).andReturn().getResponse().getCookie("SESSION");
        // Without a verified phone, no check against the population data is even tried.
        mvc.perform(post("/account/verification").with(csrf()).cookie(stranger))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请先通过短信验证码验证")));
        verifyPhone(stranger, person[1]);
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/account/verification").with(csrf()).cookie(stranger).param("socialSecurityCard", "X" + i))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("核验未通过")))
                    .andExpect(content().string(containsString("value=\"X" + i + "\"")));
        }
        mvc.perform(post("/account/verification").with(csrf()).cookie(stranger))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("今天的核验次数已用完")));
    }

    /** Proves the account's phone with a code from the development inbox (L2 needs it). */
    private void verifyPhone(Cookie session, String phone) throws Exception {
        mvc.perform(post("/account/assurance/phone/code").with(csrf()).cookie(session)).andExpect(status().isOk());
        mvc.perform(post("/account/assurance/phone").with(csrf()).cookie(session)
                        .param("code", AssuranceSupport.latestCode(jdbc, cipher, phone)))
                .andExpect(status().isOk());
    }

    @Test
    void signingOutEverywhereEndsEverySession() throws Exception {
        String[] person = newPerson();
        mvc.perform(register("吴十", person[0], person[1], PASSWORD)).andExpect(status().is3xxRedirection());
        List<Cookie> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sessions.add(mvc.perform(signIn(person[1], PASSWORD)).andReturn().getResponse().getCookie("SESSION"));
        }
        mvc.perform(get("/account").cookie(sessions.get(1))).andExpect(status().isOk());
        mvc.perform(post("/account/sessions/end-all").with(csrf()).cookie(sessions.get(0)))
                .andExpect(redirectedUrl("/signin?endedAll"));
        for (Cookie ended : sessions) {
            mvc.perform(get("/account").cookie(ended).accept(org.springframework.http.MediaType.TEXT_HTML))
                    .andExpect(redirectedUrl("/signin"));
        }
    }
}

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;

/** Staff never register: administrators create them within their scope; every staff page checks the role. */
@TongbanIntegrationTest
class StaffAdministrationIntegrationTests {

    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(600);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    Organization organization;
    @Autowired
    StaffAdministration administration;

    private Cookie signIn(String identifier, String password) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).param("identifier", identifier).param("password", password))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
    }

    private BodySummary body(String division, BodyCategory category) {
        return organization.bodies(DivisionCode.of(division), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == category).findFirst().orElseThrow();
    }

    private UUID accountByPhone(String phone) {
        return jdbc.queryForObject("select id from identity_account where phone_hash = ?", UUID.class,
                cipher.lookupHash("phone:" + phone));
    }

    private static String[] newStaffIdentity() {
        int n = SEQUENCE.incrementAndGet();
        return new String[] { CitizenIdNumber.withCheckCharacter("21010319870909" + "%03d".formatted(n)).value(),
                "136%08d".formatted(n) };
    }

    private MockHttpServletRequestBuilder create(Cookie admin, String name, String id, String phone, UUID body,
            String... roles) {
        return post("/admin/staff").with(csrf()).cookie(admin).param("name", name).param("idNumber", id)
                .param("phone", phone).param("bodyId", body == null ? "" : body.toString()).param("roles", roles)
                .param("dataScope", "BODY").param("action", "create");
    }

    /** The demo province administrator, with the given roles instead of their own. */
    private UsernamePasswordAuthenticationToken demoAdminWith(Set<StaffRole> roles) {
        UUID id = accountByPhone("13800000001");
        var assignment = jdbc.queryForMap("select body_id, division_code from identity_staff_assignment where account_id = ?", id);
        SignedIn staff = new SignedIn(id, "测试", true, 2, roles, (UUID) assignment.get("body_id"),
                (String) assignment.get("division_code"), null);
        return UsernamePasswordAuthenticationToken.authenticated(staff, null, staff.authorities());
    }

    @Test
    void systemAdministratorsKeepStaffThroughTheApiToo() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        String[] who = newStaffIdentity();
        UUID body = body("210112", BodyCategory.MARKET_REGULATION).id();
        String wrongId = who[0].substring(0, 17) + (who[0].endsWith("0") ? "1" : "0");
        mvc.perform(post("/api/v1/identity/staff").with(csrf()).cookie(admin)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"接口窗口\",\"idNumber\":\"" + wrongId + "\",\"phone\":\"" + who[1]
                                + "\",\"bodyId\":\"" + body + "\",\"roles\":[\"WINDOW_OFFICER\"],\"dataScope\":\"BODY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.field")
                        .value("idNumber"));
        String created = mvc.perform(post("/api/v1/identity/staff").with(csrf()).cookie(admin)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"接口窗口\",\"idNumber\":\"" + who[0] + "\",\"phone\":\"" + who[1]
                                + "\",\"bodyId\":\"" + body + "\",\"roles\":[\"WINDOW_OFFICER\"],\"dataScope\":\"BODY\"}"))
                .andExpect(status().isCreated())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        String id = com.jayway.jsonpath.JsonPath.read(created, "$.accountId");
        assertThat((String) com.jayway.jsonpath.JsonPath.read(created, "$.initialPassword")).hasSizeGreaterThan(8);
        mvc.perform(get("/api/v1/identity/staff").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString(id),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(who[0])))));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/v1/identity/staff/" + id + "/assignment").with(csrf()).cookie(admin)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"WINDOW_OFFICER\",\"REVIEWER\"],\"dataScope\":\"BODY\"}"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("REVIEWER")));
        mvc.perform(post("/api/v1/identity/staff/" + id + "/deactivation").with(csrf()).cookie(admin))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select status from identity_account where id = ?::uuid", String.class, id))
                .isNotEqualTo("ACTIVE");
        // Without the CSRF token an API call that carries the session is refused.
        mvc.perform(post("/api/v1/identity/staff/" + id + "/deactivation").cookie(admin))
                .andExpect(status().isForbidden());
    }

    @Test
    void everyStaffEndpointDeniesTheRolesThatLackIt() throws Exception {
        UUID someStaff = accountByPhone("13800000003");
        record Endpoint(String label, java.util.function.Supplier<MockHttpServletRequestBuilder> request,
                Set<StaffRole> allowed) {
        }
        var endpoints = java.util.List.of(
                new Endpoint("GET /workbench", () -> get("/workbench"), EnumSet.allOf(StaffRole.class)),
                new Endpoint("GET /admin/staff", () -> get("/admin/staff"), EnumSet.of(StaffRole.SYSTEM_ADMIN)),
                new Endpoint("GET /admin/staff/bodies", () -> get("/admin/staff/bodies").param("bodyQuery", "浑南"),
                        EnumSet.of(StaffRole.SYSTEM_ADMIN)),
                new Endpoint("GET /admin/staff/{id}", () -> get("/admin/staff/" + someStaff),
                        EnumSet.of(StaffRole.SYSTEM_ADMIN)),
                new Endpoint("POST /admin/staff", () -> post("/admin/staff").with(csrf()).param("action", "search"),
                        EnumSet.of(StaffRole.SYSTEM_ADMIN)),
                new Endpoint("GET /api/v1/identity/staff", () -> get("/api/v1/identity/staff"),
                        EnumSet.of(StaffRole.SYSTEM_ADMIN)),
                new Endpoint("GET /api/v1/identity/staff/{id}", () -> get("/api/v1/identity/staff/" + someStaff),
                        EnumSet.of(StaffRole.SYSTEM_ADMIN)));
        for (Endpoint endpoint : endpoints) {
            for (StaffRole role : StaffRole.values()) {
                int expected = endpoint.allowed().contains(role) ? 200 : 403;
                assertThat(mvc.perform(endpoint.request().get().with(authentication(demoAdminWith(Set.of(role)))))
                        .andReturn().getResponse().getStatus())
                        .as(role + " on " + endpoint.label()).isEqualTo(expected);
            }
            SignedIn person = new SignedIn(UUID.randomUUID(), "居民", false, 2, Set.of(), null, null, null);
            mvc.perform(endpoint.request().get().with(authentication(
                            UsernamePasswordAuthenticationToken.authenticated(person, null, person.authorities()))))
                    .andExpect(status().isForbidden());
        }
        // Changing and deactivating: denied before anything is touched.
        for (StaffRole role : EnumSet.complementOf(EnumSet.of(StaffRole.SYSTEM_ADMIN))) {
            mvc.perform(post("/admin/staff/" + someStaff + "/deactivate").with(csrf())
                            .with(authentication(demoAdminWith(Set.of(role)))))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/staff/" + someStaff).with(csrf()).param("roles", "SYSTEM_ADMIN")
                            .param("dataScope", "DIVISION").with(authentication(demoAdminWith(Set.of(role)))))
                    .andExpect(status().isForbidden());
        }
        assertThat(jdbc.queryForObject("select roles from identity_staff_assignment where account_id = ?", String.class,
                someStaff)).isEqualTo("WINDOW_OFFICER");
        mvc.perform(get("/admin/staff").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/signin"));
    }

    @Test
    void anAdministratorCreatesStaffWhoMustReplaceTheOneTimePasswordAndThenReachTheWorkbench() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        BodySummary body = body("210112", BodyCategory.MARKET_REGULATION);
        String[] identity = newStaffIdentity();
        String page = mvc.perform(create(admin, "杜受理", identity[0], identity[1], body.id(), "WINDOW_OFFICER",
                        "REVIEWER"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("已创建 杜受理 的账号")))
                .andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("id=\"initial-password\"[^>]*>([^<]+)<").matcher(page);
        assertThat(matcher.find()).isTrue();
        String initial = matcher.group(1);
        UUID created = accountByPhone(identity[1]);
        assertThat(jdbc.queryForObject("select kind from identity_account where id = ?", String.class, created))
                .isEqualTo("STAFF");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event "
                + "where module = 'identity' and action = 'STAFF_CREATED' "
                + "and target_id = ?", Integer.class, created.toString())).isEqualTo(1);
        assertThat(page).doesNotContain(identity[0]);

        Cookie staff = signIn(identity[1], initial);
        mvc.perform(get("/workbench").cookie(staff)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account").cookie(staff)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").cookie(staff)).andExpect(status().isOk())
                .andExpect(content().string(containsString("首次登录")));
        mvc.perform(post("/account/password").with(csrf()).cookie(staff).param("current", initial)
                        .param("password", initial).param("passwordAgain", initial))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/account/password").with(csrf()).cookie(staff).param("current", initial)
                        .param("password", "Hunnan#Window26").param("passwordAgain", "Hunnan#Window26"))
                .andExpect(redirectedUrl("/workbench?passwordChanged"));
        mvc.perform(get("/workbench").cookie(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(body.name())))
                .andExpect(content().string(containsString("辽宁省沈阳市浑南区")))
                .andExpect(content().string(containsString("窗口人员")))
                .andExpect(content().string(containsString("审查人员")))
                .andExpect(content().string(not(containsString("工作人员账号"))));
        // The one-time password no longer works; the new one leads staff straight to the workbench.
        mvc.perform(post("/signin").with(csrf()).param("identifier", identity[1]).param("password", "Hunnan#Window26"))
                .andExpect(redirectedUrl("/workbench"));
    }

    @Test
    void badStaffInputIsExplainedAndKeptAndNothingIsCreated() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        BodySummary body = body("210112", BodyCategory.MARKET_REGULATION);
        String[] identity = newStaffIdentity();
        String wrongCheck = identity[0].substring(0, 17) + (identity[0].endsWith("0") ? "1" : "0");
        mvc.perform(create(admin, "钟错误", wrongCheck, identity[1], body.id(), "APPROVER"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("校验码不正确")))
                .andExpect(content().string(containsString("value=\"钟错误\"")))
                .andExpect(content().string(containsString("value=\"" + identity[1] + "\"")));
        mvc.perform(create(admin, "钟错误", identity[0], identity[1], body.id()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请至少选择一个角色")));
        mvc.perform(create(admin, "钟错误", identity[0], identity[1], null, "APPROVER"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请选择所属单位")));
        mvc.perform(create(admin, "钟错误", identity[0], "13800000010", body.id(), "APPROVER"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("该手机号码已注册")));
        mvc.perform(post("/admin/staff").cookie(admin).param("name", "钟错误").param("idNumber", identity[0])
                        .param("phone", identity[1]).param("bodyId", body.id().toString()).param("roles", "APPROVER")
                        .param("dataScope", "BODY"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from identity_account where phone_hash = ?", Integer.class,
                cipher.lookupHash("phone:" + identity[1]))).isZero();
    }

    @Test
    void administratorsManageOnlyTheBodiesWithinTheirDataScope() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        BodySummary hunnan = body("210112", BodyCategory.MARKET_REGULATION);
        BodySummary heping = body("210102", BodyCategory.MARKET_REGULATION);
        String[] identity = newStaffIdentity();
        String page = mvc.perform(post("/admin/staff").with(csrf()).cookie(admin).param("name", "欧本单位")
                        .param("idNumber", identity[0]).param("phone", identity[1])
                        .param("bodyId", hunnan.id().toString()).param("roles", "SYSTEM_ADMIN")
                        .param("dataScope", "BODY").param("action", "create"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("id=\"initial-password\"[^>]*>([^<]+)<").matcher(page);
        assertThat(matcher.find()).isTrue();
        UUID bodyAdminId = accountByPhone(identity[1]);
        SignedIn bodyAdmin = new SignedIn(bodyAdminId, "欧本单位", true, 1, Set.of(StaffRole.SYSTEM_ADMIN), hunnan.id(),
                hunnan.divisionCode(), null);
        String[] other = newStaffIdentity();
        assertThatThrownBy(() -> administration.create(bodyAdmin, new StaffAdministration.StaffForm("越权", other[0],
                other[1], heping.id(), Set.of(StaffRole.APPROVER), StaffAdministration.DataScope.BODY)))
                .isInstanceOf(NotPermittedException.class);
        assertThat(administration.staff(bodyAdmin)).allMatch(m -> m.bodyId().equals(hunnan.id()))
                .anyMatch(m -> m.id().equals(bodyAdminId));
        assertThat(administration.bodies(bodyAdmin, "和平")).extracting(BodySummary::id).containsExactly(hunnan.id());
        UUID provinceAdmin = accountByPhone("13800000001");
        assertThatThrownBy(() -> administration.member(bodyAdmin, provinceAdmin))
                .isInstanceOf(NotPermittedException.class);
    }

    @Test
    void changingRolesOrDeactivatingEndsTheMembersSessionsAtOnce() throws Exception {
        Cookie admin = signIn("13800000001", DEMO_PASSWORD);
        BodySummary body = body("210112", BodyCategory.MARKET_REGULATION);
        String[] identity = newStaffIdentity();
        String page = mvc.perform(create(admin, "聂审批", identity[0], identity[1], body.id(), "APPROVER"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("id=\"initial-password\"[^>]*>([^<]+)<").matcher(page);
        assertThat(matcher.find()).isTrue();
        UUID member = accountByPhone(identity[1]);
        Cookie staff = signIn(identity[1], matcher.group(1));
        mvc.perform(post("/account/password").with(csrf()).cookie(staff).param("current", matcher.group(1))
                .param("password", "Hunnan#Approve26").param("passwordAgain", "Hunnan#Approve26"));
        mvc.perform(get("/workbench").cookie(staff)).andExpect(content().string(containsString("审批人员")));

        mvc.perform(post("/admin/staff/" + member).with(csrf()).cookie(admin).param("roles", "APPROVER", "SUPERVISOR")
                        .param("dataScope", "DIVISION"))
                .andExpect(redirectedUrl("/admin/staff/" + member + "?saved"));
        mvc.perform(get("/workbench").cookie(staff).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/signin"));
        staff = signIn(identity[1], "Hunnan#Approve26");
        mvc.perform(get("/workbench").cookie(staff)).andExpect(content().string(containsString("监察人员")));

        mvc.perform(post("/admin/staff/" + member + "/deactivate").with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/staff/" + member + "?deactivated"));
        mvc.perform(get("/workbench").cookie(staff).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/signin"));
        mvc.perform(post("/signin").with(csrf()).param("identifier", identity[1]).param("password", "Hunnan#Approve26"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/staff/" + member).cookie(admin)).andExpect(content().string(containsString("已停用")));
        assertThat(jdbc.queryForList("select action from platform_audit_event "
                + "where module = 'identity' and target_type = 'account' and target_id = ? "
                + "order by id", String.class, member.toString())).containsExactly("STAFF_CREATED", "PASSWORD_CHANGED",
                        "STAFF_CHANGED", "STAFF_DEACTIVATED");
        // Nobody locks themself out.
        UUID self = accountByPhone("13800000001");
        mvc.perform(post("/admin/staff/" + self + "/deactivate").with(csrf()).cookie(admin))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/staff/" + self).with(csrf()).cookie(admin).param("roles", "CATALOG_ADMIN")
                        .param("dataScope", "DIVISION"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("不能取消自己的系统管理员角色")));
    }
}

package org.tongban.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Companies and staff in a real browser (Debian's Chromium, headless, a 375 px phone): a legal representative
 * registers, verifies, claims the company and authorizes an agent, who then acts for it; an administrator creates a
 * staff account whose holder signs in to the workbench.
 */
@TongbanIntegrationTest
class CompanyAgentBrowserTests extends org.tongban.BrowserTest {

    private static final String PASSWORD = "Shenyang#2026go";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    org.tongban.identity.sso.ClientSystems clientSystems;
    @Autowired
    org.tongban.organization.Organization organization;

    static org.springframework.context.ConfigurableApplicationContext clientSystem;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Someone the population register knows (as the demo population data would), registering on their phone. */
    private void registerAndVerify(Page page, String name, String id, String phone) {
        jdbc.update("insert into identity_population (id_number_hash, name, phone_hash, sample) values (?, ?, ?, false)",
                cipher.lookupHash("RESIDENT_ID:" + id), name, cipher.lookupHash("phone:" + phone));
        page.navigate(url("/register"));
        page.getByLabel("姓名").fill(name);
        page.getByLabel("证件号码").fill(id);
        page.getByLabel("手机号码").fill(phone);
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByLabel("再次输入密码").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("注册")).click();
        signIn(page, phone, PASSWORD);
        assertThat(page.locator("h1")).hasText("我的账户");
        // L2 needs the phone proven by a code (from the development inbox) and the population check.
        page.navigate(url("/account/assurance?needed=2&continue=/account"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                java.util.regex.Pattern.compile("发送验证码"))).click();
        page.getByLabel("短信验证码").fill(AssuranceSupport.latestCode(jdbc, cipher, phone));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("验证手机号码")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始核验")).click();
        assertThat(page.locator("main")).containsText("L2 实名核验");
    }

    private void signIn(Page page, String identifier, String password) {
        if (!page.url().contains("/signin")) {
            page.navigate(url("/signin"));
        }
        page.getByLabel("手机号码或证件号码").fill(identifier);
        page.getByLabel("密码").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
    }

    private static void fitsThePhone(Page page) {
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375);
    }

    private static void screenshot(Page page, String name) throws Exception {
        Path screenshots = Paths.get("target", "screenshots");
        Files.createDirectories(screenshots);
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name)).setFullPage(true));
    }

    @Test
    void aLegalRepresentativeAuthorizesAnAgentWhoThenActsForTheCompany() throws Exception {
        String representativeId = CitizenIdNumber.withCheckCharacter("21010419760412801").value();
        String agentId = CitizenIdNumber.withCheckCharacter("21010419880523802").value();
        String creditCode = UnifiedSocialCreditCode.withCheckCharacter("91210104"
                + UnifiedSocialCreditCode.organizationCodeWithCheck("MB0WEB01")).value();
        jdbc.update("insert into identity_enterprise_register (credit_code, name, legal_rep_name, "
                + "legal_rep_id_number_hash, sample) values (?, ?, ?, ?, false)", creditCode, "沈阳浏览器测试有限公司",
                "贾法人", cipher.lookupHash("RESIDENT_ID:" + representativeId));

        Page agent = phone();
        registerAndVerify(agent, "甄经办", agentId, "13512340802");

        Page representative = phone();
        registerAndVerify(representative, "贾法人", representativeId, "13512340801");
        representative.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("法人办事与经办人授权")).click();
        representative.getByLabel("统一社会信用代码").fill(creditCode.toLowerCase());
        representative.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("认领法人")).click();
        assertThat(representative.locator("h1")).hasText("沈阳浏览器测试有限公司");
        assertThat(representative.locator("main")).containsText("认领成功");
        representative.getByLabel("经办人的手机号码或身份证号码").fill("13512340802");
        representative.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("授权").setExact(true)).click();
        assertThat(representative.locator("#agents")).containsText("甄经办");
        assertThat(representative.locator("#agents")).containsText("135****0802");
        assertThat(representative.locator("#agents")).containsText("全部事项");
        fitsThePhone(representative);
        screenshot(representative, "company-agents-phone.png");

        agent.navigate(url("/account/companies"));
        agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("代表“沈阳浏览器测试有限公司”办事")).click();
        assertThat(agent.locator("#acting-now")).containsText("您正代表“沈阳浏览器测试有限公司”");
        assertThat(agent.locator("#acting-for-badge")).hasText("代表：沈阳浏览器测试有限公司");
        assertThat(agent.locator("#acting-for-badge")).isInViewport();
        fitsThePhone(agent);
        screenshot(agent, "acting-for-company-phone.png");

        // Acting for the company, the agent enters a (third-party) client system: no second sign-in, one consent,
        // and the system learns whom the agent acts for.
        String platform = url("");
        String clientSystemBody = organization.bodies(org.tongban.shared.DivisionCode.of("210104"), false, 0, 50)
                .getContent().stream().filter(b -> b.category() == org.tongban.organization.BodyCategory.MARKET_REGULATION)
                .findFirst().orElseThrow().creditCode();
        clientSystem = relyingparty.RelyingParty.startRegistered("RPC", "browser-test-rp", platform, clientSystems,
                clientSystemBody, true);
        agent.navigate("http://localhost:" + relyingparty.RelyingParty.port(clientSystem) + "/");
        assertThat(agent.locator("h1")).hasText("第三方应用授权");
        assertThat(agent.locator("main")).containsText("测试系统 RPC");
        fitsThePhone(agent);
        agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("同意并继续")).click();
        assertThat(agent.locator("body")).containsText("type=legal_person_agent");
        assertThat(agent.locator("body")).containsText("company=" + creditCode);
        assertThat(agent.locator("body")).containsText("name=甄经办");
        agent.navigate(url("/account/companies"));

        representative.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("撤销 甄经办 的授权")).click();
        assertThat(representative.locator("#agents")).containsText("已撤销");
        agent.reload();
        assertThat(agent.locator("main")).containsText("已被撤销或已过期");
        assertThat(agent.locator("#acting-now")).containsText("您正以个人身份");
        assertThat(agent.locator("#acting-for-badge")).hasCount(0);
        agent.context().close();
        representative.context().close();
    }

    @Test
    void anAdministratorCreatesAStaffAccountWhoseHolderSignsInToTheWorkbench() throws Exception {
        Page admin = phone();
        signIn(admin, "13800000001", "Tongban#Demo2026");
        assertThat(admin.locator("h1")).hasText("工作台");
        assertThat(admin.locator("#workbench-roles")).hasText("系统管理员");
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("工作人员账号")).click();
        admin.getByLabel("姓名").fill("龚窗口");
        admin.getByLabel("居民身份证号码").fill(CitizenIdNumber.withCheckCharacter("21011219910101803").value());
        admin.getByLabel("手机号码").fill("13512340803");
        admin.getByLabel("查找所属单位").pressSequentially("浑南区市场",
                new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(40));
        admin.getByLabel("沈阳市浑南区市场监督管理局", new Page.GetByLabelOptions().setExact(false)).first().check();
        admin.getByLabel("窗口人员").check();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("创建账号")).click();
        assertThat(admin.locator("#created")).containsText("已创建 龚窗口 的账号");
        String initial = admin.locator("#initial-password").textContent().strip();
        assertThat(admin.locator("#members")).containsText("龚窗口");
        fitsThePhone(admin);
        screenshot(admin, "staff-admin-phone.png");

        Page staff = phone();
        signIn(staff, "13512340803", initial);
        assertThat(staff.locator("h1")).hasText("修改密码");
        staff.getByLabel("当前密码").fill(initial);
        staff.getByLabel("新密码").fill("Hunnan#Window26");
        staff.getByLabel("再次输入密码").fill("Hunnan#Window26");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("修改密码")).click();
        assertThat(staff.locator("h1")).hasText("工作台");
        assertThat(staff.locator("#workbench-body")).containsText("浑南区市场监督管理局");
        assertThat(staff.locator("#workbench-division")).hasText("辽宁省沈阳市浑南区");
        assertThat(staff.locator("#workbench-roles")).hasText("窗口人员");
        fitsThePhone(staff);
        admin.context().close();
        staff.context().close();
    }
}

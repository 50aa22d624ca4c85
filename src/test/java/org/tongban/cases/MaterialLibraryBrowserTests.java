package org.tongban.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.shared.CitizenIdNumber;

/** On a phone: a file kept in 我的材料 is picked for a new application, and two images are put in order. */
@TongbanIntegrationTest
class MaterialLibraryBrowserTests extends org.tongban.BrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;

    @Test
    void aResidentReusesAKeptFileAndOrdersTwoImagesOnAPhone() throws Exception {
        String id = CitizenIdNumber.withCheckCharacter("21011419730303901").value();
        String phoneNumber = "13340000901";
        String password = "Liaoning#2026ok";
        mvc.perform(post("/register").with(csrf()).param("name", "材料库浏览").param("idType", "RESIDENT_ID")
                        .param("idNumber", id).param("phone", phoneNumber).param("password", password)
                        .param("passwordAgain", password))
                .andExpect(status().is3xxRedirection());
        String item = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070003000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        int level = jdbc.queryForObject("select assurance_level from catalog_implementation_item where code = ? "
                + "and status = 'PUBLISHED'", Integer.class, item);
        UUID account = jdbc.queryForObject("select id from identity_account where name = '材料库浏览'", UUID.class);
        jdbc.update("update identity_account set assurance_level = ? where id = ?", level, account);
        SignedIn who = new SignedIn(account, "材料库浏览", false, level, Set.of(), null, null, null);
        // An earlier application, filed: its files are in the library.
        UUID earlier = applications.start(who, ImplementationCode.of(item), "browser-" + UUID.randomUUID());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("applicant.name", "材料库浏览");
        values.put("applicant.phone", phoneNumber);
        values.put("business.form", "PERSONAL");
        values.put("business.operatorId", id);
        values.put("business.scope", "日用百货零售");
        values.put("business.capital", "50000.00");
        values.put("business.address.division", "210112");
        values.put("business.address.detail", "智慧四街 1 号");
        applications.save(who, earlier, values);
        applications.upload(who, earlier, 0, "旧申请书.pdf", Samples.pdf());
        applications.upload(who, earlier, 1, "身份证.jpg", Samples.jpeg());
        applications.upload(who, earlier, 2, "场所证明.png", Samples.png());
        applications.submit(who, earlier, "submit-" + UUID.randomUUID(), Channel.WEB);
        UUID draft = applications.start(who, ImplementationCode.of(item), "browser-" + UUID.randomUUID());

        Page resident = phone();
        signIn(resident, "http://localhost:" + port, phoneNumber, password);
        resident.navigate("http://localhost:" + port + "/account/cases");
        resident.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我的材料")).click();
        assertThat(resident.locator("#library")).containsText("旧申请书.pdf");

        // The draft's first material offers the kept file of the same material; picking it attaches it.
        resident.navigate("http://localhost:" + port + "/account/cases/" + draft + "/edit");
        assertThat(resident.locator("#library-0")).containsText("旧申请书.pdf");
        // The file kept for the same material comes first, selected.
        assertThat(resident.locator("#library-0")).hasValue(Pattern.compile("[0-9a-f-]{36}"));
        resident.locator("#material-0 form.library-reuse button").click();
        assertThat(resident.locator("#material-0")).containsText("旧申请书.pdf");

        // Two images for the ID card, then the second moved up with the keyboard alone.
        resident.locator("#file-1").setInputFiles(new FilePayload("反面.jpg", "image/jpeg", Samples.jpeg()));
        resident.locator("#material-1 form.upload button").first().click();
        resident.locator("#file-1").setInputFiles(new FilePayload("正面.png", "image/png", Samples.png()));
        resident.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("添加一张图片")).first().click();
        assertThat(resident.locator("#material-1 ol.material-pages li")).hasCount(2);
        assertThat(resident.locator("#material-1 ol.material-pages li").nth(0)).containsText("反面.jpg");
        resident.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("将第 2 张（正面.png）上移一位")).focus();
        resident.keyboard().press("Enter");
        resident.waitForURL(Pattern.compile(".*/edit(#file-.*)?"));
        assertThat(resident.locator("#material-1 ol.material-pages li").nth(0)).containsText("正面.png");
        assertThat(resident.locator("#material-1 ol.material-pages li").nth(0)).containsText("已移到第 1 张");
    }
}

package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.internal.transfer.ImplementationListExport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/** An administrator imports a spreadsheet, sees the deviation report, justifies and publishes. */
@TongbanIntegrationTest
class CatalogAdminIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    Organization organization;
    @Autowired
    ImplementationListExport export;
    @Autowired
    JdbcTemplate jdbc;

    private Cookie signIn(String phone) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).param("identifier", phone).param("password", "Tongban#Demo2026"))
                // Staff land on the workbench, residents on their account page.
                .andExpect(redirectedUrl(phone.equals("13800000010") ? "/account" : "/workbench"))
                .andReturn().getResponse().getCookie("SESSION");
    }

    private ImplementationListRow foodLicenceRow(BodySummary body) {
        return export.rowsOfBody(body.id()).stream().filter(r -> "食品经营许可".equals(r.name())).findFirst()
                .orElseThrow();
    }

    private static ImplementationListRow withConditions(ImplementationListRow r, List<String> conditions) {
        return new ImplementationListRow(r.implementationCode(), r.name(), r.basicCode(), r.bodyCreditCode(), r.level(),
                r.divisionCode(), conditions, r.materials(), r.process(), r.legalDays(), r.legalDayKind(),
                r.promisedDays(), r.promisedDayKind(), r.handling(), r.fees(), r.visits(), r.onlineDepth(), r.mailIn(),
                r.reach(), r.jointBodies(), r.resultType(), r.resultName(), r.resultSample(), r.offlineReason(), r.faq(),
                r.venue(), r.assuranceLevel());
    }

    private static MockMultipartFile json(List<ImplementationListRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferFormat.JSON.write(rows, out);
        return new MockMultipartFile("file", "list.json", "application/json", out.toByteArray());
    }

    @Test
    void anAdministratorImportsSeesTheDeviationJustifiesAndPublishes() throws Exception {
        BodySummary body = organization.searchBodies("沈阳市大东区市场监督管理局", DivisionCode.of("210104"), 1).getFirst();
        ImplementationListRow row = foodLicenceRow(body);
        List<String> conditions = new ArrayList<>(row.conditions());
        conditions.add("申请人须在本区居住满一年");
        Cookie admin = signIn("13800000002");

        mvc.perform(multipart("/admin/catalog/import").file(json(List.of(withConditions(row, conditions))))
                        .with(csrf()).cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已导入 1 个事项")));
        UUID draft = jdbc.queryForObject("select id from catalog_implementation_item where code = ? and status = 'DRAFT'",
                UUID.class, row.implementationCode());

        mvc.perform(post("/admin/catalog/items/{id}/submit", draft).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog"));
        mvc.perform(post("/admin/catalog/items/{id}/approve", draft).with(csrf()).cookie(admin))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("增设了基本目录标准之外的受理条件")));
        mvc.perform(post("/admin/catalog/items/{id}/approve", draft).with(csrf()).cookie(admin)
                        .param("justification", "区人大常委会决定试点，期限一年"))
                .andExpect(redirectedUrl("/admin/catalog?approved"));

        ItemDetail current = catalog.item(ImplementationCode.of(row.implementationCode()));
        assertThat(current.summary().version()).isEqualTo(2);
        assertThat(current.guide().conditions()).contains("申请人须在本区居住满一年");
        assertThat(current.versions()).containsExactly(1, 2);
        ItemDetail first = catalog.item(ImplementationCode.of(row.implementationCode()), 1);
        assertThat(first.status()).isEqualTo("SUPERSEDED");
        assertThat(catalog.deviations(ImplementationCode.of(row.implementationCode())))
                .extracting(Deviations.Deviation::code).containsExactly("catalog.deviation.extra-condition");
        // Search finds exactly one current version.
        assertThat(catalog.search(new CatalogSearchRequest("食品经营许可", DivisionCode.of("210104"), null, null, null,
                null, body.id(), 0, 20)).hits()).filteredOn(h -> h.item().code().equals(row.implementationCode()))
                .extracting(h -> h.item().version()).containsExactly(2);
    }

    @Test
    void aFileWithAnErrorIsRejectedWholeWithItsRowAndColumn() throws Exception {
        BodySummary body = organization.searchBodies("沈阳市于洪区市场监督管理局", DivisionCode.of("210114"), 1).getFirst();
        ImplementationListRow good = foodLicenceRow(body);
        ImplementationListRow bad = withConditions(good, good.conditions());
        bad = new ImplementationListRow(bad.implementationCode().substring(0, 17) + "Z" + bad.implementationCode().substring(18),
                bad.name(), bad.basicCode(), bad.bodyCreditCode(), bad.level(), bad.divisionCode(), bad.conditions(),
                bad.materials(), bad.process(), bad.legalDays(), bad.legalDayKind(), bad.promisedDays(),
                bad.promisedDayKind(), bad.handling(), bad.fees(), bad.visits(), bad.onlineDepth(), bad.mailIn(),
                bad.reach(), bad.jointBodies(), bad.resultType(), bad.resultName(), bad.resultSample(),
                bad.offlineReason(), bad.faq(), bad.venue(), bad.assuranceLevel());
        Integer before = jdbc.queryForObject("select count(*) from catalog_implementation_item", Integer.class);
        Cookie admin = signIn("13800000002");
        mvc.perform(multipart("/admin/catalog/import").file(json(List.of(good, bad))).with(csrf()).cookie(admin))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("文件未导入")));
        assertThat(jdbc.queryForObject("select count(*) from catalog_implementation_item", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void onlyCatalogueAdministratorsReachTheConsole() throws Exception {
        mvc.perform(get("/admin/catalog").cookie(signIn("13800000003"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/catalog").cookie(signIn("13800000002"))).andExpect(status().isOk());
        mvc.perform(get("/admin/catalog/export").param("format", "json").cookie(signIn("13800000010")))
                .andExpect(status().isForbidden());
    }
    @Test
    void theItemFormOffersBasicItemsDivisionsAndBodiesByNameWithinTheAdministratorsDivision() throws Exception {
        Cookie admin = signIn("13800000002");
        mvc.perform(get("/admin/catalog/items/new").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("list=\"f-divisionCode-options\"")))
                .andExpect(content().string(containsString("hx-get=\"/admin/catalog/items/pick/bodyCreditCode\"")));

        String basicCode = jdbc.queryForObject("select code from catalog_basic_item where name = '食品经营许可' "
                + "and status = 'PUBLISHED'", String.class);
        mvc.perform(get("/admin/catalog/items/pick/basicCode").param("basicCode", "食品经营").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"f-basicCode-options\"")))
                .andExpect(content().string(containsString("value=\"" + basicCode + "\"")))
                .andExpect(content().string(containsString("食品经营许可")));
        mvc.perform(get("/admin/catalog/items/pick/divisionCode").param("divisionCode", "浑南").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"210112\"")));
        String market = jdbc.queryForObject("select credit_code from org_body where name = '沈阳市浑南区市场监督管理局'",
                String.class);
        mvc.perform(get("/admin/catalog/items/pick/bodyCreditCode").param("bodyCreditCode", "浑南区市场监督")
                .cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + market + "\"")));
        // Nothing typed: an empty list; a field without a picker: a field error; other roles: refused.
        mvc.perform(get("/admin/catalog/items/pick/divisionCode").param("divisionCode", " ").cookie(admin))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("<option"))));
        mvc.perform(get("/admin/catalog/items/pick/name").param("name", "食品").cookie(admin))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/catalog/items/pick/divisionCode").param("divisionCode", "浑南")
                .cookie(signIn("13800000003"))).andExpect(status().isForbidden());
    }
}

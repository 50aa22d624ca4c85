package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * An administrator edits an item with the form (a new draft, never the published version), approves it for a later
 * day, sees it take effect, reads its history and diff, suspends, resumes and repeals it; edits synonyms.
 */
@TongbanIntegrationTest
class CatalogLifecycleIntegrationTests {

    private static final DivisionCode PROVINCE = DivisionCode.of("210000");

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    ItemEditing editing;
    @Autowired
    ItemPublication publication;
    @Autowired
    Organization organization;
    @Autowired
    JdbcTemplate jdbc;

    private Cookie signIn(String phone) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).param("identifier", phone).param("password", "Tongban#Demo2026"))
                .andExpect(redirectedUrl(phone.equals("13800000010") ? "/account" : "/workbench"))
                .andReturn().getResponse().getCookie("SESSION");
    }

    private String foodLicenceCode(String bodyName, String division) {
        BodySummary body = organization.searchBodies(bodyName, DivisionCode.of(division), 1).getFirst();
        return catalog.itemsOf(body.id(), 0, 200).hits().stream()
                .filter(h -> h.item().name().equals("食品经营许可")).findFirst().orElseThrow().item().code();
    }

    private static MockHttpServletRequestBuilder form(Map<String, String> values, Cookie admin) {
        MockHttpServletRequestBuilder request = post("/admin/catalog/items").with(csrf()).cookie(admin)
                .param("editing", "true");
        values.forEach(request::param);
        return request;
    }

    private UUID idOf(String code, int version) {
        return jdbc.queryForObject("select id from catalog_implementation_item where code = ? and version = ?",
                UUID.class, code, version);
    }

    @Test
    void editingAPublishedItemMakesADraftThatTakesEffectOnItsDayWithAReadableDiff() throws Exception {
        String code = foodLicenceCode("沈阳市和平区市场监督管理局", "210102");
        Cookie admin = signIn("13800000002");
        Map<String, String> values = new LinkedHashMap<>(editing.values(ImplementationCode.of(code), PROVINCE));
        assertThat(values).containsEntry("assuranceLevel", "L3").containsKey("materials[0].name");
        values.put("promisedDays", "3");
        values.put("faq[9].question", "可以网上办理吗？");
        values.put("faq[9].answer", "可以，全程网办。");

        mvc.perform(form(values, admin)).andExpect(redirectedUrl("/admin/catalog/items/" + code + "/history?saved=2"));
        assertThat(catalog.item(ImplementationCode.of(code)).summary().version())
                .as("the published version is untouched").isEqualTo(1);

        // Saving again replaces the draft instead of piling up versions.
        values.put("promisedDays", "2");
        mvc.perform(form(values, admin)).andExpect(redirectedUrl("/admin/catalog/items/" + code + "/history?saved=2"));
        UUID draft = idOf(code, 2);

        mvc.perform(post("/admin/catalog/items/{id}/submit", draft).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog"));
        LocalDate tomorrow = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1);
        mvc.perform(post("/admin/catalog/items/{id}/approve", draft).with(csrf()).cookie(admin)
                        .param("effectiveFrom", tomorrow.toString()))
                .andExpect(redirectedUrl("/admin/catalog?scheduled"));
        assertThat(catalog.item(ImplementationCode.of(code)).summary().version())
                .as("not in force before its day").isEqualTo(1);
        mvc.perform(get("/items/{code}", code)).andExpect(content().string(not(containsString("可以网上办理吗？"))));
        // An approved version waiting for its day blocks further edits.
        mvc.perform(form(values, admin)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("待审核或待生效的版本 v2")));

        jdbc.update("update catalog_implementation_item set effective_from = current_date - 1 where id = ?", draft);
        assertThat(publication.publishDue()).isGreaterThanOrEqualTo(1);
        ItemDetail current = catalog.item(ImplementationCode.of(code));
        assertThat(current.summary().version()).isEqualTo(2);
        assertThat(current.guide().promisedLimit().days()).isEqualTo(2);
        assertThat(catalog.item(ImplementationCode.of(code), 1).status()).isEqualTo("SUPERSEDED");
        assertThat(publication.publishDue()).as("published once").isZero();
        mvc.perform(get("/items/{code}", code)).andExpect(content().string(containsString("可以网上办理吗？")));

        mvc.perform(get("/admin/catalog/items/{code}/history", code).cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("v1 → v2"), containsString("已被替代"))));
        mvc.perform(get("/admin/catalog/items/{code}/diff", code).param("from", "1").param("to", "2").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("承诺时限"), containsString("<del>"),
                        containsString("2 工作日"), containsString("可以网上办理吗？ — 可以，全程网办。"))));
    }

    @Test
    void aFormWithMistakesIsShownAgainWithEachErrorAtItsFieldAndNothingLost() throws Exception {
        Cookie admin = signIn("13800000002");
        String code = foodLicenceCode("沈阳市沈河区市场监督管理局", "210103");
        Map<String, String> values = new LinkedHashMap<>(editing.values(ImplementationCode.of(code), PROVINCE));
        values.put("materials[0].name", "");
        values.put("materials[0].necessity", "大概需要");
        values.put("visits", "1");
        values.put("legalDays", "二十");
        mvc.perform(form(values, admin))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(
                        containsString("id=\"f-materials-0-name-error\""),
                        containsString("“材料名称”必须填写"),
                        containsString("“大概需要”无法识别"),
                        containsString("value=\"二十\""),
                        containsString("id=\"f-visits-error\""))));
        assertThat(jdbc.queryForObject("select count(*) from catalog_implementation_item where code = ?",
                Integer.class, code)).as("nothing written").isEqualTo(1);

        // A new item with codes that do not check out.
        mvc.perform(post("/admin/catalog/items").with(csrf()).cookie(admin)
                        .param("basicCode", "0100100010").param("bodyCreditCode", "11210000000000000A")
                        .param("level", "县级").param("divisionCode", "999999"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(containsString("id=\"f-basicCode-error\""),
                        containsString("id=\"f-bodyCreditCode-error\""), containsString("id=\"f-divisionCode-error\""),
                        containsString("value=\"0100100010\""))));
    }

    @Test
    void theFormPageOffersEveryElementAndAddsRowsOnRequest() throws Exception {
        Cookie admin = signIn("13800000002");
        mvc.perform(get("/admin/catalog/items/new").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"materials[0].necessity\""),
                        containsString("name=\"process[0].name\""), containsString("name=\"fees[0].reducible\""),
                        containsString("name=\"faq[0].answer\""), containsString("name=\"assuranceLevel\""),
                        containsString("name=\"venue.complaintPhone\""), containsString("容缺后补"))));
        mvc.perform(get("/admin/catalog/items/form/materials").param("index", "3").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"materials[3].name\""),
                        containsString("index=4"))));
    }

    @Test
    void aSuspendedItemSaysWhyAndLeavesSearchUntilResumedAndARepealedOneStaysCitable() throws Exception {
        String code = foodLicenceCode("沈阳市皇姑区市场监督管理局", "210105");
        Cookie admin = signIn("13800000002");
        mvc.perform(post("/admin/catalog/items/{code}/suspend", code).with(csrf()).cookie(admin).param("reason", " "))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/catalog/items/{code}/suspend", code).with(csrf()).cookie(admin)
                        .param("reason", "办公场所搬迁，暂停受理至十二月底"))
                .andExpect(redirectedUrl("/admin/catalog/items/" + code + "/history?suspended"));
        mvc.perform(get("/items/{code}", code)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("本事项暂停办理：办公场所搬迁"),
                        not(containsString("id=\"apply\"")))));
        assertThat(searchHits(code)).isZero();
        mvc.perform(post("/admin/catalog/items/{code}/suspend", code).with(csrf()).cookie(admin)
                .param("reason", "again")).andExpect(status().isConflict());

        mvc.perform(post("/admin/catalog/items/{code}/resume", code).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog/items/" + code + "/history?resumed"));
        assertThat(searchHits(code)).isEqualTo(1);

        mvc.perform(post("/admin/catalog/items/{code}/repeal", code).with(csrf()).cookie(admin)
                        .param("reason", "职能划转至行政审批局"))
                .andExpect(redirectedUrl("/admin/catalog/items/" + code + "/history?repealed"));
        assertThat(catalog.item(ImplementationCode.of(code)).status()).isEqualTo("REPEALED");
        assertThat(catalog.item(ImplementationCode.of(code)).statusReason()).isEqualTo("职能划转至行政审批局");
        assertThat(searchHits(code)).isZero();
        mvc.perform(get("/admin/catalog/items/{code}/history", code).cookie(admin))
                .andExpect(content().string(containsString("职能划转至行政审批局")));
    }

    private long searchHits(String code) {
        return catalog.search(new CatalogSearchRequest("食品经营许可", DivisionCode.of("210105"), null, null, null, null,
                null, 0, 50)).hits().stream().filter(h -> h.item().code().equals(code)).count();
    }

    @Test
    void aSynonymGroupAddedOnThePageWidensSearchAtOnceAndRemovingItNarrowsIt() throws Exception {
        Cookie admin = signIn("13800000002");
        CatalogSearchRequest query = new CatalogSearchRequest("开小卖部", DivisionCode.of("210106"), null, null, null,
                null, null, 0, 10);
        assertThat(catalog.search(query).hits()).isEmpty();
        mvc.perform(post("/admin/catalog/synonyms").with(csrf()).cookie(admin).param("terms", "开小卖部"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("至少需要两个词"), containsString("value=\"开小卖部\""))));
        mvc.perform(post("/admin/catalog/synonyms").with(csrf()).cookie(admin).param("terms", "开小卖部，食品经营"))
                .andExpect(redirectedUrl("/admin/catalog/synonyms?added"));
        assertThat(catalog.search(query).hits()).extracting(h -> h.item().name()).contains("食品经营许可");

        String page = mvc.perform(get("/admin/catalog/synonyms").cookie(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("开小卖部 ~ 食品经营");
        UUID id = jdbc.queryForObject("select id from catalog_synonym_group where terms = '开小卖部,食品经营'", UUID.class);
        mvc.perform(post("/admin/catalog/synonyms/{id}/delete", id).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog/synonyms?removed"));
        assertThat(catalog.search(query).hits()).isEmpty();
        mvc.perform(get("/admin/catalog/synonyms").cookie(signIn("13800000003"))).andExpect(status().isForbidden());
    }

    @Autowired
    org.tongban.catalog.internal.transfer.ImplementationListExport export;

    @Test
    void aLargeFileIsImportedInTheBackgroundWhileThePageShowsProgressThenTheOutcome() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        export.exportDivision(DivisionCode.of("210123"), org.tongban.catalog.internal.transfer.TransferFormat.JSON, out);
        byte[] file = out.toByteArray();
        assertThat(file.length).as("large enough to go to the background").isGreaterThan(256 * 1024);
        Cookie admin = signIn("13800000002");
        String location = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/admin/catalog/import")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "康平县.json", "application/json",
                                file)).with(csrf()).cookie(admin))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/admin/catalog/imports/");
        mvc.perform(get(location).cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-progress\"")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> mvc.perform(get(location + "/progress").cookie(admin)).andReturn().getResponse()
                        .getContentAsString().contains("id=\"import-done\""));
        String done = mvc.perform(get(location + "/progress").cookie(admin)).andReturn().getResponse()
                .getContentAsString();
        assertThat(done).contains("已导入").doesNotContain("hx-trigger");
        mvc.perform(get(location).cookie(signIn("13800000001"))).andExpect(status().isForbidden());
    }

    @Test
    void theGuideShowsTheLevelNeededAndSendsAPersonBelowItToRaiseTheirLevel() throws Exception {
        String code = foodLicenceCode("沈阳市铁西区市场监督管理局", "210106");
        assertThat(catalog.item(ImplementationCode.of(code)).guide().assuranceLevel()).isEqualTo(AssuranceLevel.L3);
        mvc.perform(get("/items/{code}", code)).andExpect(content().string(allOf(
                containsString("L3 实人实名核验"), not(containsString("id=\"raise-level\"")))));
        Cookie citizen = signIn("13800000010");
        mvc.perform(get("/items/{code}", code).cookie(citizen)).andExpect(content().string(allOf(
                containsString("id=\"raise-level\""),
                containsString("/account/assurance?needed=3&amp;continue=/items/" + code))));
    }
}

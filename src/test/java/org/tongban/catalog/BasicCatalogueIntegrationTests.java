package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
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
 * A province catalogue administrator keeps the basic catalogue by form: a new item with its standard guide, errors at
 * their fields with nothing lost, submission and approval (at once or on a later day), a renamed version handed down
 * to every implementation (同一名称) with a readable diff, and nobody below the province may change it.
 */
@TongbanIntegrationTest
class BasicCatalogueIntegrationTests {

    private static final DivisionCode PROVINCE = DivisionCode.of("210000");

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    BasicItemAdministration administration;
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

    private static MockHttpServletRequestBuilder form(Map<String, String> values, boolean editing, Cookie admin) {
        MockHttpServletRequestBuilder request = post("/admin/catalog/basic").with(csrf()).cookie(admin)
                .param("editing", String.valueOf(editing));
        values.forEach((name, value) -> {
            if (name.equals("levels") || name.equals("themes")) {
                for (String choice : value.split(",")) {
                    request.param(name, choice);
                }
            } else {
                request.param(name, value);
            }
        });
        return request;
    }

    /** The food business licence's standard, as a starting point for a new basic item. */
    private Map<String, String> foodLicenceStandard() {
        String code = jdbc.queryForObject(
                "select code from catalog_basic_item where name = '食品经营许可' and status = 'PUBLISHED'", String.class);
        return new LinkedHashMap<>(administration.values(BasicCode.of(code), PROVINCE));
    }

    @Test
    void aNewBasicItemIsDraftedCheckedSubmittedAndPublishedAndItsRenameReachesEveryImplementation()
            throws Exception {
        Cookie admin = signIn("13800000002");
        String code = "01TB00000001";
        Map<String, String> values = foodLicenceStandard();
        values.put("code", code);
        values.put("name", "小餐饮经营许可");
        values.put("aliases", "开小饭馆\n小餐馆");
        values.put("legalBases", "《辽宁省食品安全条例》第二十条\n《中华人民共和国食品安全法》");

        mvc.perform(form(values, false, admin)).andExpect(redirectedUrl("/admin/catalog/basic/" + code + "?saved=1"));
        // The same code again as a new item: refused at the code field.
        mvc.perform(form(values, false, admin)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(containsString("id=\"f-code\""), containsString("已被使用"))));

        mvc.perform(post("/admin/catalog/basic/{code}/submit", code).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog/basic/" + code + "?submitted"));
        mvc.perform(post("/admin/catalog/basic/{code}/submit", code).with(csrf()).cookie(admin))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/catalog/basic/{code}/approve", code).with(csrf()).cookie(admin))
                .andExpect(redirectedUrl("/admin/catalog/basic/" + code + "?approved"));

        Catalog.BasicItemView published = catalog.basicItem(BasicCode.of(code));
        assertThat(published.name()).isEqualTo("小餐饮经营许可");
        assertThat(published.legalBases()).extracting(LegalBasis::toString)
                .containsExactly("《辽宁省食品安全条例》第二十条", "《中华人民共和国食品安全法》");
        mvc.perform(get("/api/v1/catalog/basic-items/{code}", code)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("小餐饮经营许可"));

        // A county implements it (by the implementation form), and the implementation is published.
        BodySummary body = organization.searchBodies("沈阳市大东区市场监督管理局", DivisionCode.of("210104"), 1).getFirst();
        String template = catalog.itemsOf(body.id(), 0, 200).hits().stream()
                .filter(h -> h.item().name().equals("食品经营许可")).findFirst().orElseThrow().item().code();
        Map<String, String> implementation = new LinkedHashMap<>(
                editing.values(ImplementationCode.of(template), PROVINCE));
        implementation.remove("implementationCode");
        implementation.put("basicCode", code);
        implementation.put("name", "小餐饮经营许可");
        ItemEditing.Outcome saved = editing.save(implementation, PROVINCE, UUID.randomUUID());
        assertThat(saved.problems()).isEmpty();
        publication.submit(saved.saved().id(), UUID.randomUUID(), PROVINCE);
        publication.approve(saved.saved().id(), UUID.randomUUID(), PROVINCE, null, null);
        String implementationCode = saved.saved().code();

        // Version 2 renames the item: every live implementation carries the new name, and search finds it.
        mvc.perform(get("/admin/catalog/basic/{code}/edit", code).cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"小餐饮经营许可\""),
                        containsString("name=\"materials[0].name\""), containsString("readonly"))));
        values.put("name", "小餐饮店经营许可");
        mvc.perform(form(values, true, admin)).andExpect(redirectedUrl("/admin/catalog/basic/" + code + "?saved=2"));
        administration.submit(BasicCode.of(code), UUID.randomUUID(), PROVINCE);
        administration.approve(BasicCode.of(code), null, UUID.randomUUID(), PROVINCE);

        assertThat(catalog.item(ImplementationCode.of(implementationCode)).summary().name())
                .isEqualTo("小餐饮店经营许可");
        assertThat(catalog.search(new CatalogSearchRequest("小餐饮店经营许可", DivisionCode.of("210104"), null, null,
                null, null, null, 0, 20)).hits()).anySatisfy(h -> assertThat(h.item().code())
                        .isEqualTo(implementationCode));
        assertThat(jdbc.queryForObject("select status from catalog_basic_item where code = ? and version = 1",
                String.class, code)).isEqualTo("SUPERSEDED");

        mvc.perform(get("/admin/catalog/basic/{code}", code).cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("v1 → v2"), containsString("已被替代"))));
        mvc.perform(get("/admin/catalog/basic/{code}/diff", code).param("from", "1").param("to", "2").cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<del>小餐饮经营许可</del>"),
                        containsString("<ins>小餐饮店经营许可</ins>"))));
        assertThat(jdbc.queryForObject("""
                select count(*) from platform_audit_event where module = 'catalog' and target_id = ?
                and action in ('BASIC_ITEM_DRAFT_SAVED', 'BASIC_ITEM_SUBMITTED', 'BASIC_ITEM_APPROVED',
                               'BASIC_ITEM_HANDED_DOWN')""", Integer.class, code)).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aFormWithMistakesComesBackWithEachErrorAtItsFieldAndEverythingTyped() throws Exception {
        Cookie admin = signIn("13800000002");
        Map<String, String> values = foodLicenceStandard();
        values.put("code", "99TB0000000X");
        values.put("name", "家庭农场登记");
        values.put("target", "NATURAL_PERSON");
        values.put("themes", "OPENING");
        values.put("legalBases", "");
        values.put("levels", "");
        values.put("promisedDays", "99");
        mvc.perform(form(values, false, admin)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(
                        containsString("前两位“99”不是事项类型代码"),
                        containsString("“设定依据”必须填写"),
                        containsString("“行使层级”必须填写"),
                        containsString("不适用于所选服务对象"),
                        containsString("id=\"f-promisedDays-error\""),
                        containsString("value=\"家庭农场登记\""),
                        containsString("value=\"99TB0000000X\""))));
        assertThat(jdbc.queryForObject("select count(*) from catalog_basic_item where code = '99TB0000000X'",
                Integer.class)).isZero();
    }

    @Test
    void aLaterEffectiveDateWaitsForItsDayAndOnlyTheProvinceKeepsTheBasicCatalogue() throws Exception {
        Cookie admin = signIn("13800000002");
        String code = "07TB00000002";
        Map<String, String> values = foodLicenceStandard();
        values.put("code", code);
        values.put("name", "老年人优待证办理");
        mvc.perform(form(values, false, admin)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("已有基本目录事项名为“老年人优待证办理”")));
        values.put("name", "高龄津贴申领（测试）");
        values.put("target", "NATURAL_PERSON");
        values.put("themes", "RETIREMENT");
        mvc.perform(form(values, false, admin)).andExpect(redirectedUrl("/admin/catalog/basic/" + code + "?saved=1"));
        administration.submit(BasicCode.of(code), UUID.randomUUID(), PROVINCE);
        LocalDate later = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
        administration.approve(BasicCode.of(code), later, UUID.randomUUID(), PROVINCE);
        assertThat(jdbc.queryForObject("select status from catalog_basic_item where code = ?", String.class, code))
                .isEqualTo("APPROVED");
        mvc.perform(get("/api/v1/catalog/basic-items/{code}", code)).andExpect(status().isNotFound());

        jdbc.update("update catalog_basic_item set effective_from = current_date - 1 where code = ?", code);
        assertThat(administration.publishDue()).isGreaterThanOrEqualTo(1);
        assertThat(administration.publishDue()).as("published once").isZero();
        mvc.perform(get("/api/v1/catalog/basic-items/{code}", code)).andExpect(status().isOk());

        assertThatThrownBy(() -> administration.list("", 0, 10, DivisionCode.of("210100")))
                .isInstanceOf(BasicItemAdministration.ProvinceOnly.class);
        assertThatThrownBy(() -> administration.save(values, false, UUID.randomUUID(), DivisionCode.of("210102")))
                .isInstanceOf(BasicItemAdministration.ProvinceOnly.class);
        Cookie resident = signIn("13800000010");
        mvc.perform(get("/admin/catalog/basic").cookie(resident)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/catalog/basic").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("个基本目录事项"), containsString("第 1 / "))));
        mvc.perform(get("/admin/catalog/basic").param("q", "津贴申领（测试").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("高龄津贴申领（测试）"),
                        containsString("共 1 个基本目录事项"))));
    }
}

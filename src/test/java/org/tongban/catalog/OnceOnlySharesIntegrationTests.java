package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * How true the once-only promise is (DOMAIN §1): guides mark only the materials the platform fetches as 免提交, the
 * share is shown per item, per body and province-wide, and a certificate-library resource must name a certificate
 * type the library knows.
 */
@TongbanIntegrationTest
class OnceOnlySharesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OnceOnlyShares shares;

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void theShareIsCountedFromThePublishedGuidesPerItemBodyAndProvince() throws Exception {
        String materials = "from catalog_implementation_item i cross join lateral "
                + "jsonb_array_elements(i.guide -> 'materials') m where i.status = 'PUBLISHED'";
        long all = count("select count(*) " + materials);
        long shared = count("select count(*) " + materials + " and m ->> 'source' = 'GOVERNMENT' "
                + "and m ->> 'sharedResource' is not null");
        assertThat(shared).isPositive().isLessThan(all);
        // Other tests publish and repeal items: the figure is counted now, not taken from the minute's cache.
        assertThat(shares.recountProvince()).isEqualTo(new OnceOnlyShares.Share(all, shared));

        mvc.perform(get("/"))
                .andExpect(content().string(containsString("免提交（%,d/%,d 份）".formatted(shared, all))));
        mvc.perform(get("/api/v1/catalog/once-only").param("division", "210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.province.materials").value(all))
                .andExpect(jsonPath("$.province.shared").value(shared))
                .andExpect(jsonPath("$.bodies[?(@.bodyName == '沈阳市浑南区市场监督管理局')].share.shared")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThan(0))));
        mvc.perform(get("/api/v1/catalog/once-only").param("division", "21011"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/once-only").cookie(new Cookie(org.tongban.organization.CurrentDivision.COOKIE, "210112")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("免提交比例")))
                .andExpect(content().string(containsString("沈阳市浑南区市场监督管理局")));

        // 食品经营许可: the business licence and the agent's ID card are fetched; the other five are supplied.
        String food = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070001000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        mvc.perform(get("/items/" + food))
                .andExpect(content().string(containsString("本事项 7 份材料中有 2 份免提交（28%）")))
                .andExpect(content().string(containsString("免提交，由市场监督管理部门共享获取")));
        // 道路货物运输经营许可: the driver's qualification is issued by a body but not shared yet — it says so.
        String freight = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'010010001000' and status = 'PUBLISHED' limit 1", String.class);
        mvc.perform(get("/items/" + freight))
                .andExpect(content().string(containsString("交通运输主管部门核发（需提交）")))
                .andExpect(content().string(not(containsString("免提交，由交通运输主管部门共享获取"))));
    }

    @Test
    void aCertificateLibraryResourceNamesACertificateTypeTheLibraryKnows() throws Exception {
        Cookie admin = mvc.perform(post("/signin").with(csrf()).param("identifier", "13800000001")
                        .param("password", "Tongban#Demo2026"))
                .andReturn().getResponse().getCookie("SESSION");
        String provider = jdbc.queryForObject("select credit_code from org_body where division_code = '210000' "
                + "and category = 'MARKET_REGULATION'", String.class);
        var form = post("/admin/exchange/resources").with(csrf()).cookie(admin)
                .param("classCode", "104001").param("code", "104001-00009").param("name", "个体工商户营业执照（测试）")
                .param("source", "CERTIFICATES").param("providerCode", provider).param("summary", "个体户执照")
                .param("format", "JSON").param("sharingType", "UNCONDITIONAL").param("sharingMethod", "API")
                .param("openness", "NOT_OPEN").param("updateCycle", "REALTIME").param("items", "typeName", "number");
        mvc.perform(form.param("relatedCodes", "11100000MB0T00010U999"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("11100000MB0T00010U999")));
        assertThat(count("select count(*) from exchange_resource where code = '104001-00009'")).isZero();
    }
}

package org.tongban.organization;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.DivisionCode;

/** Bad division, credit and ID inputs: clear 400/404 problems in the API, localized messages in pages. */
@TongbanIntegrationTest
class IdentifierCheckIntegrationTests {

    /** The example number of GB 11643-1999 itself: Beijing Chaoyang, born 1949-12-31, a woman. */
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Autowired
    MockMvc mvc;
    @Autowired
    Organization organization;

    private BodySummary hunnanMarketRegulation() {
        return organization.searchBodies("沈阳市浑南区市场监督管理局", DivisionCode.of("210112"), 1).getFirst();
    }

    private static String json(String kind, String value) {
        return "{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}";
    }

    @Test
    void aValidIdNumberIsAnsweredMaskedWithWhatItEncodes() throws Exception {
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("citizen-id", STANDARD_EXAMPLE.toLowerCase())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("1101**********002X"))
                .andExpect(jsonPath("$.birthDate").value("1949-12-31"))
                .andExpect(jsonPath("$.male").value(false))
                .andExpect(jsonPath("$.regionCode").value("110105"))
                .andExpect(content().string(not(containsString(STANDARD_EXAMPLE))));
    }

    @Test
    void aFifteenDigitIdNumberIsUpgraded() throws Exception {
        // 15-digit form of the standard example: century and check character dropped.
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("citizen-id", "110105491231002")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value("1101**********002X"))
                .andExpect(jsonPath("$.birthDate").value("1949-12-31"));
    }

    @Test
    void aWrongCheckDigitIsABadRequestNamingTheRule() throws Exception {
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("citizen-id", "110105194912310021")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("shared.citizen-id.check"))
                .andExpect(jsonPath("$.field").value("value"))
                .andExpect(content().string(not(containsString("110105194912310021"))));
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("citizen-id", "110105194902300023")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("shared.citizen-id.birth-date"));
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("passport", "E12345678")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("kind"));
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void creditCodesAreCheckedAndFoundOrNot() throws Exception {
        BodySummary body = hunnanMarketRegulation();
        mvc.perform(post("/api/v1/identifiers/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json("credit-code", body.creditCode().toLowerCase())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value(body.creditCode()))
                .andExpect(jsonPath("$.bodyName").value("沈阳市浑南区市场监督管理局"))
                .andExpect(jsonPath("$.regionName").value("辽宁省沈阳市浑南区"));
        mvc.perform(get("/api/v1/bodies/credit-code/{c}", body.creditCode()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(body.id().toString()));
        String wrongCheck = body.creditCode().substring(0, 17) + (body.creditCode().endsWith("0") ? "1" : "0");
        mvc.perform(get("/api/v1/bodies/credit-code/{c}", wrongCheck))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("shared.credit-code.check"))
                .andExpect(jsonPath("$.field").value("creditCode"));
        // A real-format code of a body that is not on the platform (its GB 32100 check character computed independently).
        mvc.perform(get("/api/v1/bodies/credit-code/{c}", "91350100M000100Y43"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organization.body.credit-code-not-found"));
    }

    @Test
    void theCheckPageExplainsTheErrorAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/identifiers").with(csrf()).param("kind", "citizen-id").param("value", "11010519491231002Y"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("身份证号码应为 17 位数字加 1 位校验码")))
                .andExpect(content().string(containsString("value=\"11010519491231002Y\"")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        mvc.perform(post("/identifiers").with(csrf()).param("kind", "citizen-id").param("value", "110105194912310021")
                        .param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The check character of the ID card number is wrong")));
        mvc.perform(post("/identifiers").with(csrf()).param("kind", "citizen-id").param("value", STANDARD_EXAMPLE))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("1101**********002X")))
                .andExpect(content().string(containsString("1949-12-31")));
        mvc.perform(get("/identifiers"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("for=\"identifier-value\"")));
    }

    @Test
    void searchingForACodeOpensWhatItNamesOrExplainsWhatIsWrong() throws Exception {
        BodySummary body = hunnanMarketRegulation();
        mvc.perform(get("/search").param("q", "210112"))
                .andExpect(redirectedUrl("/divisions/210112"));
        mvc.perform(get("/search").param("q", body.creditCode()))
                .andExpect(redirectedUrl("/bodies/" + body.id()));
        String wrongCheck = body.creditCode().substring(0, 17) + (body.creditCode().endsWith("0") ? "1" : "0");
        mvc.perform(get("/search").param("q", wrongCheck))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("校验码不正确")));
        mvc.perform(get("/search").param("q", "990000"))
                .andExpect(content().string(containsString("各级代码不能衔接")));
    }
}

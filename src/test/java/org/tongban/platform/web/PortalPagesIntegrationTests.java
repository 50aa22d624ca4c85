package org.tongban.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/** The pages people use, and how failures look to them: localized pages, never a stack trace, never 200. */
@TongbanIntegrationTest
class PortalPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theHomePageIsChineseByDefaultAndStartsAtTheProvince() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"zh-CN\"")))
                .andExpect(content().string(containsString("辽宁政务服务网")))
                .andExpect(content().string(containsString("id=\"current-division\">辽宁省<")))
                .andExpect(content().string(containsString("for=\"picker-q\"")))
                .andExpect(content().string(containsString("for=\"item-search\"")));
    }

    @Test
    void switchingToEnglishIsRememberedInACookie() throws Exception {
        mvc.perform(get("/").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"en\"")))
                .andExpect(cookie().value("tongban_lang", "en"));
        mvc.perform(get("/").cookie(new Cookie("tongban_lang", "en")))
                .andExpect(content().string(containsString("<html lang=\"en\"")));
    }

    @Test
    void everyPageLinksToItselfInEachLanguageKeepingWhatWasAsked() throws Exception {
        mvc.perform(get("/search?q=licence"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/search?q=licence&amp;lang=en\"")))
                .andExpect(content().string(containsString("href=\"/search?q=licence&amp;lang=zh-CN\"")));
    }

    @Test
    void choosingADivisionRemembersItAndOnlyReturnsToLocalPaths() throws Exception {
        mvc.perform(post("/division").with(csrf()).param("code", "210112").param("return", "/search?q=x"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/search?q=x"))
                .andExpect(cookie().value("tongban_division", "210112"));
        mvc.perform(post("/division").with(csrf()).param("code", "210112").param("return", "//evil.example/"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").cookie(new Cookie("tongban_division", "210112")))
                .andExpect(content().string(containsString("id=\"current-division\">辽宁省沈阳市浑南区<")));
    }

    @Test
    void aForgedDivisionCookieFallsBackToTheProvince() throws Exception {
        mvc.perform(get("/").cookie(new Cookie("tongban_division", "<script>")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<script>"))))
                .andExpect(content().string(containsString("id=\"current-division\">辽宁省<")));
    }

    @Test
    void thePickerSearchesDivisionsAsYouType() throws Exception {
        mvc.perform(get("/divisions/picker").param("q", "浑南"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("辽宁省沈阳市浑南区")));
        mvc.perform(get("/divisions/picker").param("code", "210112"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("东湖街道")));
    }

    @Test
    void divisionAndBodyPagesAndSearch() throws Exception {
        mvc.perform(get("/divisions/210112"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("东湖街道")))
                .andExpect(content().string(containsString("辽宁省沈阳市浑南区政务服务中心")));
        mvc.perform(get("/search").param("q", "浑南区市场"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("沈阳市浑南区市场监督管理局")));
    }

    @Test
    void anUnknownDivisionIsALocalizedNotFoundPage() throws Exception {
        mvc.perform(get("/divisions/210199").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("页面不存在")))
                .andExpect(content().string(containsString("210199")));
        mvc.perform(get("/divisions/210199").param("lang", "en").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("<html lang=\"en\"")))
                .andExpect(content().string(not(containsString("页面不存在"))));
    }

    @Test
    void aMalformedCodeIsABadRequestPageNamingTheField() throws Exception {
        mvc.perform(get("/divisions/abc").accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("行政区划代码")));
    }

    @Test
    void unknownPathsAre404EverywhereAndNeverAStackTrace() throws Exception {
        mvc.perform(get("/no-such-page").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("页面不存在")))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(get("/api/v1/no-such-thing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.not-found"));
    }

    @Test
    void aWrongMethodIsAProblemWithStatus405() throws Exception {
        mvc.perform(post("/api/v1/divisions/210000"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.status").value(405))
                .andExpect(jsonPath("$.code").value("platform.method-not-allowed"));
    }

    @Test
    void aMissingParameterIsAProblemNamingIt() throws Exception {
        mvc.perform(get("/api/v1/bodies"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("division"))
                .andExpect(jsonPath("$.code").value("platform.parameter.missing"));
    }

    @Test
    void operationsEndpointsAndApiDocumentationAreServed() throws Exception {
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/divisions/{code}']").exists());
    }
}

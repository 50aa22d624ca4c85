package org.tongban.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * What the fuzzing drill (org.tongban.drills) found, pinned: input PostgreSQL cannot store, requests the firewall
 * refuses, and long pages for visitors without a session are rejections or pages, never a 500.
 */
@TongbanIntegrationTest
class HostileInputIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aNulCharacterInASearchIsABadRequestNotAServerError() throws Exception {
        mvc.perform(get("/api/v1/divisions").param("q", "沈阳\u0000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.text.invalid-character"));
        mvc.perform(get("/search").param("q", "沈阳\u0000").accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("platform.text.invalid-character")));
    }

    @Test
    void aRequestTheFirewallRefusesIsAProblemOnTheApi() throws Exception {
        // An encoded slash in a path variable: refused before any handler, still answered as a problem.
        mvc.perform(get(URI.create("/api/v1/divisions/21%2F0112")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.request.rejected"))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void aHeaderWithAControlCharacterOrAnUnassignedOneIsRefusedWhenReadAndAChineseOnePasses() throws Exception {
        // The firewall checks a header when it is read: the exchange's chain reads Authorization to pick the chain.
        for (String value : new String[] { "Bearer a\u0007b", "Bearer x\u0378" }) {
            mvc.perform(get("/api/v1/exchange/resources").header("Authorization", value))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("platform.request.rejected"));
        }
        mvc.perform(get("/api/v1/exchange/resources").header("Authorization", "Bearer 张三\t窗口"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("exchange.token.invalid"));
    }

    @Test
    void aLongPageWithAFormFurtherDownRendersForAVisitorWithoutASession() throws Exception {
        // The query is echoed near the top: the search form's CSRF token needs a session after more than a buffer.
        mvc.perform(get("/items").param("q", "a".repeat(10_000)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
    }
}

package org.tongban.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * What the fuzzing drill found, pinned: input PostgreSQL cannot store is a rejection, never a 500.
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
}

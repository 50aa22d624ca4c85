package org.tongban.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * Static files are served only under /css, /js, /webjars and /_static (npm packages): our own with a content hash in the URL the pages link
 * to, cached for a week; the webjars by their versioned path (the version-less one is served too). Other links are
 * left as they are, and any other path is a 404.
 */
@TongbanIntegrationTest
class StaticResourcesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void pagesLinkToHashedStylesheetsAndScriptsThatAreServedAndCached() throws Exception {
        String home = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        Matcher css = Pattern.compile("/css/tongban-([0-9a-f]{32})\\.css").matcher(home);
        assertThat(css.find()).as("a content-hashed stylesheet link").isTrue();
        Matcher js = Pattern.compile("/js/tongban-[0-9a-f]{32}\\.js").matcher(home);
        assertThat(js.find()).as("a content-hashed script link").isTrue();
        Matcher htmx = Pattern.compile("/webjars/htmx.org/[0-9.]+/dist/htmx.min.js").matcher(home);
        assertThat(htmx.find()).as("the webjar's versioned path").isTrue();
        assertThat(home).contains("href=\"/petitions/new\"");

        mvc.perform(get(css.group())).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("max-age=604800")));
        mvc.perform(get(js.group())).andExpect(status().isOk());
        mvc.perform(get("/css/tongban.css")).andExpect(status().isOk());
        mvc.perform(get(htmx.group())).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/_static/echarts/6.0.0/dist/echarts.common.min.js")).andExpect(status().isOk());
        // Nothing outside the three folders is a static file.
        mvc.perform(get("/application.properties")).andExpect(status().isNotFound());
        mvc.perform(get("/css/../application.properties")).andExpect(status().is4xxClientError());
    }
}

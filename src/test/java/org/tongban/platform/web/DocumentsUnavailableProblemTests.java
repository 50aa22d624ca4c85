package org.tongban.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.platform.documents.DocumentRenderer;
import org.tongban.platform.documents.DocumentsProperties;
import org.tongban.platform.documents.OfficialDocument;
import org.tongban.platform.documents.PdfDownload;

/**
 * A server without a font for documents answers every PDF download with a localized RFC 9457 problem (503), not a
 * broken file and not 500.
 */
class DocumentsUnavailableProblemTests {

    @RestController
    static class Downloads {

        private final DocumentRenderer renderer;

        Downloads(DocumentRenderer renderer) {
            this.renderer = renderer;
        }

        @GetMapping("/api/v1/test/document")
        ResponseEntity<byte[]> document() {
            return PdfDownload.of("通知书.pdf", renderer.render(new OfficialDocument("机关", "通知书", null, null,
                    List.of(), null, LocalDate.of(2026, 3, 2), null)));
        }
    }

    private final MockMvc mvc = mvc();

    private static MockMvc mvc() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        DocumentRenderer noFont = new DocumentRenderer(new DocumentsProperties("/nonexistent/no-font.ttc"));
        return MockMvcBuilders.standaloneSetup(new Downloads(noFont))
                .setControllerAdvice(new ErrorHandling(new Problems(messages))).build();
    }

    @Test
    void withoutAFontADownloadIsA503ProblemInChineseAndInEnglish() throws Exception {
        mvc.perform(get("/api/v1/test/document").header("Accept-Language", "zh-CN"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("platform.documents.font-missing"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail", containsString("中文字体")));
        mvc.perform(get("/api/v1/test/document").header("Accept-Language", "en"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail", containsString("no Chinese font")));
    }
}

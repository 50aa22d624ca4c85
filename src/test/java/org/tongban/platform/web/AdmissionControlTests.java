package org.tongban.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission control: a request beyond the limit waits its moment and is then turned away with a 503 problem or page
 * and Retry-After, without reaching the application; probes and static files always pass; a permit comes back when a
 * request ends, however it ends.
 */
class AdmissionControlTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final AdmissionControl admission = new AdmissionControl(1, Duration.ofMillis(50), problems(), JSON);

    private static Problems problems() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Problems(messages);
    }

    @AfterEach
    void releaseTheHeldRequest() {
        release.countDown();
    }

    /** Occupies the only permit with a request that stays in the application until {@link #release}. */
    private CompletableFuture<Void> holdThePermit() throws Exception {
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> {
            try {
                admission.doFilter(request("GET", "/api/v1/slow"), new MockHttpServletResponse(), (req, res) -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(admission.inFlight()).isEqualTo(1);
        return held;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRequestURI(path);
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain application = (req, res) -> handled.incrementAndGet();
        admission.doFilter(request, response, application);
        return response;
    }

    @Test
    void anApiCallBeyondTheLimitIsTurnedAwayWithA503ProblemAndRetryAfter() throws Exception {
        holdThePermit();
        MockHttpServletRequest call = request("GET", "/api/v1/catalog/items");
        call.addHeader("Accept-Language", "zh-CN");
        MockHttpServletResponse response = send(call);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("platform.overloaded");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("type").asString()).isEqualTo("urn:tongban:problem:platform.overloaded");
        assertThat(problem.get("detail").asString()).startsWith("系统此刻繁忙");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/catalog/items");
        assertThat(handled).hasValue(0);
        assertThat(admission.refused()).isEqualTo(1);

        MockHttpServletRequest english = request("GET", "/api/v1/catalog/items");
        english.addHeader("Accept-Language", "en");
        english.setPreferredLocales(java.util.List.of(java.util.Locale.ENGLISH));
        assertThat(JSON.readTree(send(english).getContentAsString()).get("detail").asString())
                .startsWith("The platform is busy right now");
    }

    @Test
    void aPageBeyondTheLimitIsALocalizedPageThatOffersToTryAgain() throws Exception {
        holdThePermit();
        MockHttpServletRequest page = request("GET", "/catalog/search");
        page.setQueryString("q=<b>营业执照</b>&page=2");
        MockHttpServletResponse response = send(page);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("text/html");
        String html = response.getContentAsString();
        assertThat(html).contains("<html lang=\"zh-CN\">", "服务暂不可用", "系统此刻繁忙", "返回上一页")
                .contains("href=\"/catalog/search?q=&lt;b&gt;营业执照&lt;/b&gt;&amp;page=2\"").doesNotContain("<b>");

        MockHttpServletRequest form = request("POST", "/applications/1/submit");
        form.setCookies(new Cookie("tongban_lang", "en"));
        String posted = send(form).getContentAsString();
        assertThat(posted).contains("<html lang=\"en\">", "go back one page").doesNotContain("Try again");
        assertThat(handled).hasValue(0);
    }

    @Test
    void aRequestThatWaitsLessThanTheQueueTimeoutIsAdmitted() throws Exception {
        AdmissionControl patient = new AdmissionControl(1, Duration.ofSeconds(5), problems(), JSON);
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                patient.doFilter(request("GET", "/api/v1/a"), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse response = new MockHttpServletResponse();
        patient.doFilter(request("GET", "/api/v1/b"), response, (req, res) -> handled.incrementAndGet());
        first.get(5, TimeUnit.SECONDS);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(handled).hasValue(1);
        assertThat(patient.refused()).isZero();
    }

    @Test
    void probesAndStaticFilesPassWhenEveryPermitIsTaken() throws Exception {
        holdThePermit();
        for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness", "/css/app.css",
                "/js/app.js", "/webjars/htmx.org/dist/htmx.min.js", "/_static/echarts/5.6.0/echarts.min.js" }) {
            assertThat(send(request("GET", path)).getStatus()).as(path).isEqualTo(200);
        }
        assertThat(handled).hasValue(6);
        assertThat(send(request("GET", "/actuator/prometheus")).getStatus()).isEqualTo(503);
    }

    @Test
    void aPermitComesBackWhenTheRequestFails() throws Exception {
        FilterChain failing = (req, res) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> admission.doFilter(request("GET", "/api/v1/x"), new MockHttpServletResponse(),
                failing)).hasMessage("boom");
        assertThat(admission.inFlight()).isZero();
        assertThat(send(request("GET", "/api/v1/x")).getStatus()).isEqualTo(200);
        assertThat(handled).hasValue(1);
    }

    @Test
    void theErrorPageOfADatabaseOutageIsA503WrittenBeforeTheSessionIsReadAgain() throws Exception {
        MockHttpServletRequest error = request("POST", "/error");
        error.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
        error.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/cases/applications");
        error.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, new jakarta.servlet.ServletException(
                new org.springframework.dao.DataAccessResourceFailureException("commit",
                        new java.sql.SQLException("FATAL: terminating connection", "57P01"))));
        MockHttpServletResponse response = send(error);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("platform.database-unavailable");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/cases/applications");
        assertThat(handled).as("the error page, which would read the session, is not rendered").hasValue(0);

        MockHttpServletRequest page = request("GET", "/error");
        page.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
        page.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/account/cases");
        page.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION,
                new org.springframework.transaction.CannotCreateTransactionException("x",
                        new java.sql.SQLTransientConnectionException("timeout")));
        MockHttpServletResponse busy = send(page);
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getContentAsString()).contains("系统繁忙", "href=\"/account/cases\"");

        // Any other failure goes on to the error controller, and no permit is taken for it.
        MockHttpServletRequest other = request("GET", "/error");
        other.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
        other.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("x"));
        holdThePermit();
        assertThat(send(other).getStatus()).isEqualTo(200);
        assertThat(handled).hasValue(1);
    }

    @Test
    void theLimitMustAdmitSomeone() {
        assertThatThrownBy(() -> new AdmissionControl(0, Duration.ZERO, problems(), JSON))
                .hasMessageContaining("max-in-flight");
    }
}

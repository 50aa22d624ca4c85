package org.tongban.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * When every database connection is taken for longer than the pool waits, a request is answered 503 with Retry-After
 * (a moment of overload), not 500 (a defect); any other failure to start a transaction stays a 500.
 */
class DatabaseBusyProblemTests {

    private static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
            "tongban-embedded - Connection is not available, request timed out after 30000ms");

    @RestController
    static class Busy {

        @GetMapping("/api/v1/test/transaction")
        String transaction() {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                    POOL_TIMEOUT);
        }

        @GetMapping("/api/v1/test/jdbc")
        String jdbc() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT);
        }

        /** PostgreSQL's fast shutdown ends the connection under the request (SQLSTATE 57P01). */
        @GetMapping("/api/v1/test/restart")
        String restart() {
            throw new org.springframework.dao.DataAccessResourceFailureException("PreparedStatementCallback",
                    new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        }

        /** The rollback after that: the connection is closed (08003), wrapped in a transaction exception. */
        @GetMapping("/api/v1/test/closed")
        String closed() {
            throw new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                    new java.sql.SQLException("This connection has been closed.", "08003"));
        }

        /** The same rollback on a connection the pool evicted: HikariCP's "Connection is closed", no SQLSTATE. */
        @GetMapping("/api/v1/test/evicted")
        String evicted() throws Exception {
            // what a pooled connection delegates to once HikariCP has evicted it
            var field = Class.forName("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection")
                    .getDeclaredField("CLOSED_CONNECTION");
            field.setAccessible(true);
            try {
                ((java.sql.Connection) field.get(null)).rollback();
            } catch (java.sql.SQLException closed) {
                throw new org.springframework.orm.jpa.JpaSystemException(new RuntimeException(
                        "Unable to rollback against JDBC Connection", closed));
            }
            return "unreachable";
        }

        /** What writing a large answer meets when the client has closed the connection. */
        @GetMapping("/api/v1/test/gone")
        String gone() {
            throw new org.springframework.http.converter.HttpMessageNotWritableException("Could not write JSON",
                    new org.springframework.web.context.request.async.AsyncRequestNotUsableException(
                            "ServletOutputStream failed to write: java.io.IOException: Broken pipe"));
        }

        @GetMapping("/api/v1/test/broken")
        String broken() {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                    new IllegalStateException("broken"));
        }
    }

    private final MockMvc mvc = mvc();

    private static MockMvc mvc() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return MockMvcBuilders.standaloneSetup(new Busy())
                .setControllerAdvice(new ErrorHandling(new Problems(messages))).build();
    }

    @Test
    void aPoolTimeoutIsA503ProblemWithRetryAfter() throws Exception {
        for (String path : new String[] { "/api/v1/test/transaction", "/api/v1/test/jdbc" }) {
            mvc.perform(get(path).header("Accept-Language", "zh-CN")).andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.code").value("platform.busy"))
                    .andExpect(jsonPath("$.detail").value("系统繁忙，请稍后几秒再试，您填写的内容没有丢失。"));
        }
        mvc.perform(get("/api/v1/test/jdbc").header("Accept-Language", "en"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The platform is busy.")));
    }

    @Test
    void aDatabaseThatWentAwayUnderTheRequestIsA503ToRetry() throws Exception {
        for (String path : new String[] { "/api/v1/test/restart", "/api/v1/test/closed", "/api/v1/test/evicted" }) {
            mvc.perform(get(path).header("Accept-Language", "zh-CN")).andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.code").value("platform.database-unavailable"))
                    .andExpect(jsonPath("$.detail").value("数据库暂时无法连接，请几秒后再试。"));
        }
    }

    @Test
    void aClientThatWentAwayIsNoIncident() throws Exception {
        mvc.perform(get("/api/v1/test/gone")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(""));
        org.assertj.core.api.Assertions.assertThat(ErrorHandling.clientGone(new IllegalStateException("other")))
                .isFalse();
    }

    @Test
    void anyOtherFailureToStartATransactionStaysAnInternalError() throws Exception {
        mvc.perform(get("/api/v1/test/broken")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("platform.internal-error"));
    }

    @Test
    void aPoolTimeoutOutsideTheControllersIsA503ProblemOrPageToo() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        MockMvc container = MockMvcBuilders.standaloneSetup(new PlatformErrorController(new Problems(messages)))
                .addPlaceholderValue("server.error.path", "/error").build();
        // What the container forwards to /error when a filter or a page's rendering failed.
        var failure = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                POOL_TIMEOUT);
        container.perform(get("/error").header("Accept-Language", "zh-CN")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/cases/applications")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, failure))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.code").value("platform.busy"));
        container.perform(get("/error").header("Accept-Language", "zh-CN")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/search")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, failure))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "5"));
        // The database went away while a filter or a page used it: 503 too.
        container.perform(get("/error").header("Accept-Language", "en")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/cases/applications")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION,
                                new org.springframework.dao.DataAccessResourceFailureException("x",
                                        new java.sql.SQLException("Connection refused", "08001"))))
                .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.code").value("platform.database-unavailable"));
        // Any other failure stays a 500.
        container.perform(get("/error")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/cases/applications")
                        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("x")))
                .andExpect(status().isInternalServerError());
    }
}

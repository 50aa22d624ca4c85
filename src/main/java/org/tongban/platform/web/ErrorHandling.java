package org.tongban.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.tongban.shared.CalendarYearMissingException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Turns every failure into a problem detail (API) or a localized error page (people), with a stable code. No
 * failure is ever answered with 200.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final Problems problems;

    ErrorHandling(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    Object invalidField(InvalidFieldException e, HttpServletRequest request, Locale locale) {
        InvalidValueException invalid = e.invalidValue();
        return answer(HttpStatus.BAD_REQUEST, invalid.code(), invalid.arguments(), e.field(), request, locale);
    }

    /** A period reaching into a year whose holiday calendar is not published yet: never guessed (行政许可法 Art. 82). */
    @ExceptionHandler
    Object calendarYearMissing(CalendarYearMissingException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, e.code(), e.arguments(), null, request, locale);
    }

    @ExceptionHandler
    Object invalidValue(InvalidValueException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.BAD_REQUEST, e.code(), e.arguments(), null, request, locale);
    }

    /** A module's refusal (cases, ratings, supervision): its status and stable code. */
    @ExceptionHandler
    Object refused(RefusedException e, HttpServletRequest request, Locale locale) {
        return answer(e.status(), e.code(), e.arguments(), null, request, locale);
    }

    @ExceptionHandler
    Object notFound(NotFoundException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.NOT_FOUND, e.code(), e.arguments(), null, request, locale);
    }

    /** No page, API or static file at this path (static files live only under /css, /js and /webjars). */
    @ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
    Object noResource(Exception e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.NOT_FOUND, "platform.not-found", new Object[] { request.getRequestURI() }, null,
                request, locale);
    }

    @ExceptionHandler
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.BAD_REQUEST, "platform.parameter.type", new Object[] { e.getName() }, e.getName(),
                request, locale);
    }

    @ExceptionHandler
    Object missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.BAD_REQUEST, "platform.parameter.missing", new Object[] { e.getParameterName() },
                e.getParameterName(), request, locale);
    }

    @ExceptionHandler
    Object binding(BindException e, HttpServletRequest request, Locale locale) {
        String field = e.getFieldError() == null ? null : e.getFieldError().getField();
        return answer(HttpStatus.BAD_REQUEST, "platform.parameter.invalid", new Object[] { field }, field, request,
                locale);
    }

    /**
     * A form field naming a list position beyond what binding grows a list to ({@code rows[300].name}): the caller's
     * input, not a failure.
     */
    @ExceptionHandler
    Object invalidProperty(org.springframework.beans.InvalidPropertyException e, HttpServletRequest request,
            Locale locale) {
        return answer(HttpStatus.BAD_REQUEST, "platform.parameter.invalid", new Object[] { e.getPropertyName() },
                e.getPropertyName(), request, locale);
    }

    @ExceptionHandler
    Object unreadable(org.springframework.http.converter.HttpMessageNotReadableException e,
            HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.BAD_REQUEST, "platform.body.unreadable", new Object[0], null, request, locale);
    }

    @ExceptionHandler
    Object methodNotSupported(HttpRequestMethodNotSupportedException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "platform.method-not-allowed", new Object[] { e.getMethod() },
                null, request, locale);
    }

    @ExceptionHandler
    Object mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "platform.media-type", new Object[0], null, request, locale);
    }

    @ExceptionHandler
    Object notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.NOT_ACCEPTABLE, "platform.not-acceptable", new Object[0], null, request, locale);
    }

    /**
     * Text PostgreSQL cannot store (a NUL character, U+0000) is the caller's mistake, not the server's: the transaction
     * that tried to write it is rolled back, and the caller hears which kind of input was wrong.
     */
    @ExceptionHandler
    Object database(org.springframework.dao.DataAccessException e, HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response, Locale locale) throws Exception {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState())
                    || "22P05".equals(sql.getSQLState()))) {
                return answer(HttpStatus.BAD_REQUEST, "platform.text.invalid-character", new Object[0], null, request,
                        locale);
            }
        }
        return unexpected(e, request, response, locale);
    }

    /** Seconds a client is asked to wait when the database is out of reach for a moment (Retry-After). */
    static final String BUSY_RETRY_AFTER = "5";

    private static boolean noConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database went away under the request: its connection was closed or refused (SQLSTATE class 08), or the
     * server is shutting down or starting (57P01–57P03: a restart, a fail-over). The pool replaces the connection and
     * the platform recovers by itself, so this is a 503 to retry, not a defect (PostgreSQL manual, Appendix A).
     */
    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && (sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                    || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's answer on a connection it has already evicted as broken (after a 57P01, say): "Connection is closed",
     * without an SQLSTATE. The rollback after the failed statement meets it and its failure replaces the first one.
     */
    private static boolean closedByThePool(java.sql.SQLException e) {
        StackTraceElement[] at = e.getStackTrace();
        return e.getSQLState() == null && at.length > 0 && at[0].getClassName().startsWith("com.zaxxer.hikari.pool.");
    }

    /**
     * The code of a 503 for a database that is momentarily out of reach, or null when the failure is another: no
     * connection came free within the pool's wait (HikariCP's connection timeout: overloaded, not broken), or the
     * database went away. Answered 503 with {@code Retry-After}, so that clients and the load balancer back off
     * (RFC 9110 §15.6.4), instead of a 500 that reads as a defect — here, in {@link PlatformErrorController} and in
     * {@link AdmissionControl}'s error dispatches.
     */
    static String unavailableCode(Throwable e) {
        return noConnection(e) ? "platform.busy" : databaseUnavailable(e) ? "platform.database-unavailable" : null;
    }

    /**
     * The client closed the connection while the answer was being written (a browser navigating away, a load
     * generator stopping): nothing can be answered any more, and nothing is wrong with the platform, so no error is
     * logged and no incident is made.
     */
    static boolean clientGone(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                    || cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler
    Object unexpected(Exception e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
            Locale locale) throws Exception {
        if (clientGone(e)) {
            log.debug("The client went away during {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            return null;
        }
        String outage = unavailableCode(e);
        if (outage != null) {
            log.warn("Database out of reach during {} {}: answered 503 {} ({})", request.getMethod(),
                    request.getRequestURI(), outage, e.getMessage());
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER);
            return answer(HttpStatus.SERVICE_UNAVAILABLE, outage, new Object[0], null, request, locale);
        }
        if (e instanceof org.springframework.web.ErrorResponse known) {
            // Framework failures that already know their status (e.g. 413, 415): keep it.
            HttpStatusCode status = known.getStatusCode();
            return answer(status, "platform.status." + status.value(), new Object[0], null, request, locale);
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure {} on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "platform.internal-error", new Object[] { incident }, null,
                request, locale);
    }

    private Object answer(HttpStatusCode status, String code, Object[] arguments, String field,
            HttpServletRequest request, Locale locale) {
        String message = problems.message(code, arguments, locale);
        List<Problems.FieldError> errors = field == null ? List.of()
                : List.of(new Problems.FieldError(field, code, message));
        if (Problems.isApi(request)) {
            ProblemDetail problem = problems.problem(status, code, arguments, locale, request);
            if (field != null) {
                problem.setProperty("field", field);
                problem.setProperty("errors", errors);
            }
            return problems.respond(problem);
        }
        return problems.page(status, code, message, errors);
    }
}

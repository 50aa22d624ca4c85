package org.tongban.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Admission control: at most {@code max-in-flight} requests are handled at once; a request that finds them all taken
 * waits up to {@code queue-timeout} for one to finish and is otherwise turned away at once with 503 and
 * {@code Retry-After} (RFC 9110 §15.6.4), before it has loaded a session or taken a database connection.
 *
 * <p>Requests run on virtual threads, so nothing else bounds how many are accepted: at a cold start under full load
 * ({@code bench/soak.sh}) thousands piled up behind the ten database connections, each waited its 30 s for one, and
 * work finished after its client had given up was done for nothing. Bounded, the requests admitted finish in their
 * usual time and the others hear at once that they should come back, so the platform catches up instead of sinking.
 *
 * <p>Not counted: liveness and readiness probes (an orchestrator must still see a busy node as alive) and the static
 * stylesheets and scripts, which touch no database.
 *
 * <p>It also sees the error dispatches, so that it can answer a request that failed on a database outage before the
 * error page reads the session from that database again ({@link #outage}).
 */
final class AdmissionControl extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdmissionControl.class);
    /** Seconds a turned-away client is asked to wait: a moment, the requests in flight finish in milliseconds. */
    static final String RETRY_AFTER = "2";
    private static final String CODE = "platform.overloaded";

    private final Semaphore permits;
    private final int limit;
    private final long waitNanos;
    private final Problems problems;
    private final JsonMapper json;
    private final AtomicLong refused = new AtomicLong();

    AdmissionControl(int maxInFlight, Duration queueTimeout, Problems problems, JsonMapper json) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("tongban.web.admission.max-in-flight must be at least 1");
        }
        this.permits = new Semaphore(maxInFlight, true);
        this.limit = maxInFlight;
        this.waitNanos = queueTimeout.toNanos();
        this.problems = problems;
        this.json = json;
    }

    /** Requests being handled now (for tests and the log). */
    int inFlight() {
        return limit - permits.availablePermits();
    }

    /** Requests turned away since the start. */
    long refused() {
        return refused.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/actuator/health") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/webjars/") || path.startsWith("/_static/") || path.equals("/favicon.ico");
    }

    /** Error dispatches come here too, for {@link #outage}; they take no permit (their request holds one). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR) {
            outage(request, response, chain);
            return;
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /**
     * The error page of a request that failed because the database went away or had no connection free: answered
     * here, 503 with Retry-After, because the error dispatch would otherwise read the session again from that same
     * database, fail once more, and leave the client a bare 500 (found by {@code bench/drill-db-restart.sh}). Other
     * errors go on to {@link PlatformErrorController}.
     */
    private void outage(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object failure = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION);
        String code = failure instanceof Throwable t ? ErrorHandling.unavailableCode(t) : null;
        if (code == null || response.isCommitted()) {
            chain.doFilter(request, response);
            return;
        }
        Object uri = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        log.warn("Database unavailable for {} {}: answered 503 ({})", request.getMethod(), path, failure);
        write(request, response, path, code, ErrorHandling.BUSY_RETRY_AFTER);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long count = refused.incrementAndGet();
        // one line per thousand, not per request: the log must not become the next bottleneck of an overload
        if (count == 1 || count % 1000 == 0) {
            log.warn("{} request(s) turned away since the start: all {} admitted requests busy ({} {})", count, limit,
                    request.getMethod(), request.getRequestURI());
        }
        write(request, response, request.getRequestURI(), CODE, RETRY_AFTER);
    }

    /** A 503 problem (API paths) or short page (the others) for {@code code}, written without session or layout. */
    private void write(HttpServletRequest request, HttpServletResponse response, String path, String code,
            String retryAfter) throws IOException {
        Locale locale = locale(request, path);
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (Problems.isApiPath(path)) {
            ProblemDetail problem = problems.problem(HttpStatus.SERVICE_UNAVAILABLE, code, new Object[0], locale,
                    request);
            problem.setInstance(java.net.URI.create(path));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // written as RFC 9457 members (the message converters' ProblemDetail mix-in is not at hand in a filter)
            Map<String, Object> members = new java.util.LinkedHashMap<>();
            members.put("type", problem.getType().toString());
            members.put("title", problem.getTitle());
            members.put("status", problem.getStatus());
            members.put("detail", problem.getDetail());
            members.put("instance", String.valueOf(problem.getInstance()));
            if (problem.getProperties() != null) {
                members.putAll(problem.getProperties());
            }
            response.getWriter().write(json.writeValueAsString(members));
            return;
        }
        // A page, written here without the layout: rendering that would read the person's session from the database,
        // the very resource that is short. A form that was posted is still in the browser: going back keeps it.
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.getWriter().write(page(locale, request, path, code));
    }

    private String page(Locale locale, HttpServletRequest request, String path, String code) {
        Map<String, String> text = Map.of(
                "title", problems.message("platform.status.503", null, locale),
                "message", problems.message(code, null, locale),
                "again", problems.message("platform.overloaded.again", null, locale),
                "back", problems.message("platform.overloaded.back", null, locale));
        boolean get = "GET".equals(request.getMethod());
        String again = get ? "<a class=\"button\" href=\"" + HtmlUtils.htmlEscape(target(request, path)) + "\">"
                + HtmlUtils.htmlEscape(text.get("again")) + "</a>" : "";
        return "<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + HtmlUtils.htmlEscape(text.get("title")) + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
                + "color:#1a1a1a\">"
                + "<main role=\"alert\"><h1>" + HtmlUtils.htmlEscape(text.get("title")) + "</h1>"
                + "<p>" + HtmlUtils.htmlEscape(text.get("message")) + "</p>"
                + "<p>" + HtmlUtils.htmlEscape(text.get("back")) + "</p>"
                + "<p>" + again + "</p></main></body></html>\n";
    }

    /** The same address again, path and query, for a "try again" link (only for GET: reloading repeats nothing). */
    private static String target(HttpServletRequest request, String path) {
        Object errorQuery = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_QUERY_STRING);
        String query = request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR
                ? (errorQuery == null ? null : errorQuery.toString()) : request.getQueryString();
        return path + (query == null ? "" : "?" + query);
    }

    /**
     * The language, read from the cookie and {@code Accept-Language} directly (as {@link WebConfiguration} chooses it,
     * Chinese first): the locale resolver of Spring MVC has not run yet this early.
     */
    private static Locale locale(HttpServletRequest request, String path) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie cookie : cookies) {
                if (WebConfiguration.LANGUAGE_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue().startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
                }
            }
        }
        return WebConfiguration.defaultLocale(request, path);
    }
}

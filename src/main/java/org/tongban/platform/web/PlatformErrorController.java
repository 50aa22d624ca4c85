package org.tongban.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's last resort (failures outside controllers, e.g. in filters): the same problem details and
 * localized pages as {@link ErrorHandling}, instead of Spring Boot's default error body.
 */
@Controller
class PlatformErrorController implements ErrorController {

    private final Problems problems;

    PlatformErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    Object error(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Locale locale) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = statusAttribute instanceof Integer value ? HttpStatusCode.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String code = status.value() == 404 ? "platform.not-found" : "platform.status." + status.value();
        String outage = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? ErrorHandling.unavailableCode(failure) : null;
        if (outage != null) {
            // No database connection came free in time, or the database went away (a restart), in a filter or while a
            // page was rendered (outside the controllers' handling): answered as ErrorHandling answers it — 503,
            // Retry-After.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            code = outage;
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, ErrorHandling.BUSY_RETRY_AFTER);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        Object[] arguments = { path };
        boolean api = Problems.isApiPath(path);
        if (api) {
            ProblemDetail problem = problems.problem(status, code, arguments, locale, request);
            problem.setInstance(java.net.URI.create(path));
            return problems.respond(problem);
        }
        return problems.page(status, code, problems.message(code, arguments, locale), List.of());
    }
}

package org.tongban.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Builds the two faces of every failure from one stable code: an RFC 9457 problem detail for API clients and a
 * localized error page for people. The code is also the message-bundle key.
 */
@Component
public class Problems {

    /** Where problem type URIs live; the code is appended. */
    public static final String TYPE_PREFIX = "urn:tongban:problem:";

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    /** A field that was wrong, for the {@code errors} member of a problem. */
    public record FieldError(String field, String code, String message) {
    }

    public String message(String code, Object[] arguments, Locale locale) {
        try {
            return messages.getMessage(code, arguments, locale);
        } catch (NoSuchMessageException e) {
            return messages.getMessage("platform.error.generic", null, code, locale);
        }
    }

    public ProblemDetail problem(HttpStatusCode status, String code, Object[] arguments, Locale locale,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message(code, arguments, locale));
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(message("platform.status." + status.value(), null, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        return problem;
    }

    public ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Whether the request is an API call (answered with problem details) rather than a page. */
    public static boolean isApi(HttpServletRequest request) {
        return isApiPath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Whether a path (without the context path) is an API path, e.g. the original path of an error dispatch. */
    public static boolean isApiPath(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
    }

    /** The error page for people: the same code and message, localized, with the status. */
    public ModelAndView page(HttpStatusCode status, String code, String message, List<FieldError> errors) {
        ModelAndView view = new ModelAndView("error/page", Map.of(
                "status", status.value(),
                "code", code,
                "message", message,
                "errors", errors));
        view.setStatus(status);
        return view;
    }
}

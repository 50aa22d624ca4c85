package org.tongban.identity.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.identity.NotPermittedException;
import org.tongban.identity.SmsUnavailableException;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.platform.web.Problems;

/**
 * Failures of the identity pages and API that the platform's generic handling would not map right: a refusal of the
 * identity module answers 403 (a problem detail for the API, the error page for people), a refused role goes back to
 * Spring Security (403, or the sign-in page for anonymous visitors), limits answer 429 with {@code Retry-After}, a
 * missing SMS gateway 503.
 */
@ControllerAdvice(basePackageClasses = IdentityErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityErrors {

    private final Problems problems;

    IdentityErrors(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    Object notPermitted(NotPermittedException e, HttpServletRequest request, Locale locale) {
        if (Problems.isApi(request)) {
            return problems.respond(problems.problem(HttpStatus.FORBIDDEN, e.code(), e.arguments(), locale, request));
        }
        return problems.page(HttpStatus.FORBIDDEN, e.code(), problems.message(e.code(), e.arguments(), locale),
                List.of());
    }

    @ExceptionHandler
    void accessDenied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler
    Object tooMany(TooManyRequestsException e, HttpServletRequest request, Locale locale) {
        if (Problems.isApi(request)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problems.problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.arguments(), locale, request));
        }
        return problems.page(HttpStatus.TOO_MANY_REQUESTS, e.code(), problems.message(e.code(), e.arguments(), locale),
                java.util.List.of());
    }

    @ExceptionHandler
    Object unavailable(SmsUnavailableException e, HttpServletRequest request, Locale locale) {
        if (Problems.isApi(request)) {
            return problems.respond(problems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.code(), new Object[0], locale,
                    request));
        }
        return problems.page(HttpStatus.SERVICE_UNAVAILABLE, e.code(), problems.message(e.code(), null, locale),
                java.util.List.of());
    }
}

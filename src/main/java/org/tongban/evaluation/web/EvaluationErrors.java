package org.tongban.evaluation.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.platform.web.Problems;

/**
 * The limit on failed kiosk and rating-link requests answers 429 with {@code Retry-After} (a problem detail for the
 * API, the error page for people), not the 400 the platform gives other invalid values.
 */
@ControllerAdvice(basePackageClasses = EvaluationErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EvaluationErrors {

    private final Problems problems;

    EvaluationErrors(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    Object tooMany(TooManyRequestsException e, HttpServletRequest request, Locale locale) {
        if (Problems.isApi(request)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problems.problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.arguments(), locale, request));
        }
        return problems.page(HttpStatus.TOO_MANY_REQUESTS, e.code(), problems.message(e.code(), e.arguments(), locale),
                List.of());
    }
}

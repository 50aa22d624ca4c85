package org.tongban.evaluation.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.evaluation.RatingRefusedException;
import org.tongban.platform.web.Problems;

/** The module's refusals as problem details (API) and localized pages, with their stable codes. */
@ControllerAdvice(basePackageClasses = EvaluationErrorHandling.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EvaluationErrorHandling {

    private final Problems problems;

    EvaluationErrorHandling(Problems problems) {
        this.problems = problems;
    }

    static HttpStatus status(RatingRefusedException e) {
        return switch (e.reason()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case SIGN_IN -> HttpStatus.UNAUTHORIZED;
        };
    }

    @ExceptionHandler
    Object refused(RatingRefusedException e, HttpServletRequest request, Locale locale) {
        HttpStatus status = status(e);
        if (Problems.isApi(request)) {
            return problems.respond(problems.problem(status, e.code(), e.arguments(), locale, request));
        }
        return problems.page(status, e.code(), problems.message(e.code(), e.arguments(), locale), List.of());
    }
}

package org.tongban.supervision.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.platform.web.Problems;
import org.tongban.supervision.SupervisionRefusedException;

/** The module's refusals as problem details (API) and localized pages, with their stable codes. */
@ControllerAdvice(basePackageClasses = SupervisionErrorHandling.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SupervisionErrorHandling {

    private final Problems problems;

    SupervisionErrorHandling(Problems problems) {
        this.problems = problems;
    }

    static HttpStatus status(SupervisionRefusedException e) {
        return switch (e.reason()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case SIGN_IN -> HttpStatus.UNAUTHORIZED;
        };
    }

    @ExceptionHandler
    Object refused(SupervisionRefusedException e, HttpServletRequest request, Locale locale) {
        HttpStatus status = status(e);
        if (Problems.isApi(request)) {
            return problems.respond(problems.problem(status, e.code(), e.arguments(), locale, request));
        }
        return problems.page(status, e.code(), problems.message(e.code(), e.arguments(), locale), List.of());
    }
}

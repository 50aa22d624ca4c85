package org.tongban.identity.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.identity.NotPermittedException;
import org.tongban.platform.web.Problems;

/** Answers a refusal of the identity module with 403: a problem detail for the API, the error page for people. */
@ControllerAdvice
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
}

package org.tongban.exchange.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.exchange.ExchangeConflictException;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.ProviderUnavailableException;
import org.tongban.platform.web.Problems;

/** Refusals of the exchange answer 403, conflicts 409, a missing sign-in 401 (problem details for the API). */
@ControllerAdvice(basePackageClasses = ExchangeErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExchangeErrors {

    private final Problems problems;

    ExchangeErrors(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    Object refused(ExchangeRefusedException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.FORBIDDEN, e.code(), e.arguments(), request, locale);
    }

    @ExceptionHandler
    Object unavailable(ProviderUnavailableException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, e.code(), e.arguments(), request, locale);
    }

    @ExceptionHandler
    Object conflict(ExchangeConflictException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.CONFLICT, e.code(), e.arguments(), request, locale);
    }

    /**
     * A certificate-bound token without its certificate: RFC 8705 §3 has the resource answer as to an invalid token
     * (401, {@code invalid_token}).
     */
    @ExceptionHandler
    Object unbound(Consumers.UnboundCallException e, HttpServletRequest request, Locale locale) {
        var problem = problems.problem(HttpStatus.UNAUTHORIZED, "exchange.token.certificate-mismatch", new Object[0],
                locale, request);
        return org.springframework.http.ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\", "
                        + "error_description=\"certificate-bound token without its certificate\"")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    Object signIn(Consumers.SignInRequiredException e, HttpServletRequest request, Locale locale) {
        return answer(HttpStatus.UNAUTHORIZED, "identity.signin.required", new Object[0], request, locale);
    }

    private Object answer(HttpStatus status, String code, Object[] arguments, HttpServletRequest request,
            Locale locale) {
        if (Problems.isApi(request)) {
            return problems.respond(problems.problem(status, code, arguments, locale, request));
        }
        return problems.page(status, code, problems.message(code, arguments, locale), List.of());
    }
}

package org.tongban.certificates.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tongban.certificates.CertificateRefusedException;
import org.tongban.platform.web.Problems;

/** The module's refusals as RFC 9457 problem details (API) and localized pages, with their stable codes. */
@ControllerAdvice(basePackageClasses = CertificatesErrorHandling.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CertificatesErrorHandling {

    private final Problems problems;

    CertificatesErrorHandling(Problems problems) {
        this.problems = problems;
    }

    static HttpStatus status(CertificateRefusedException e) {
        return switch (e.reason()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case SIGN_IN -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    @ExceptionHandler
    Object refused(CertificateRefusedException e, HttpServletRequest request, Locale locale) {
        HttpStatus status = status(e);
        List<Problems.FieldError> errors = fieldErrors(e, locale);
        if (Problems.isApi(request)) {
            ProblemDetail problem = problems.problem(status, e.code(), e.arguments(), locale, request);
            if (!errors.isEmpty()) {
                problem.setProperty("errors", errors);
            }
            return problems.respond(problem);
        }
        return problems.page(status, e.code(), problems.message(e.code(), e.arguments(), locale), errors);
    }

    String message(CertificateRefusedException e, Locale locale) {
        return problems.message(e.code(), e.arguments(), locale);
    }

    List<Problems.FieldError> fieldErrors(CertificateRefusedException e, Locale locale) {
        return e.fields().stream().map(f -> new Problems.FieldError(f.field(), f.code(),
                problems.message(f.code(), f.arguments(), locale))).toList();
    }
}

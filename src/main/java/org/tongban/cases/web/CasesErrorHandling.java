package org.tongban.cases.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.tongban.cases.AssuranceLevelTooLowException;
import org.tongban.cases.FieldProblem;
import org.tongban.cases.IncompleteApplicationException;
import org.tongban.cases.InvalidFormDefinitionException;
import org.tongban.platform.web.Problems;

/** The module's failures as problem details (API) and localized pages, with their stable codes. */
@ControllerAdvice(basePackageClasses = CasesErrorHandling.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CasesErrorHandling {

    private final Problems problems;

    CasesErrorHandling(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    Object incomplete(IncompleteApplicationException e, HttpServletRequest request, Locale locale) {
        return unprocessable("cases.application.incomplete", fieldErrors(e.problems(), locale), request, locale);
    }

    @ExceptionHandler
    Object invalidDelivery(org.tongban.cases.InvalidDeliveryException e, HttpServletRequest request, Locale locale) {
        return unprocessable("cases.delivery.invalid", fieldErrors(e.problems(), locale), request, locale);
    }

    @ExceptionHandler
    Object invalidForm(InvalidFormDefinitionException e, HttpServletRequest request, Locale locale) {
        return unprocessable("cases.form-definition.invalid", fieldErrors(e.problems(), locale), request, locale);
    }

    @ExceptionHandler
    Object invalidDefinition(org.tongban.cases.InvalidProcessDefinitionException e, HttpServletRequest request,
            Locale locale) {
        List<Problems.FieldError> errors = e.problems().stream()
                .map(p -> new Problems.FieldError(p.node() == null ? "nodes" : p.node(), p.code(),
                        problems.message(p.code(), new Object[] { p.node() }, locale)))
                .toList();
        return unprocessable("cases.definition.invalid", errors, request, locale);
    }

    private List<Problems.FieldError> fieldErrors(List<FieldProblem> found, Locale locale) {
        return found.stream().map(p -> new Problems.FieldError(p.field(), p.code(), message(p, locale))).toList();
    }

    /** 422 with every error: a problem with an {@code errors} list for the API, the error page for pages. */
    private Object unprocessable(String code, List<Problems.FieldError> errors, HttpServletRequest request,
            Locale locale) {
        if (Problems.isApi(request)) {
            ProblemDetail problem = problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, code,
                    new Object[] { errors.size() }, locale, request);
            problem.setProperty("errors", errors);
            return problems.respond(problem);
        }
        return problems.page(HttpStatus.UNPROCESSABLE_CONTENT, code,
                problems.message(code, new Object[] { errors.size() }, locale), errors);
    }

    /** Pages send the person to step up their real-name level and come back; the API says what is needed. */
    @ExceptionHandler
    Object assurance(AssuranceLevelTooLowException e, HttpServletRequest request, Locale locale) {
        if (Problems.isApi(request)) {
            ProblemDetail problem = problems.problem(HttpStatus.FORBIDDEN, "cases.assurance.too-low",
                    new Object[] { e.needed(), e.actual() }, locale, request);
            problem.setProperty("needed", e.needed());
            return problems.respond(problem);
        }
        String back = request.getRequestURI();
        if ("POST".equals(request.getMethod()) && request.getHeader("Referer") != null) {
            back = java.net.URI.create(request.getHeader("Referer")).getRawPath();
        }
        return new ModelAndView("redirect:/account/assurance?needed=" + e.needed() + "&continue="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    String message(FieldProblem p, Locale locale) {
        return problems.message(p.code(), p.arguments(), locale);
    }
}

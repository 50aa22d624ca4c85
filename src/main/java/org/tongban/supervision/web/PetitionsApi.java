package org.tongban.supervision.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsUnavailableException;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.platform.web.Problems;
import org.tongban.supervision.PetitionRefusedException;
import org.tongban.supervision.PetitionRequest;
import org.tongban.supervision.PetitionView;
import org.tongban.supervision.Petitions;

/**
 * Consultations, complaints and reports (咨询/投诉/举报) over HTTP. Anyone submits ({@code 201}); without signing in,
 * first ask for a code to the phone ({@code 202}), then submit with phone and code, and keep the lookup code the answer
 * names. Failures: 422 with the field ({@code supervision.petition.*}), 400 {@code identity.phone.format} /
 * {@code identity.sms.code-invalid}, 429 {@code identity.sms.*} or {@code supervision.petition.too-many} with
 * {@code Retry-After}, 403 {@code supervision.petition.staff} for staff accounts. A body's staff read their inbox and
 * answer once (404 {@code supervision.petition.not-found} for another body's, 409 when answered); the submitter rates
 * an answer once (by account, or by lookup code and phone).
 */
@RestController
@RequestMapping("/api/v1/petitions")
class PetitionsApi {

    private final Petitions petitions;
    private final Problems problems;

    PetitionsApi(Petitions petitions, Problems problems) {
        this.petitions = petitions;
        this.problems = problems;
    }

    record PhoneCode(String phone) {
    }

    @PostMapping("/phone-codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void phoneCode(@RequestBody PhoneCode body, @AuthenticationPrincipal SignedIn who, HttpServletRequest request,
            Locale locale) {
        petitions.sendPhoneCode(who, body.phone(), request.getRemoteAddr(), locale);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Petitions.Submitted submit(@RequestBody PetitionRequest body, @AuthenticationPrincipal SignedIn who,
            HttpServletRequest request) {
        return petitions.submit(who, body, request.getRemoteAddr());
    }

    @GetMapping("/mine")
    List<PetitionView> mine(@AuthenticationPrincipal SignedIn who) {
        return petitions.mine(who);
    }

    record Lookup(String lookupCode, String phone) {
    }

    @PostMapping("/lookup")
    PetitionView lookup(@RequestBody Lookup body) {
        return petitions.lookup(body.lookupCode(), body.phone());
    }

    record Rating(Boolean satisfied, String lookupCode, String phone) {
    }

    @PostMapping("/lookup/rating")
    PetitionView rateByLookup(@RequestBody Rating body) {
        return petitions.rate(body.lookupCode(), body.phone(), body.satisfied());
    }

    @PostMapping("/{id}/rating")
    PetitionView rate(@PathVariable UUID id, @RequestBody Rating body, @AuthenticationPrincipal SignedIn who) {
        return petitions.rate(who, id, body.satisfied());
    }

    @GetMapping("/inbox")
    List<PetitionView> inbox(@AuthenticationPrincipal SignedIn staff) {
        return petitions.inbox(staff);
    }

    record Answer(String answer) {
    }

    @PostMapping("/{id}/answer")
    PetitionView answer(@PathVariable UUID id, @RequestBody Answer body, @AuthenticationPrincipal SignedIn staff) {
        return petitions.answer(staff, id, body.answer());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> field(PetitionRefusedException e, HttpServletRequest request, Locale locale) {
        ProblemDetail problem = problems.problem(e.status(), e.code(), e.arguments(), locale, request);
        problem.setProperty("errors", List.of(new Problems.FieldError(e.field(), e.code(),
                problems.message(e.code(), e.arguments(), locale))));
        return problems.respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e, HttpServletRequest request, Locale locale) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.arguments(), locale, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> smsUnavailable(SmsUnavailableException e, HttpServletRequest request,
            Locale locale) {
        return problems.respond(problems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.code(), new Object[0], locale,
                request));
    }
}

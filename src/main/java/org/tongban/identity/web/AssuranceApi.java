package org.tongban.identity.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.AssuranceLevels;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsCodes;
import org.tongban.platform.web.InvalidFieldException;

/**
 * Sign-in codes and assurance levels for apps (REST, RFC 9457 problems): {@code 202} whether or not the phone has an
 * account, {@code 429} with {@code Retry-After} at a limit, {@code 503} without an SMS gateway.
 */
@RestController
@RequestMapping("/api/v1/identity")
class AssuranceApi {

    record CodeRequest(String phone) {
    }

    record Assurance(int level, Integer needed, boolean reached, List<AssuranceLevels.Way> ways) {
    }

    private final SmsCodes codes;
    private final AssuranceLevels levels;

    AssuranceApi(SmsCodes codes, AssuranceLevels levels) {
        this.codes = codes;
        this.levels = levels;
    }

    @PostMapping("/sign-in-codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void signInCode(@RequestBody CodeRequest body, HttpServletRequest request, Locale locale) {
        PhoneNumber phone = InvalidFieldException.parse("phone", () -> new PhoneNumber(body.phone()));
        codes.send(SmsCodes.Purpose.SIGN_IN, phone, request.getRemoteAddr(), locale);
    }

    /** The signed-in person's level and, for a needed level, the ways to reach it. */
    @GetMapping("/assurance")
    Assurance assurance(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(required = false) Integer needed) {
        int level = levels.current(signedIn.accountId());
        int target = AssuranceLevels.clamp(needed == null ? level : needed);
        return new Assurance(level, needed == null ? null : target, level >= target,
                AssuranceLevels.waysUp(level, target));
    }
}

package org.tongban.identity.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.AssuranceLevels;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SmsCodes;
import org.tongban.identity.SmsUnavailableException;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.identity.internal.SmsSignIn;
import org.tongban.shared.InvalidValueException;

/**
 * Sign-in by phone and one-time code (短信验证码登录). The notice after sending is the same whether or not the
 * number has an account.
 */
@Controller
class SmsSignInPages {

    private final SmsCodes codes;
    private final SmsSignIn signIn;
    private final MessageSource messages;
    private final boolean devInbox;

    SmsSignInPages(SmsCodes codes, SmsSignIn signIn, MessageSource messages,
            org.tongban.identity.SmsProperties properties) {
        this.codes = codes;
        this.signIn = signIn;
        this.messages = messages;
        this.devInbox = org.tongban.identity.SmsProperties.DEV_INBOX.equals(properties.gateway());
    }

    @GetMapping("/signin/sms")
    String form(@RequestParam(name = "continue", required = false) String continueTo, Model model) {
        return page(model, "", false, continueTo);
    }

    @PostMapping("/signin/sms/code")
    String sendCode(@RequestParam(defaultValue = "") String phone,
            @RequestParam(name = "continue", required = false) String continueTo, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        try {
            codes.send(SmsCodes.Purpose.SIGN_IN, new PhoneNumber(phone), request.getRemoteAddr(), locale);
            model.addAttribute("sent", true);
            return page(model, phone, true, continueTo);
        } catch (TooManyRequestsException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
            return error(model, "phone", e, phone, false, continueTo, locale);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            return error(model, "phone", e, phone, false, continueTo, locale);
        } catch (SmsUnavailableException e) {
            response.setStatus(503);
            model.addAttribute("error", messages.getMessage(e.code(), null, locale));
            model.addAttribute("errorField", "phone");
            return page(model, phone, false, continueTo);
        }
    }

    @PostMapping("/signin/sms")
    String signIn(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String code,
            @RequestParam(name = "continue", required = false) String continueTo, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        PhoneNumber number;
        try {
            number = new PhoneNumber(phone);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            return error(model, "phone", e, phone, false, continueTo, locale);
        }
        try {
            SessionPrincipal.signIn(signIn.signIn(number, code, request.getRemoteAddr()), request, response);
        } catch (SmsSignIn.Refused refused) {
            response.setStatus(refused.reason().equals("bad-credentials") ? 401 : 429);
            String key = switch (refused.reason()) {
                case "locked" -> "identity.signin.locked";
                case "throttled" -> "identity.signin.throttled";
                default -> "identity.sms.signin-failed";
            };
            model.addAttribute("error", messages.getMessage(key, new Object[] { refused.lockedMinutes() }, locale));
            model.addAttribute("errorField", "code");
            return page(model, number.value(), true, continueTo);
        }
        return "redirect:" + AssuranceLevels.safeContinue(continueTo).orElse("/account");
    }

    private String error(Model model, String field, InvalidValueException e, String phone, boolean codeStep,
            String continueTo, Locale locale) {
        model.addAttribute("error", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        model.addAttribute("errorField", field);
        return page(model, phone, codeStep, continueTo);
    }

    private String page(Model model, String phone, boolean codeStep, String continueTo) {
        model.addAttribute("phone", phone == null ? "" : phone.strip());
        model.addAttribute("codeStep", codeStep);
        model.addAttribute("available", codes.available());
        model.addAttribute("devInbox", devInbox);
        model.addAttribute("continueTo", AssuranceLevels.safeContinue(continueTo).orElse(null));
        return "identity/signin-sms";
    }
}

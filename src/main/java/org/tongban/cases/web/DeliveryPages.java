package org.tongban.cases.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.CaseDelivery;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.DeliveryMethod;
import org.tongban.cases.FieldProblem;
import org.tongban.cases.InvalidDeliveryException;
import org.tongban.identity.SignedIn;

/**
 * The delivery forms: the applicant's choice on the case page, the officer's record on the delivery step's page.
 * Invalid input goes back to the page with a message next to each field and everything typed kept.
 */
@Controller
class DeliveryPages {

    private final CaseDelivery delivery;
    private final MessageSource messages;

    DeliveryPages(CaseDelivery delivery, MessageSource messages) {
        this.delivery = delivery;
        this.messages = messages;
    }

    @PostMapping("/account/cases/{id}/delivery")
    String choose(@PathVariable UUID id, @RequestParam(required = false) String method,
            @RequestParam(required = false) String hallId, @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String mobile,
            @RequestParam(name = "address.division", required = false) String division,
            @RequestParam(name = "address.detail", required = false) String detail,
            @RequestParam(defaultValue = "detail") String from, @AuthenticationPrincipal SignedIn who, Locale locale, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("method", method);
        typed.put("hallId", hallId);
        typed.put("recipient", recipient);
        typed.put("mobile", mobile);
        typed.put("address.division", division);
        typed.put("address.detail", detail);
        DeliveryMethod chosen = parse(DeliveryMethod.class, method);
        UUID hall = null;
        try {
            hall = hallId == null || hallId.isBlank() ? null : UUID.fromString(hallId);
        } catch (IllegalArgumentException e) {
            hall = null;
        }
        CaseDelivery.Choice choice = new CaseDelivery.Choice(chosen, hall, recipient, mobile,
                new CaseDelivery.Address(division, detail));
        return handle("redirect:/account/cases/" + id + ("edit".equals(from) ? "/edit" : "") + "#delivery", typed, locale, redirect,
                () -> delivery.choose(who, id, choice));
    }

    @PostMapping("/workbench/tasks/{id}/delivery")
    String record(@PathVariable UUID id, @RequestParam(required = false) String method,
            @RequestParam(required = false) String carrier, @RequestParam(required = false) String trackingNumber,
            @RequestParam(required = false) String postedOn, @RequestParam(required = false) String collectorName,
            @RequestParam(required = false) String collectorIdNumber,
            @RequestParam(defaultValue = "false") boolean agent, @AuthenticationPrincipal SignedIn officer,
            Locale locale, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("carrier", carrier);
        typed.put("trackingNumber", trackingNumber);
        typed.put("postedOn", postedOn);
        typed.put("collectorName", collectorName);
        // The typed ID number is not carried back to the page: it is personal data and must be typed again.
        typed.put("agent", Boolean.toString(agent));
        CaseDelivery.Record input = new CaseDelivery.Record(parse(DeliveryMethod.class, method), carrier,
                trackingNumber, postedOn, collectorName, collectorIdNumber, agent);
        String back = "redirect:/workbench/tasks/" + id + "#delivery";
        try {
            delivery.record(officer, id, input);
            redirect.addFlashAttribute("deliveryDone", true);
            return back;
        } catch (InvalidDeliveryException | CaseRefusedException e) {
            return handle(back, typed, locale, redirect, () -> {
                throw e;
            });
        }
    }

    private String handle(String back, Map<String, String> typed, Locale locale, RedirectAttributes redirect,
            Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("deliverySaved", true);
        } catch (InvalidDeliveryException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.putIfAbsent(p.field(), messages.getMessage(p.code(), p.arguments(), locale));
            }
            redirect.addFlashAttribute("deliveryErrors", errors);
            redirect.addFlashAttribute("deliveryTyped", typed);
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN
                    || e.reason() == CaseRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("deliveryError", messages.getMessage(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("deliveryTyped", typed);
        }
        return back;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

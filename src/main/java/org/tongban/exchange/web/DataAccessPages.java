package org.tongban.exchange.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tongban.exchange.SubjectType;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.identity.PersonalData;
import org.tongban.identity.SignedIn;

/**
 * "Who looked at my data" (DOMAIN §9: the data subject can see every exchange about them): the signed-in person's
 * own entries, found by the look-up hash of their ID number, and — while they act for a company — the company's.
 * Nobody sees anyone else's; the web chain admits only signed-in people to {@code /account/**}.
 */
@Controller
class DataAccessPages {

    private static final int LIMIT = 200;

    private final AccessLog accessLog;
    private final PersonalData protection;

    DataAccessPages(AccessLog accessLog, PersonalData protection) {
        this.accessLog = accessLog;
        this.protection = protection;
    }

    record Seen(java.time.Instant at, String consumer, String resource, String provider, List<String> items,
            String purpose, String caseReference, String about) {
    }

    @GetMapping("/account/data-access")
    String page(@AuthenticationPrincipal SignedIn person, Model model) {
        model.addAttribute("entries", entries(person));
        model.addAttribute("company", person.actingFor() == null ? null : person.actingFor().companyName());
        return "exchange/data-access";
    }

    @GetMapping(path = "/api/v1/exchange/access-log/mine", produces = "application/json")
    @ResponseBody
    List<Seen> mine(@AuthenticationPrincipal SignedIn person) {
        if (person == null) {
            throw new Consumers.SignInRequiredException();
        }
        return entries(person);
    }

    private List<Seen> entries(SignedIn person) {
        List<Seen> seen = new ArrayList<>();
        protection.residentIdHashOf(person.accountId()).ifPresent(hash -> accessLog
                .about(SubjectType.PERSON, hash, LIMIT).forEach(e -> seen.add(seen(e, null))));
        if (person.actingFor() != null) {
            accessLog.about(SubjectType.COMPANY, person.actingFor().creditCode(), LIMIT)
                    .forEach(e -> seen.add(seen(e, person.actingFor().companyName())));
        }
        seen.sort(Comparator.comparing(Seen::at).reversed());
        return seen;
    }

    private static Seen seen(AccessLog.Entry e, String company) {
        return new Seen(e.occurredAt(), e.consumerBodyName(), e.resourceName(), e.providerBodyName(), e.items(),
                e.purpose(), e.caseReference(), company);
    }
}

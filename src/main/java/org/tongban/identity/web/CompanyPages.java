package org.tongban.identity.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.Accounts;
import org.tongban.identity.LegalPersons;
import org.tongban.identity.NotPermittedException;
import org.tongban.identity.SignedIn;
import org.tongban.identity.internal.SessionPrincipal;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.NotFoundException;

/**
 * A person's companies: claiming one as its legal representative, authorizing and revoking agents (经办人), and
 * switching between acting for themself and for a company.
 */
@Controller
class CompanyPages {

    private final LegalPersons legalPersons;
    private final Accounts accounts;
    private final MessageSource messages;

    CompanyPages(LegalPersons legalPersons, Accounts accounts, MessageSource messages) {
        this.legalPersons = legalPersons;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/account/companies")
    String companies(@AuthenticationPrincipal SignedIn signedIn, HttpServletRequest request, Model model) {
        model.addAttribute("account", accounts.view(signedIn.accountId()));
        model.addAttribute("companies", legalPersons.companiesOf(signedIn.accountId()));
        model.addAttribute("actingFor", signedIn.actingFor());
        model.addAttribute("lapsed", request.getAttribute(SessionPrincipal.ACTING_FOR_LAPSED));
        model.asMap().putIfAbsent("creditCode", "");
        return "identity/companies";
    }

    /** The legal representative claims the company the legal-person register names them for. */
    @PostMapping("/account/companies")
    String claim(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(defaultValue = "") String creditCode,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        try {
            var company = legalPersons.claim(signedIn.accountId(), creditCode);
            return "redirect:/account/companies/" + company.id() + "?claimed";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("claimError", message(e.invalidValue().code(), e.invalidValue().arguments(), locale));
        } catch (NotFoundException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("claimError", message(e.code(), e.arguments(), locale));
        } catch (NotPermittedException e) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("claimError", message(e.code(), e.arguments(), locale));
        }
        model.addAttribute("creditCode", creditCode);
        return companies(signedIn, request, model);
    }

    /** The form for authorizing an agent, as typed. */
    public static final class AgentForm {
        private String agent = "";
        private String scopeKind = "ALL";
        private String matters = "";
        private String expires = "";

        public String getAgent() { return agent; }
        public void setAgent(String agent) { this.agent = agent; }
        public String getScopeKind() { return scopeKind; }
        public void setScopeKind(String scopeKind) { this.scopeKind = scopeKind; }
        public String getMatters() { return matters; }
        public void setMatters(String matters) { this.matters = matters; }
        public String getExpires() { return expires; }
        public void setExpires(String expires) { this.expires = expires; }
    }

    @GetMapping("/account/companies/{id}")
    String company(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id, Model model) {
        model.addAttribute("company", legalPersons.company(signedIn.accountId(), id));
        model.addAttribute("agents", legalPersons.agents(signedIn.accountId(), id));
        model.addAttribute("trail", legalPersons.trail(signedIn.accountId(), id, 20));
        if (!model.containsAttribute("form")) {
            AgentForm form = new AgentForm();
            form.setExpires(LocalDate.now(LegalPersons.CHINA).plusYears(1).toString());
            model.addAttribute("form", form);
        }
        model.addAttribute("today", LocalDate.now(LegalPersons.CHINA).toString());
        return "identity/company";
    }

    @PostMapping("/account/companies/{id}/agents")
    String authorize(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.ModelAttribute("form") AgentForm form, HttpServletResponse response,
            Model model, Locale locale) {
        try {
            LocalDate expires = InvalidFieldException.parse("expires", () -> parseDate(form.getExpires()));
            var scope = "NAMED".equals(form.getScopeKind()) ? LegalPersons.parseScope(form.getMatters())
                    : java.util.Set.<String>of();
            if ("NAMED".equals(form.getScopeKind()) && scope.isEmpty()) {
                throw new InvalidFieldException("matters", new org.tongban.shared.InvalidValueException(
                        "identity.agent.scope-empty", null));
            }
            legalPersons.authorize(signedIn.accountId(), id, new LegalPersons.Grant(form.getAgent(), scope, expires));
            return "redirect:/account/companies/" + id + "?authorized";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", message(e.invalidValue().code(), e.invalidValue().arguments(), locale));
            return company(signedIn, id, model);
        }
    }

    @PostMapping("/account/companies/{id}/agents/{authorization}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id, @PathVariable UUID authorization) {
        legalPersons.revoke(signedIn.accountId(), id, authorization);
        return "redirect:/account/companies/" + id + "?revoked";
    }

    /** Acting for a company (its id) or for oneself (no id); then back to where the person was, on this site only. */
    @PostMapping("/account/acting-for")
    String switchActingFor(@AuthenticationPrincipal SignedIn signedIn,
            @RequestParam(name = "company", required = false) UUID company,
            @RequestParam(name = "return", required = false) String returnTo,
            HttpServletRequest request, HttpServletResponse response) {
        var now = legalPersons.switchTo(signedIn.accountId(), company, signedIn.actingFor());
        SessionPrincipal.replace(signedIn.actingFor(now.orElse(null)), request, response);
        return "redirect:" + SafeRedirects.localPath(returnTo, "/account/companies");
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.tongban.shared.InvalidValueException("identity.agent.expiry-format", text);
        }
    }

    private String message(String code, Object[] arguments, Locale locale) {
        return messages.getMessage(code, arguments, code, locale);
    }
}

package org.tongban.identity.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.ActingFor;
import org.tongban.identity.AgentView;
import org.tongban.identity.CompanyView;
import org.tongban.identity.LegalPersons;
import org.tongban.identity.SignedIn;
import org.tongban.identity.internal.SessionPrincipal;
import org.tongban.platform.web.InvalidFieldException;

/**
 * Legal persons and their agents over JSON, for the signed-in person (session; writes need the CSRF token like
 * forms). Failures are RFC 9457 problems: an invalid credit code 400 naming {@code creditCode}, a code the register
 * does not know 404, a company that is not the caller's 403.
 */
@RestController
@RequestMapping("/api/v1/identity")
class CompanyApi {

    /** Claiming a company by its unified social credit code. */
    record Claim(String creditCode) {
    }

    /**
     * Authorizing an agent.
     *
     * @param agent mobile or ID number of a real-name person
     * @param scope matters covered; empty or absent for every matter
     * @param expires last valid day, ISO date
     */
    record Authorization(String agent, List<String> scope, String expires) {
    }

    /** Whom to act for: a company id, or {@code null} for oneself. */
    record Switch(UUID company) {
    }

    record Acting(ActingFor actingFor) {
    }

    private final LegalPersons legalPersons;

    CompanyApi(LegalPersons legalPersons) {
        this.legalPersons = legalPersons;
    }

    @GetMapping("/companies")
    List<CompanyView> companies(@AuthenticationPrincipal SignedIn signedIn) {
        return legalPersons.companiesOf(signedIn.accountId());
    }

    @PostMapping("/companies")
    ResponseEntity<CompanyView> claim(@AuthenticationPrincipal SignedIn signedIn, @RequestBody Claim claim) {
        CompanyView company = legalPersons.claim(signedIn.accountId(), claim.creditCode());
        return ResponseEntity.created(URI.create("/api/v1/identity/companies/" + company.id())).body(company);
    }

    @GetMapping("/companies/{id}")
    CompanyView company(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id) {
        return legalPersons.company(signedIn.accountId(), id);
    }

    @GetMapping("/companies/{id}/agents")
    List<AgentView> agents(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id) {
        return legalPersons.agents(signedIn.accountId(), id);
    }

    @PostMapping("/companies/{id}/agents")
    ResponseEntity<AgentView> authorize(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id,
            @RequestBody Authorization body) {
        LocalDate expires = InvalidFieldException.parse("expires", () -> CompanyPages.parseDate(body.expires()));
        Set<String> scope = body.scope() == null ? Set.of() : new java.util.LinkedHashSet<>(body.scope());
        AgentView agent = legalPersons.authorize(signedIn.accountId(), id,
                new LegalPersons.Grant(body.agent(), scope, expires));
        return ResponseEntity.created(URI.create("/api/v1/identity/companies/" + id + "/agents/" + agent.id()))
                .body(agent);
    }

    @DeleteMapping("/companies/{id}/agents/{authorization}")
    AgentView revoke(@AuthenticationPrincipal SignedIn signedIn, @PathVariable UUID id,
            @PathVariable UUID authorization) {
        return legalPersons.revoke(signedIn.accountId(), id, authorization);
    }

    @GetMapping("/acting-for")
    Acting actingFor(@AuthenticationPrincipal SignedIn signedIn) {
        return new Acting(signedIn.actingFor());
    }

    @PutMapping("/acting-for")
    Acting switchActingFor(@AuthenticationPrincipal SignedIn signedIn, @RequestBody Switch body,
            HttpServletRequest request, HttpServletResponse response) {
        var now = legalPersons.switchTo(signedIn.accountId(), body.company(), signedIn.actingFor());
        SessionPrincipal.replace(signedIn.actingFor(now.orElse(null)), request, response);
        return new Acting(now.orElse(null));
    }

}

package org.tongban.organization.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.organization.BodySummary;
import org.tongban.organization.CurrentDivision;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The citizen portal's pages over divisions and bodies: the home page with its division picker, a division's
 * page, a body's page with its halls and windows, and search.
 */
@Controller
class PortalPages {

    /** Bodies a person usually deals with (个人办事) and those a company does (法人办事). */


    private final Organization organization;
    private final CurrentDivision currentDivision;

    private final org.springframework.context.MessageSource messages;

    PortalPages(Organization organization, CurrentDivision currentDivision,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.organization = organization;
        this.currentDivision = currentDivision;
    }

    /** The picker's list: the children of a division (drilling down), or divisions matching typed text. */
    @GetMapping("/divisions/picker")
    String picker(@RequestParam(required = false) String code, @RequestParam(required = false) String q,
            HttpServletRequest request, Model model) {
        if (q != null && !q.isBlank()) {
            model.addAttribute("query", q.strip());
            model.addAttribute("matches", organization.searchDivisions(q, organization.province(), 20));
            return "organization/picker :: matches";
        }
        DivisionSummary at = code == null || code.isBlank() ? currentDivision.of(request)
                : organization.division(InvalidFieldException.parse("code", () -> DivisionCode.of(code)));
        currentDivision.addPicker(at, model);
        return "organization/picker :: level";
    }

    /** Remembers the chosen division and returns to where the person was (a local path only). */
    @PostMapping("/division")
    String choose(@RequestParam String code, @RequestParam(name = "return", required = false) String returnTo,
            HttpServletResponse response) {
        DivisionCode chosen = InvalidFieldException.parse("code", () -> DivisionCode.of(code));
        organization.division(chosen);
        currentDivision.remember(chosen, response);
        return "redirect:" + safeLocalPath(returnTo);
    }

    static String safeLocalPath(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")
                || returnTo.contains("\r") || returnTo.contains("\n")) {
            return "/";
        }
        return returnTo;
    }

    @GetMapping("/divisions/{code}")
    String division(@PathVariable String code, HttpServletRequest request, Model model) {
        DivisionCode divisionCode = InvalidFieldException.parse("code", () -> DivisionCode.of(code));
        DivisionSummary division = organization.division(divisionCode);
        model.addAttribute("division", division);
        model.addAttribute("lineage", organization.lineage(divisionCode));
        model.addAttribute("children", organization.children(divisionCode));
        model.addAttribute("bodies", organization.bodies(divisionCode, false, 0, 100).getContent());
        model.addAttribute("halls", organization.hallsIn(divisionCode));
        model.addAttribute("isCurrent", division.code().equals(currentDivision.of(request).code()));
        return "organization/division";
    }

    @GetMapping("/bodies/{id}")
    String body(@PathVariable UUID id, Model model) {
        BodySummary body = organization.body(id);
        model.addAttribute("body", body);
        model.addAttribute("lineage", organization.lineage(DivisionCode.of(body.divisionCode())));
        model.addAttribute("halls", organization.hallsOf(id));
        return "organization/body";
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, Model model, java.util.Locale locale) {
        String query = q.strip();
        model.addAttribute("query", query);
        if (query.length() > 100) {
            model.addAttribute("tooLong", true);
            return "organization/search";
        }
        String code = codeIn(query, model, locale);
        if (code != null) {
            return "redirect:" + code;
        }
        model.addAttribute("divisions", organization.searchDivisions(query, organization.province(), 20));
        model.addAttribute("bodies", organization.searchBodies(query, organization.province(), 50));
        return "organization/search";
    }

    /**
     * A query that is a code (a division code, or an 18-character credit code) opens what it names; a code with a
     * wrong check character or structure is explained on the page instead of silently finding nothing.
     */
    private String codeIn(String query, Model model, java.util.Locale locale) {
        try {
            if (query.matches("[0-9]{6}|[0-9]{12}")) {
                DivisionCode division = DivisionCode.of(query);
                return organization.findDivision(division).map(d -> "/divisions/" + d.code()).orElse(null);
            }
            if (query.matches("[0-9A-Za-z]{18}")) {
                org.tongban.shared.UnifiedSocialCreditCode credit = org.tongban.shared.UnifiedSocialCreditCode.of(query);
                try {
                    return "/bodies/" + organization.body(credit).id();
                } catch (NotFoundException e) {
                    return null;
                }
            }
        } catch (InvalidValueException e) {
            model.addAttribute("codeError", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        }
        return null;
    }
}

package org.tongban.organization.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.organization.IdentifierCheck;
import org.tongban.shared.InvalidValueException;

/**
 * The identifier check page (证照号码核验) for window officers and applicants: type a number, see whether it is
 * valid and what it says, or which rule it breaks, with what was typed kept in the form.
 */
@Controller
class IdentifierPages {

    private final IdentifierCheck check;
    private final MessageSource messages;

    IdentifierPages(IdentifierCheck check, MessageSource messages) {
        this.check = check;
        this.messages = messages;
    }

    @GetMapping("/identifiers")
    String form(@RequestParam(defaultValue = "citizen-id") String kind, Model model) {
        model.addAttribute("kinds", IdentifierCheck.Kind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("value", "");
        return "organization/identifiers";
    }

    @PostMapping("/identifiers")
    String check(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String value,
            Model model, HttpServletResponse response, java.util.Locale locale) {
        // The page may show personal data: never stored by a browser or proxy cache.
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("kinds", IdentifierCheck.Kind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("value", value);
        try {
            model.addAttribute("result", check.check(IdentifierCheck.Kind.of(kind), value));
        } catch (InvalidValueException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
            model.addAttribute("errorCode", e.code());
        }
        return "organization/identifiers";
    }
}

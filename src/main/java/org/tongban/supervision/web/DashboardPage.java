package org.tongban.supervision.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.SignedIn;
import org.tongban.supervision.Dashboard;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The supervision dashboard page (电子监察 dashboard): the figures as tables rendered on the server (what a screen
 * reader and a browser without scripts get) and, drawn from the same figures through the JSON API, charts. Drilling
 * down is a link per division, body and item.
 */
@Controller
class DashboardPage {

    private final Dashboard dashboard;
    private final MessageSource messages;

    DashboardPage(Dashboard dashboard, MessageSource messages) {
        this.dashboard = dashboard;
        this.messages = messages;
    }

    @GetMapping("/workbench/supervision/dashboard")
    String dashboard(@RequestParam(required = false) String division, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String body,
            @AuthenticationPrincipal SignedIn supervisor, Model model, Locale locale,
            HttpServletResponse response) {
        model.addAttribute("division", division);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("body", body);
        try {
            model.addAttribute("view", dashboard.figures(supervisor, division, from, to, body));
        } catch (SupervisionRefusedException e) {
            if (e.reason() != SupervisionRefusedException.Reason.RULE) {
                throw e;
            }
            // The form keeps what was typed and says what is wrong with it.
            response.setStatus(422);
            model.addAttribute("periodError", messages.getMessage(e.code(), e.arguments(), locale));
        }
        return "supervision/dashboard";
    }
}

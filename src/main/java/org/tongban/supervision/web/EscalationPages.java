package org.tongban.supervision.web;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.supervision.Escalations;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The overdue page (超期督办, {@code /workbench/overdue}): the staff member's notices; for the head of a body its
 * overdue cases and its officers' lights; for a supervisor the lights per division one level down (drilling down by
 * {@code division}) and, for a body picked on the supervision page, its officers' lights.
 */
@Controller
class EscalationPages {

    private final Escalations escalations;

    EscalationPages(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/workbench/overdue")
    String overdue(@RequestParam(required = false) String division, @RequestParam(required = false) UUID body,
            @AuthenticationPrincipal SignedIn viewer, Model model) {
        boolean head = Escalations.headOfBody(viewer);
        boolean supervisor = viewer != null && viewer.staff() && viewer.has(StaffRole.SUPERVISOR);
        if (!head && !supervisor) {
            escalations.notices(viewer); // a citizen or nobody: 403 staff-only / sign-in first
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.escalation.heads-only");
        }
        model.addAttribute("notices", escalations.notices(viewer));
        model.addAttribute("head", head);
        model.addAttribute("supervisor", supervisor);
        model.addAttribute("overdue", head ? escalations.overdueOfOwnBody(viewer) : List.of());
        model.addAttribute("ownOfficers", head ? escalations.officerLights(viewer, viewer.staffBody()) : List.of());
        model.addAttribute("divisions", supervisor ? escalations.divisionLights(viewer, division) : List.of());
        model.addAttribute("division", division);
        model.addAttribute("body", body);
        model.addAttribute("bodyOfficers", supervisor && body != null ? escalations.officerLights(viewer, body)
                : List.of());
        return "supervision/overdue";
    }

    @PostMapping("/workbench/overdue/notices/read")
    String read(@AuthenticationPrincipal SignedIn viewer, RedirectAttributes redirect) {
        redirect.addFlashAttribute("marked", escalations.markRead(viewer));
        return "redirect:/workbench/overdue";
    }
}

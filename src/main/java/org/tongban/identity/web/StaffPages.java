package org.tongban.identity.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.PasswordChange;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffAdministration;
import org.tongban.identity.StaffAdministration.DataScope;
import org.tongban.identity.StaffRole;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;

/**
 * The staff faces of identity: the workbench landing page (工作台), staff administration for system administrators
 * ({@code /admin/staff}, where accounts are created — staff never register themselves), and the password page every
 * account uses (staff must use it after their first sign-in).
 */
@Controller
class StaffPages {

    private final StaffAdministration administration;
    private final PasswordChange passwordChange;
    private final Organization organization;
    private final MessageSource messages;

    StaffPages(StaffAdministration administration, PasswordChange passwordChange, Organization organization,
            MessageSource messages) {
        this.administration = administration;
        this.passwordChange = passwordChange;
        this.organization = organization;
        this.messages = messages;
    }

    @GetMapping("/workbench")
    String workbench(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("body", signedIn.staffBody() == null ? null : organization.body(signedIn.staffBody()));
        model.addAttribute("division", signedIn.staffDivision() == null ? null
                : organization.findDivision(DivisionCode.of(signedIn.staffDivision())).orElse(null));
        model.addAttribute("roles", sorted(signedIn.roles()));
        return "identity/workbench";
    }

    /** The creation form as typed. */
    public static final class StaffForm {
        private String name = "";
        private String idNumber = "";
        private String phone = "";
        private String bodyQuery = "";
        private UUID bodyId;
        private List<StaffRole> roles = List.of();
        private DataScope dataScope = DataScope.BODY;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getBodyQuery() { return bodyQuery; }
        public void setBodyQuery(String bodyQuery) { this.bodyQuery = bodyQuery; }
        public UUID getBodyId() { return bodyId; }
        public void setBodyId(UUID bodyId) { this.bodyId = bodyId; }
        public List<StaffRole> getRoles() { return roles; }
        public void setRoles(List<StaffRole> roles) { this.roles = roles == null ? List.of() : roles; }
        public DataScope getDataScope() { return dataScope; }
        public void setDataScope(DataScope dataScope) { this.dataScope = dataScope; }
    }

    @GetMapping("/admin/staff")
    String staff(@AuthenticationPrincipal SignedIn admin, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new StaffForm());
        }
        StaffForm form = (StaffForm) model.getAttribute("form");
        model.addAttribute("members", administration.staff(admin));
        model.addAttribute("bodies", bodyChoices(admin, form));
        model.addAttribute("allRoles", StaffRole.values());
        model.addAttribute("scopes", DataScope.values());
        return "identity/staff-admin";
    }

    /** The body choices for a search, as the fragment htmx swaps in (and the page shows without JavaScript). */
    @GetMapping("/admin/staff/bodies")
    String bodies(@AuthenticationPrincipal SignedIn admin, @RequestParam(name = "bodyQuery", defaultValue = "") String query,
            Model model) {
        StaffForm form = new StaffForm();
        form.setBodyQuery(query);
        model.addAttribute("form", form);
        model.addAttribute("bodies", bodyChoices(admin, form));
        return "identity/staff-bodies :: bodies";
    }

    /**
     * Creates the account; the one-time password is shown on this answer only (never stored in clear, never put in a
     * URL or the session), so the answer must not be cached. "Search bodies" submits here too and only re-renders.
     */
    @PostMapping("/admin/staff")
    String create(@AuthenticationPrincipal SignedIn admin, @ModelAttribute("form") StaffForm form,
            @RequestParam(name = "action", defaultValue = "create") String action, HttpServletResponse response,
            Model model, Locale locale) {
        response.setHeader("Cache-Control", "no-store");
        if ("search".equals(action)) {
            return staff(admin, model);
        }
        try {
            var created = administration.create(admin, new StaffAdministration.StaffForm(form.getName(),
                    form.getIdNumber(), form.getPhone(), form.getBodyId(),
                    form.getRoles().isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(form.getRoles()),
                    form.getDataScope()));
            model.addAttribute("created", administration.member(admin, created.accountId()));
            model.addAttribute("initialPassword", created.initialPassword());
            model.addAttribute("form", new StaffForm());
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
        }
        return staff(admin, model);
    }

    @GetMapping("/admin/staff/{id}")
    String member(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id, Model model) {
        model.addAttribute("member", administration.member(admin, id));
        model.addAttribute("allRoles", StaffRole.values());
        model.addAttribute("scopes", DataScope.values());
        model.addAttribute("trail", administration.trail(admin, id, 20));
        return "identity/staff-member";
    }

    @PostMapping("/admin/staff/{id}")
    String change(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id,
            @RequestParam(name = "roles", required = false) List<StaffRole> roles,
            @RequestParam(name = "dataScope", required = false) DataScope dataScope, HttpServletResponse response,
            Model model, Locale locale) {
        try {
            administration.change(admin, id, roles == null || roles.isEmpty() ? EnumSet.noneOf(StaffRole.class)
                    : EnumSet.copyOf(roles), dataScope);
            return "redirect:/admin/staff/" + id + "?saved";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return member(admin, id, model);
        }
    }

    @PostMapping("/admin/staff/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        administration.deactivate(admin, id);
        return "redirect:/admin/staff/" + id + "?deactivated";
    }

    @GetMapping("/account/password")
    String passwordForm(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        model.addAttribute("required", passwordChange.required(signedIn.accountId()));
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal SignedIn signedIn, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String passwordAgain,
            HttpServletResponse response, Model model, Locale locale) {
        try {
            passwordChange.change(signedIn.accountId(), current, password, passwordAgain);
            return "redirect:" + (signedIn.staff() ? "/workbench" : "/account") + "?passwordChanged";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return passwordForm(signedIn, model);
        }
    }

    private List<org.tongban.organization.BodySummary> bodyChoices(SignedIn admin, StaffForm form) {
        var found = new java.util.ArrayList<>(administration.bodies(admin, form.getBodyQuery()));
        // Keep the body already picked among the choices, so a failed submission does not lose it.
        if (form.getBodyId() != null && found.stream().noneMatch(b -> b.id().equals(form.getBodyId()))) {
            try {
                found.addFirst(organization.body(form.getBodyId()));
            } catch (org.tongban.shared.NotFoundException ignored) {
                // an unknown id is reported by the creation itself
            }
        }
        return found;
    }

    private static List<StaffRole> sorted(java.util.Set<StaffRole> roles) {
        return roles.stream().sorted().toList();
    }
}

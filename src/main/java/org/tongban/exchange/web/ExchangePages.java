package org.tongban.exchange.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharingType;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.exchange.internal.Resource;
import org.tongban.exchange.internal.ResourceForm;
import org.tongban.exchange.internal.Resources;
import org.tongban.exchange.internal.SharingRequests;
import org.tongban.exchange.internal.Source;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.web.InvalidFieldException;

/**
 * Staff pages of the exchange: the resource catalogue (any staff member), sharing requests of their body and those
 * addressed to it (approvers of the providing body answer), and in the admin console the catalogue editor and the
 * access log with its verification (system administrators; the web chain admits only them to {@code /admin/**}, and
 * each action checks again).
 */
@Controller
class ExchangePages {

    private final Resources resources;
    private final SharingRequests requests;
    private final AccessLog accessLog;
    private final Consumers consumers;
    private final MessageSource messages;

    ExchangePages(Resources resources, SharingRequests requests, AccessLog accessLog, Consumers consumers,
            MessageSource messages) {
        this.resources = resources;
        this.requests = requests;
        this.accessLog = accessLog;
        this.consumers = consumers;
        this.messages = messages;
    }

    /** The request form as typed. */
    public static final class RequestForm {
        private List<String> items = new ArrayList<>();
        private String purpose = "";
        private String legalBasis = "";
        private String validUntil = "";

        public List<String> getItems() { return items; }
        public void setItems(List<String> items) { this.items = items == null ? new ArrayList<>() : items; }
        public String getPurpose() { return purpose; }
        public void setPurpose(String purpose) { this.purpose = purpose; }
        public String getLegalBasis() { return legalBasis; }
        public void setLegalBasis(String legalBasis) { this.legalBasis = legalBasis; }
        public String getValidUntil() { return validUntil; }
        public void setValidUntil(String validUntil) { this.validUntil = validUntil; }
    }

    @GetMapping("/workbench/exchange")
    String catalogue(Authentication authentication, @RequestParam(required = false) String sharingType, Model model) {
        consumers.staff(authentication);
        SharingType type = null;
        for (SharingType t : SharingType.values()) {
            if (t.name().equals(sharingType)) {
                type = t;
            }
        }
        model.addAttribute("resources", resources.list(type));
        model.addAttribute("sharingTypes", SharingType.values());
        model.addAttribute("selectedType", type);
        model.addAttribute("admin", consumers.staff(authentication).has(StaffRole.SYSTEM_ADMIN));
        return "exchange/catalogue";
    }

    @GetMapping("/workbench/exchange/resources/{code}")
    String resource(Authentication authentication, @PathVariable String code, Model model) {
        consumers.staff(authentication);
        return resourcePage(authentication, resources.get(code), new RequestForm(), model);
    }

    @PostMapping("/workbench/exchange/resources/{code}/requests")
    String request(Authentication authentication, @PathVariable String code,
            @ModelAttribute("requestForm") RequestForm form, Model model, HttpServletResponse response,
            Locale locale) {
        var actor = consumers.actor(authentication);
        Resource resource = resources.get(code);
        try {
            LocalDate until = form.getValidUntil() == null || form.getValidUntil().isBlank() ? null
                    : parseDate(form.getValidUntil());
            requests.request(actor, code, form.getItems(), form.getPurpose(), form.getLegalBasis(), until);
            return "redirect:/workbench/exchange/requests?filed";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return resourcePage(authentication, resource, form, model);
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFieldException("validUntil",
                    new org.tongban.shared.InvalidValueException("exchange.request.date-format", text));
        }
    }

    private String resourcePage(Authentication authentication, Resource resource, RequestForm form, Model model) {
        SharingRequests.Actor actor = consumers.actor(authentication);
        model.addAttribute("resource", resource);
        model.addAttribute("requestForm", form);
        model.addAttribute("grants", requests.grantsInForce(actor.bodyId(), resource.id()));
        model.addAttribute("bodyName", actor.bodyName());
        model.addAttribute("admin", actor.admin());
        return "exchange/resource";
    }

    @GetMapping("/workbench/exchange/requests")
    String requests(Authentication authentication, Model model) {
        var actor = consumers.actor(authentication);
        return requestsPage(actor, model);
    }

    private String requestsPage(SharingRequests.Actor actor, Model model) {
        model.addAttribute("filed", requests.filedBy(actor.bodyId()));
        model.addAttribute("addressed", actor.admin() ? requests.all() : requests.addressedTo(actor.bodyId()));
        model.addAttribute("actor", actor);
        return "exchange/requests";
    }

    @PostMapping("/workbench/exchange/requests/{id}/decision")
    String decide(Authentication authentication, @PathVariable UUID id, @RequestParam String decision,
            @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response, Locale locale) {
        var actor = consumers.actor(authentication);
        try {
            requests.decide(actor, id, "approve".equals(decision), reason);
            return "redirect:/workbench/exchange/requests?decided";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorRequest", id);
            model.addAttribute("reason", reason);
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return requestsPage(actor, model);
        }
    }

    // --- Admin console: catalogue editor and access log (system administrators)

    @GetMapping("/admin/exchange/resources/new")
    String newResource(Authentication authentication, Model model) {
        admin(authentication);
        return formPage(model, new ResourceForm(), null);
    }

    @PostMapping("/admin/exchange/resources")
    String create(Authentication authentication, @ModelAttribute("form") ResourceForm form, Model model,
            HttpServletResponse response, Locale locale) {
        SignedIn admin = admin(authentication);
        try {
            Resource created = resources.create(form, admin.accountId(), admin.name());
            return "redirect:/workbench/exchange/resources/" + created.code() + "?saved";
        } catch (InvalidFieldException e) {
            return refused(e, model, form, null, response, locale);
        }
    }

    @GetMapping("/admin/exchange/resources/{code}")
    String edit(Authentication authentication, @PathVariable String code, Model model) {
        admin(authentication);
        return formPage(model, ResourceForm.of(resources.get(code)), code);
    }

    @PostMapping("/admin/exchange/resources/{code}")
    String update(Authentication authentication, @PathVariable String code, @ModelAttribute("form") ResourceForm form,
            Model model, HttpServletResponse response, Locale locale) {
        SignedIn admin = admin(authentication);
        try {
            resources.update(code, form, admin.accountId(), admin.name());
            return "redirect:/workbench/exchange/resources/" + code + "?saved";
        } catch (InvalidFieldException e) {
            return refused(e, model, form, code, response, locale);
        }
    }

    @GetMapping("/admin/exchange/access-log")
    String accessLog(Authentication authentication, @RequestParam(required = false) String verify, Model model) {
        admin(authentication);
        model.addAttribute("entries", accessLog.recent(100));
        if (verify != null) {
            model.addAttribute("verification", accessLog.verify());
        }
        return "exchange/access-log";
    }

    private String refused(InvalidFieldException e, Model model, ResourceForm form, String code,
            HttpServletResponse response, Locale locale) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errorField", e.field());
        model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                e.invalidValue().code(), locale));
        return formPage(model, form, code);
    }

    private String formPage(Model model, ResourceForm form, String code) {
        model.addAttribute("form", form);
        model.addAttribute("editing", code);
        model.addAttribute("sources", Source.values());
        model.addAttribute("sharingTypes", SharingType.values());
        model.addAttribute("formats", Resources.FORMATS);
        model.addAttribute("methods", Resources.METHODS);
        model.addAttribute("openness", Resources.OPENNESS);
        model.addAttribute("cycles", Resources.CYCLES);
        return "exchange/resource-form";
    }

    private SignedIn admin(Authentication authentication) {
        SignedIn staff = consumers.staff(authentication);
        if (!staff.has(StaffRole.SYSTEM_ADMIN)) {
            throw new ExchangeRefusedException("exchange.admin-only");
        }
        return staff;
    }
}

package org.tongban.supervision.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.identity.SignedIn;
import org.tongban.identity.SmsCodes;
import org.tongban.identity.SmsUnavailableException;
import org.tongban.identity.TooManyRequestsException;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.supervision.PetitionRefusedException;
import org.tongban.supervision.PetitionRequest;
import org.tongban.supervision.PetitionView;
import org.tongban.supervision.Petitions;
import org.tongban.supervision.SupervisionRefusedException;

/**
 * The pages of consultations, complaints and reports (咨询/投诉/举报): the public form (signed in, or with a phone
 * checked by an SMS code), the receipt with the lookup code, the lookup of an anonymous submission with its answer and
 * rating, the person's own list in their account, and the body's inbox where its staff answer.
 */
@Controller
class PetitionPages {

    private final Petitions petitions;
    private final Organization organization;
    private final SmsCodes sms;
    private final MessageSource messages;

    private final org.tongban.supervision.PetitionOversight oversight;

    PetitionPages(Petitions petitions, Organization organization, SmsCodes sms, MessageSource messages,
            org.tongban.supervision.PetitionOversight oversight) {
        this.oversight = oversight;
        this.petitions = petitions;
        this.organization = organization;
        this.sms = sms;
        this.messages = messages;
    }

    // --- the public form

    @GetMapping("/petitions/new")
    String form(@RequestParam(required = false) String subject, @RequestParam(required = false) String item,
            @RequestParam(name = "case", required = false) String caseNumber,
            @RequestParam(required = false) UUID body, @AuthenticationPrincipal SignedIn who, Model model) {
        PetitionForm form = new PetitionForm();
        form.setSubject(subject == null ? "" : subject);
        form.setItemCode(item == null ? "" : item);
        form.setCaseNumber(caseNumber == null ? "" : caseNumber);
        if (body != null) {
            form.setBodyId(body.toString());
            form.setSubject("BODY");
        }
        return formPage(model, form, who, Map.of(), null);
    }

    @PostMapping("/petitions/phone-code")
    String phoneCode(@ModelAttribute("form") PetitionForm form, @AuthenticationPrincipal SignedIn who,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        try {
            petitions.sendPhoneCode(who, form.getPhone(), request.getRemoteAddr(), locale);
            model.addAttribute("codeSent", true);
            return formPage(model, form, who, Map.of(), null);
        } catch (InvalidValueException e) {
            response.setStatus(e instanceof TooManyRequestsException ? 429 : 400);
            return formPage(model, form, who, Map.of("phone", message(e.code(), e.arguments(), locale)), null);
        } catch (SmsUnavailableException e) {
            response.setStatus(503);
            return formPage(model, form, who, Map.of("phone", message(e.code(), null, locale)), null);
        }
    }

    @PostMapping("/petitions")
    String submit(@ModelAttribute("form") PetitionForm form, @AuthenticationPrincipal SignedIn who,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
            RedirectAttributes redirect) {
        List<BodySummary> candidates = null;
        UUID bodyId = null;
        if ("BODY".equals(form.getSubject())) {
            bodyId = uuid(form.getBodyId());
            if (bodyId == null && !form.getBodyQuery().isBlank()) {
                candidates = organization.searchBodies(form.getBodyQuery(), organization.province(), 20);
                if (candidates.size() == 1) {
                    bodyId = candidates.get(0).id();
                } else {
                    response.setStatus(422);
                    return formPage(model, form, who, Map.of("bodyId", message(candidates.isEmpty()
                            ? "supervision.petition.body-unknown" : "supervision.petition.body-choose", null,
                            locale)), candidates);
                }
            }
        }
        try {
            Petitions.Submitted submitted = petitions.submit(who, new PetitionRequest(form.getKind(),
                    form.getSubject(), form.getItemCode(), form.getCaseNumber(), bodyId, form.getText(),
                    form.getPhone(), form.getCode()), request.getRemoteAddr());
            PetitionView p = submitted.petition();
            redirect.addFlashAttribute("lookupCode", submitted.lookupCode());
            redirect.addFlashAttribute("kind", p.kind());
            redirect.addFlashAttribute("bodyName", p.bodyName());
            redirect.addFlashAttribute("dueOn", p.dueOn().toString());
            return "redirect:/petitions/submitted";
        } catch (PetitionRefusedException e) {
            response.setStatus(422);
            return formPage(model, form, who, Map.of(e.field(), message(e.code(), e.arguments(), locale)),
                    candidates);
        } catch (TooManyRequestsException e) {
            response.setStatus(429);
            return formPage(model, form, who, Map.of("form", message(e.code(), e.arguments(), locale)), candidates);
        } catch (InvalidValueException e) {
            response.setStatus(400);
            String field = e.code().startsWith("identity.phone") ? "phone" : "code";
            return formPage(model, form, who, Map.of(field, message(e.code(), e.arguments(), locale)), candidates);
        }
    }

    @GetMapping("/petitions/submitted")
    String submitted(Model model) {
        if (!model.containsAttribute("bodyName")) {
            return "redirect:/petitions/new";
        }
        return "supervision/petition-submitted";
    }

    private String formPage(Model model, PetitionForm form, SignedIn who, Map<String, String> errors,
            List<BodySummary> candidates) {
        if (who != null && who.staff()) {
            throw new SupervisionRefusedException(SupervisionRefusedException.Reason.FORBIDDEN,
                    "supervision.petition.staff");
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("anonymous", who == null);
        model.addAttribute("smsAvailable", sms.available());
        model.addAttribute("kinds", Petitions.KINDS);
        model.addAttribute("subjects", Petitions.SUBJECTS);
        model.addAttribute("candidates", candidates == null ? List.of() : candidates);
        UUID chosen = uuid(form.getBodyId());
        String chosenName = null;
        if (chosen != null) {
            try {
                chosenName = organization.body(chosen).name();
            } catch (NotFoundException e) {
                form.setBodyId("");
            }
        }
        model.addAttribute("chosenBodyName", chosenName);
        return "supervision/petition-new";
    }

    // --- lookup by code and phone

    @GetMapping("/petitions/lookup")
    String lookupForm(Model model) {
        model.addAttribute("lookupCode", "");
        model.addAttribute("phone", "");
        return "supervision/petition-lookup";
    }

    @PostMapping("/petitions/lookup")
    String lookup(@RequestParam(defaultValue = "") String lookupCode, @RequestParam(defaultValue = "") String phone,
            HttpServletResponse response, Locale locale, Model model) {
        model.addAttribute("lookupCode", lookupCode);
        model.addAttribute("phone", phone);
        try {
            model.addAttribute("petition", petitions.lookup(lookupCode, phone));
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("lookupError", message("supervision.petition.not-found", null, locale));
        }
        return "supervision/petition-lookup";
    }

    @PostMapping("/petitions/lookup/rating")
    String rateByLookup(@RequestParam(defaultValue = "") String lookupCode,
            @RequestParam(defaultValue = "") String phone, @RequestParam(required = false) Boolean satisfied,
            HttpServletResponse response, Locale locale, Model model) {
        model.addAttribute("lookupCode", lookupCode);
        model.addAttribute("phone", phone);
        try {
            model.addAttribute("petition", petitions.rate(lookupCode, phone, satisfied));
            model.addAttribute("rated", true);
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("lookupError", message("supervision.petition.not-found", null, locale));
        } catch (SupervisionRefusedException e) {
            response.setStatus(e.status().value());
            model.addAttribute("petition", petitions.lookup(lookupCode, phone));
            model.addAttribute("ratingError", message(e.code(), e.arguments(), locale));
        }
        return "supervision/petition-lookup";
    }

    // --- the person's own

    @GetMapping("/account/petitions")
    String mine(@AuthenticationPrincipal SignedIn who, Model model) {
        model.addAttribute("petitions", petitions.mine(who));
        return "supervision/petitions-mine";
    }

    @PostMapping("/account/petitions/{id}/rating")
    String rate(@PathVariable UUID id, @RequestParam(required = false) Boolean satisfied,
            @AuthenticationPrincipal SignedIn who, Locale locale, RedirectAttributes redirect) {
        try {
            petitions.rate(who, id, satisfied);
            redirect.addFlashAttribute("ratedPetition", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("ratingError", message(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("ratingErrorFor", id);
        }
        return "redirect:/account/petitions#p-" + id;
    }

    // --- the body's inbox

    @GetMapping("/workbench/petitions")
    String inbox(@AuthenticationPrincipal SignedIn staff, Model model) {
        model.addAttribute("petitions", petitions.inbox(staff));
        // Supervisors' urgings (催办) per petition, newest first.
        model.addAttribute("urges", oversight.ofBody(staff).stream().collect(java.util.stream.Collectors.groupingBy(
                org.tongban.supervision.PetitionOversight.Urge::petitionId)));
        return "supervision/petitions-inbox";
    }

    @PostMapping("/workbench/petitions/{id}/answer")
    String answer(@PathVariable UUID id, @RequestParam(defaultValue = "") String answer,
            @AuthenticationPrincipal SignedIn staff, Locale locale, RedirectAttributes redirect) {
        try {
            petitions.answer(staff, id, answer);
            redirect.addFlashAttribute("answeredPetition", id);
        } catch (SupervisionRefusedException e) {
            if (e.reason() == SupervisionRefusedException.Reason.FORBIDDEN
                    || e.reason() == SupervisionRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("answerError", message(e.code(), e.arguments(), locale));
            redirect.addFlashAttribute("answerErrorFor", id);
            redirect.addFlashAttribute("typedAnswer", answer);
        }
        return "redirect:/workbench/petitions#p-" + id;
    }

    private String message(String code, Object[] arguments, Locale locale) {
        return messages.getMessage(code, arguments, code, locale);
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

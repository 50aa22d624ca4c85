package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.FormField;
import org.tongban.identity.SignedIn;

/** The window officer's queue and pre-review page (窗口受理). */
@Controller
class WorkbenchPages {

    private final CaseAcceptance acceptance;
    private final MessageSource messages;
    private final org.tongban.cases.SharedDataCheck sharedData;
    private final org.tongban.cases.CaseDocuments documents;

    private final org.tongban.cases.OnceOnlyMaterials onceOnly;

    WorkbenchPages(CaseAcceptance acceptance, MessageSource messages, org.tongban.cases.SharedDataCheck sharedData,
            org.tongban.cases.CaseDocuments documents, org.tongban.cases.OnceOnlyMaterials onceOnly) {
        this.documents = documents;
        this.onceOnly = onceOnly;
        this.acceptance = acceptance;
        this.messages = messages;
        this.sharedData = sharedData;
    }

    /** 免提交: the applicant checked against the population data through the exchange, shown on the review page. */
    @PostMapping("/workbench/cases/{id}/shared-identity")
    String sharedIdentity(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale,
            Model model) {
        try {
            model.addAttribute("shared", sharedData.population(officer, id));
        } catch (org.tongban.shared.NotFoundException e) {
            model.addAttribute("sharedError", messages.getMessage(e.code(), e.arguments(), locale));
        } catch (org.tongban.exchange.ExchangeRefusedException e) {
            model.addAttribute("sharedError", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
        }
        return open(id, officer, locale, model);
    }

    @GetMapping("/workbench/cases")
    String queue(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("cases", acceptance.queue(officer));
        return "cases/queue";
    }

    @GetMapping("/workbench/cases/{id}")
    String open(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Locale locale, Model model) {
        ApplicationView view = acceptance.open(officer, id);
        model.addAttribute("view", view);
        model.addAttribute("sharedMaterials", onceOnly.forOfficer(view));
        model.addAttribute("documents", documents.available(officer, id));
        model.addAttribute("defaultRemedy", messages.getMessage(CaseAcceptance.DEFAULT_REMEDY_KEY, null, locale));
        return "cases/review";
    }

    /** 文书: the case's notices and decisions as PDF, for staff of a body that handles the case. */
    @GetMapping("/workbench/cases/{id}/documents/{kind}")
    ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable String kind,
            @AuthenticationPrincipal SignedIn officer) {
        return ApplicantPages.pdf(documents, officer, id, kind);
    }

    @GetMapping("/workbench/cases/{id}/materials/{material}")
    ResponseEntity<InputStreamResource> material(@PathVariable UUID id, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn officer) {
        return ApplicantPages.inline(acceptance.material(officer, id, material));
    }

    /** The images of a material slot combined into one PDF, in the order the applicant gave them. */
    @GetMapping("/workbench/cases/{id}/slots/{index}/combined")
    ResponseEntity<InputStreamResource> combined(@PathVariable UUID id, @PathVariable int index,
            @AuthenticationPrincipal SignedIn officer) {
        return ApplicantPages.inline(acceptance.combined(officer, id, index));
    }

    @PostMapping("/workbench/cases/{id}/accept")
    String accept(@PathVariable UUID id, @RequestParam long version, @AuthenticationPrincipal SignedIn officer,
            Locale locale, RedirectAttributes redirect) {
        return decided(id, redirect, locale, () -> acceptance.accept(officer, id, version));
    }

    /**
     * One correction notice: each ticked material ({@code material.N}) and field ({@code field.KEY}) with its reason
     * ({@code reason.material.N}, {@code reason.field.KEY}).
     */
    @PostMapping("/workbench/cases/{id}/corrections")
    String corrections(@PathVariable UUID id, @RequestParam long version, @RequestParam Map<String, String> form,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) {
        ApplicationView application = acceptance.view(officer, id);
        List<ApplicationView.Deficiency> items = new ArrayList<>();
        for (ApplicationView.MaterialSlot slot : application.slots()) {
            if (form.containsKey("material." + slot.index())) {
                items.add(new ApplicationView.Deficiency("MATERIAL", String.valueOf(slot.index()),
                        slot.requirement().name(), form.getOrDefault("reason.material." + slot.index(), "").strip()));
            }
        }
        for (FormField field : application.form().fields()) {
            if (form.containsKey("field." + field.key())) {
                items.add(new ApplicationView.Deficiency("FIELD", field.key(), field.label(),
                        form.getOrDefault("reason.field." + field.key(), "").strip()));
            }
        }
        return decided(id, redirect, locale, () -> acceptance.requestCorrections(officer, id, version, items));
    }

    @PostMapping("/workbench/cases/{id}/refusal")
    String notAccept(@PathVariable UUID id, @RequestParam long version, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String remedy, @AuthenticationPrincipal SignedIn officer, Locale locale,
            RedirectAttributes redirect) {
        return decided(id, redirect, locale, () -> acceptance.notAccept(officer, id, version, reason, remedy));
    }

    /** After a decision: back to the queue; when refused, back to the case with the reason (e.g. the conflict). */
    private String decided(UUID id, RedirectAttributes redirect, Locale locale, Runnable decision) {
        try {
            decision.run();
            redirect.addFlashAttribute("decided", id);
            return "redirect:/workbench/cases";
        } catch (CaseRefusedException e) {
            if (e.reason() == CaseRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("decisionError", messages.getMessage(e.code(), e.arguments(), locale));
            return "redirect:/workbench/cases/" + id;
        }
    }
}

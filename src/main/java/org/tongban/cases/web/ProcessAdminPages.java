package org.tongban.cases.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.InvalidProcessDefinitionException;
import org.tongban.cases.ProcessAdministration;
import org.tongban.cases.ProcessDefinition;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process definition of an item in the admin console: a flow view (nodes, parallel branches side by side) and
 * an editor of the definition as JSON that validates before it publishes a new version; the same over the API.
 */
@Controller
class ProcessAdminPages {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ProcessAdministration administration;
    private final MessageSource messages;

    ProcessAdminPages(ProcessAdministration administration, MessageSource messages) {
        this.administration = administration;
        this.messages = messages;
    }

    @GetMapping("/admin/catalog/processes/{code}")
    String show(@PathVariable String code, @AuthenticationPrincipal SignedIn admin, Model model) {
        ProcessDefinition definition = administration.current(admin, parse(code));
        model.addAttribute("definition", definition);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", JSON.writeValueAsString(new ProcessAdministration.Draft(definition.name(),
                    definition.joint(), definition.nodes())));
        }
        return "cases/process";
    }

    @PostMapping("/admin/catalog/processes/{code}")
    Object publish(@PathVariable String code, @RequestParam(defaultValue = "") String definition,
            @AuthenticationPrincipal SignedIn admin, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            ProcessDefinition published = administration.publish(admin, parse(code),
                    JSON.readValue(definition, ProcessAdministration.Draft.class));
            redirect.addFlashAttribute("published", published.version());
            return "redirect:/admin/catalog/processes/" + code;
        } catch (InvalidProcessDefinitionException e) {
            model.addAttribute("errors", e.problems().stream()
                    .map(p -> messages.getMessage(p.code(), new Object[] { p.node() }, locale)).toList());
        } catch (JacksonException e) {
            model.addAttribute("errors", List.of(messages.getMessage("cases.definition.json-invalid",
                    new Object[] { e.getOriginalMessage() }, locale)));
        }
        // Nothing published: the page again, with what was typed and every problem.
        model.addAttribute("typed", definition);
        model.addAttribute("definition", administration.current(admin, parse(code)));
        return new org.springframework.web.servlet.ModelAndView("cases/process", model.asMap(),
                HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @GetMapping("/api/v1/cases/definitions/{code}")
    @ResponseBody
    ProcessDefinition definition(@PathVariable String code, @AuthenticationPrincipal SignedIn admin) {
        return administration.current(signedIn(admin), parse(code));
    }

    @PostMapping("/api/v1/cases/definitions/{code}")
    @ResponseBody
    ResponseEntity<ProcessDefinition> publishApi(@PathVariable String code,
            @RequestBody ProcessAdministration.Draft draft, @AuthenticationPrincipal SignedIn admin) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.publish(signedIn(admin), parse(code),
                draft));
    }

    private static ImplementationCode parse(String code) {
        return InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
    }

    private static SignedIn signedIn(SignedIn who) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return who;
    }
}

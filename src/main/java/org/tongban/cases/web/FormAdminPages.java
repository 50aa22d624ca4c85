package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.FieldType;
import org.tongban.cases.FormAdministration;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.FormField;
import org.tongban.cases.InvalidFormDefinitionException;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;

/**
 * The application form of an item in the admin console: a form-based editor (one row per field, lists as lines), a
 * preview exactly as applicants will see it, and publication of a new revision after every check passed; the same
 * over the API as JSON.
 */
@Controller
class FormAdminPages {

    private static final String PAGE = "cases/form-definition";

    private final FormAdministration administration;
    private final FormRendering rendering;
    private final MessageSource messages;

    FormAdminPages(FormAdministration administration, FormRendering rendering, MessageSource messages) {
        this.administration = administration;
        this.rendering = rendering;
        this.messages = messages;
    }

    @GetMapping("/admin/catalog/forms/{code}")
    String show(@PathVariable String code, @AuthenticationPrincipal SignedIn admin, Locale locale, Model model) {
        FormDefinition current = administration.current(admin, parse(code));
        return page(current, FormEditor.of(current.fields()), current, List.of(), locale, model);
    }

    /** Checks what was typed; publishes it unless only a preview was asked for ({@code preview} button). */
    @PostMapping("/admin/catalog/forms/{code}")
    Object publish(@PathVariable String code, @ModelAttribute("editor") FormEditor editor,
            @RequestParam(required = false) String preview, @AuthenticationPrincipal SignedIn admin, Locale locale,
            Model model, RedirectAttributes redirect) {
        ImplementationCode item = parse(code);
        FormDefinition current = administration.current(admin, item);
        List<FormEditor.LineProblem> lineProblems = new ArrayList<>();
        List<FormField> fields = editor.toFields(lineProblems);
        List<String> errors = new ArrayList<>();
        lineProblems.forEach(p -> errors.add(messages.getMessage("cases.form-definition.line",
                new Object[] { p.field(), p.line(), p.text() }, locale)));
        FormDefinition candidate = null;
        try {
            candidate = administration.check(admin, item, fields);
        } catch (InvalidFormDefinitionException e) {
            e.problems().forEach(p -> errors.add(messages.getMessage(p.code(), p.arguments(), p.code(), locale)));
        }
        if (errors.isEmpty() && preview == null) {
            FormDefinition published = administration.publish(admin, item, fields);
            redirect.addFlashAttribute("published", published.revision());
            return "redirect:/admin/catalog/forms/" + code;
        }
        // Nothing published: the editor again with what was typed, every problem, and the preview if it is valid.
        String view = page(current, editor.withEmptyRow(), candidate, errors, locale, model);
        return new ModelAndView(view, model.asMap(), errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @GetMapping("/api/v1/cases/forms/{code}")
    @ResponseBody
    FormDefinition definition(@PathVariable String code, @AuthenticationPrincipal SignedIn admin) {
        return administration.current(admin, parse(code));
    }

    @PostMapping("/api/v1/cases/forms/{code}")
    @ResponseBody
    ResponseEntity<FormDefinition> publishApi(@PathVariable String code, @RequestBody List<FormField> fields,
            @AuthenticationPrincipal SignedIn admin) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.publish(admin, parse(code), fields));
    }

    private String page(FormDefinition current, FormEditor editor, FormDefinition preview, List<String> errors,
            Locale locale, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("editor", editor);
        model.addAttribute("types", FieldType.values());
        model.addAttribute("operators", FormField.Operator.values());
        model.addAttribute("prefills", FormField.PREFILLS);
        model.addAttribute("problems", errors);
        model.addAttribute("preview", preview);
        if (preview != null) {
            rendering.addTo(model, preview, Map.of(), Map.of(), null, locale);
        }
        return PAGE;
    }

    private static ImplementationCode parse(String code) {
        return InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
    }
}

package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.InvalidProcessDefinitionException;
import org.tongban.cases.ProcessAdministration;
import org.tongban.cases.ProcessDefinition;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process definition of an item in the admin console: a form-based editor (every node, branch and conditional
 * transition as inputs; the server adds, removes and moves them), a flow view of what is being built, validation
 * without publishing, publication of a new version, the version history with the cases still running on each version,
 * and the definition as JSON for advanced editing; the same over the API.
 */
@Controller
class ProcessAdminPages {

    private static final String PAGE = "cases/process";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** The roles that handle cases; a definition naming another keeps it selectable. */
    private static final Set<StaffRole> HANDLING = EnumSet.of(StaffRole.WINDOW_OFFICER, StaffRole.REVIEWER,
            StaffRole.APPROVER);

    private final ProcessAdministration administration;
    private final MessageSource messages;

    ProcessAdminPages(ProcessAdministration administration, MessageSource messages) {
        this.administration = administration;
        this.messages = messages;
    }

    /** A problem as the page shows it: its text and the position of the node it concerns, if any. */
    record Shown(String text, Integer node) {
    }

    /** A choice of the acting body: {@code ITEM} or a category, labelled with its body in the item's division. */
    record BodyChoice(String value, String label) {
    }

    @GetMapping("/admin/catalog/processes/{code}")
    String show(@PathVariable String code, @AuthenticationPrincipal SignedIn admin, Locale locale, Model model) {
        ProcessAdministration.Workspace workspace = administration.workspace(admin, parse(code));
        ProcessDefinition current = workspace.current();
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", JSON.writeValueAsString(new ProcessAdministration.Draft(current.name(),
                    current.joint(), current.nodes())));
        }
        return page(workspace, ProcessEditor.of(current), current, false, List.of(), null, locale, model);
    }

    /**
     * The editor's buttons ({@code op}): a change of its structure re-renders it; {@code validate} shows every
     * problem without publishing; {@code publish} publishes a new version only when there is none. The JSON editor
     * posts {@code definition} and publishes. Whatever is refused comes back with 422 and everything typed.
     */
    @PostMapping("/admin/catalog/processes/{code}")
    Object post(@PathVariable String code, @RequestParam(required = false) String definition,
            @RequestParam(required = false) String op, @ModelAttribute("editor") ProcessEditor editor,
            BindingResult binding, @AuthenticationPrincipal SignedIn admin, Locale locale, Model model,
            RedirectAttributes redirect) {
        ImplementationCode item = parse(code);
        // Authorization (a catalogue administrator of the item's division) before anything is looked at.
        ProcessAdministration.Workspace workspace = administration.workspace(admin, item);
        if (op == null && definition != null) {
            return publishJson(code, item, definition, workspace, admin, locale, model, redirect);
        }
        editor.compact();
        String action = op == null ? "validate" : op;
        if (!action.equals("validate") && !action.equals("publish")) {
            String focus;
            try {
                focus = editor.apply(action);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidFieldException("op", new InvalidValueException("cases.editor.op-invalid", op));
            }
            ProcessAdministration.Draft draft = editor.toDraft();
            model.addAttribute("typed", json(draft));
            return page(workspace, editor, unsaved(workspace, draft), true, List.of(), focus, locale, model);
        }
        ProcessAdministration.Draft draft = editor.toDraft();
        List<Shown> unreadable = new ArrayList<>();
        binding.getFieldErrors().forEach(e -> unreadable.add(new Shown(messages.getMessage("cases.editor.unreadable",
                new Object[] { e.getField(), e.getRejectedValue() }, locale), null)));
        List<ProcessDefinition.Problem> problems;
        if (action.equals("publish") && unreadable.isEmpty()) {
            try {
                ProcessDefinition published = administration.publish(admin, item, draft);
                redirect.addFlashAttribute("published", published.version());
                return "redirect:/admin/catalog/processes/" + code;
            } catch (InvalidProcessDefinitionException e) {
                problems = e.problems();
            }
        } else {
            problems = administration.check(admin, item, draft);
        }
        model.addAttribute("typed", json(draft));
        model.addAttribute("validated", true);
        List<Shown> shown = new ArrayList<>(unreadable);
        shown.addAll(shown(problems, editor, locale));
        page(workspace, editor, unsaved(workspace, draft), true, shown, null, locale, model);
        // Nothing published: the page again with what was typed and every problem next to its node.
        return new ModelAndView(PAGE, model.asMap(), shown.isEmpty() ? HttpStatus.OK
                : HttpStatus.UNPROCESSABLE_CONTENT);
    }

    private Object publishJson(String code, ImplementationCode item, String definition,
            ProcessAdministration.Workspace workspace, SignedIn admin, Locale locale, Model model,
            RedirectAttributes redirect) {
        List<Shown> errors = new ArrayList<>();
        ProcessEditor editor = ProcessEditor.of(workspace.current());
        ProcessDefinition flow = workspace.current();
        try {
            ProcessAdministration.Draft draft = JSON.readValue(definition, ProcessAdministration.Draft.class);
            // What was typed as JSON is shown in the form editor too, problems next to their nodes.
            editor = ProcessEditor.of(unsaved(workspace, draft)).compact();
            flow = unsaved(workspace, draft);
            try {
                ProcessDefinition published = administration.publish(admin, item, draft);
                redirect.addFlashAttribute("published", published.version());
                return "redirect:/admin/catalog/processes/" + code;
            } catch (InvalidProcessDefinitionException e) {
                errors.addAll(shown(e.problems(), editor, locale));
            }
        } catch (JacksonException e) {
            errors.add(new Shown(messages.getMessage("cases.definition.json-invalid",
                    new Object[] { e.getOriginalMessage() }, locale), null));
        }
        model.addAttribute("typed", definition);
        model.addAttribute("jsonOpen", true);
        page(workspace, editor, flow, flow != workspace.current(), errors, null, locale, model);
        return new ModelAndView(PAGE, model.asMap(), HttpStatus.UNPROCESSABLE_CONTENT);
    }

    /**
     * One published version, read only: its drawing and its steps — the process the cases started on it follow.
     */
    @GetMapping("/admin/catalog/processes/{code}/versions/{version}")
    String version(@PathVariable String code, @PathVariable int version, @AuthenticationPrincipal SignedIn admin,
            Locale locale, Model model) {
        // The workspace first: it derives and stores the first version of an item that has none yet.
        ProcessAdministration.Workspace workspace = administration.workspace(admin, parse(code));
        ProcessDefinition shown = administration.version(admin, parse(code), version);
        model.addAttribute("definition", shown);
        model.addAttribute("flow", shown);
        model.addAttribute("workspace", workspace);
        model.addAttribute("latest", workspace.current().version() == shown.version());
        model.addAttribute("diagram", ProcessDiagram.svg(shown, Set.of(), ProcessDiagram.Texts.of(messages, locale),
                "flow-graph"));
        model.addAttribute("current", Set.of());
        model.addAttribute("flagged", Set.of());
        return "cases/process-version";
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

    private String page(ProcessAdministration.Workspace workspace, ProcessEditor editor, ProcessDefinition flow,
            boolean unsaved, List<Shown> problems, String focus, Locale locale, Model model) {
        model.addAttribute("definition", workspace.current());
        model.addAttribute("workspace", workspace);
        model.addAttribute("editor", editor);
        model.addAttribute("flow", flow);
        model.addAttribute("diagram", ProcessDiagram.svg(flow, Set.of(), ProcessDiagram.Texts.of(messages, locale),
                "flow-graph"));
        model.addAttribute("current", Set.of());
        model.addAttribute("unsaved", unsaved);
        model.addAttribute("problems", problems);
        Map<Integer, List<String>> byNode = new HashMap<>();
        problems.stream().filter(p -> p.node() != null)
                .forEach(p -> byNode.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(p.text()));
        model.addAttribute("nodeProblems", byNode);
        Set<String> flagged = new HashSet<>();
        byNode.keySet().forEach(i -> flagged.add(editor.getNodes().get(i).getId()));
        model.addAttribute("flagged", flagged);
        model.addAttribute("focus", focus);
        model.addAttribute("kinds", ProcessDefinition.Kind.values());
        model.addAttribute("operators", ProcessEditor.OPERATORS);
        model.addAttribute("roles", roles(editor));
        List<BodyChoice> bodies = new ArrayList<>();
        bodies.add(new BodyChoice("ITEM", messages.getMessage("cases.editor.body.item",
                new Object[] { workspace.itemBody() }, locale)));
        for (BodyCategory category : BodyCategory.values()) {
            String label = messages.getMessage("organization.category." + category.name(), null, locale);
            String body = workspace.bodies().get(category);
            bodies.add(new BodyChoice(category.name(), body == null
                    ? messages.getMessage("cases.editor.body.missing", new Object[] { label }, locale)
                    : messages.getMessage("cases.editor.body.category", new Object[] { label, body }, locale)));
        }
        model.addAttribute("bodies", bodies);
        model.addAttribute("openCases", workspace.versions().stream()
                .mapToInt(ProcessAdministration.Version::openCases).sum());
        return PAGE;
    }

    /** The problems in the order found, each placed at the node (or branch's node) it names. */
    private List<Shown> shown(List<ProcessDefinition.Problem> problems, ProcessEditor editor, Locale locale) {
        List<Shown> shown = new ArrayList<>();
        for (ProcessDefinition.Problem p : problems) {
            String text = messages.getMessage(p.code(), new Object[] { p.node() }, p.code(), locale);
            Integer at = null;
            if (p.node() != null) {
                String id = p.node().contains("/") ? p.node().substring(0, p.node().indexOf('/')) : p.node();
                for (int i = 0; i < editor.getNodes().size() && at == null; i++) {
                    String typed = editor.getNodes().get(i).getId();
                    if (id.strip().equals(typed == null ? "" : typed.strip())) {
                        at = i;
                    }
                }
            }
            shown.add(new Shown(text, at));
        }
        return shown;
    }

    private static List<StaffRole> roles(ProcessEditor editor) {
        Set<StaffRole> roles = EnumSet.copyOf(HANDLING);
        for (ProcessEditor.NodeRow n : editor.getNodes()) {
            if (n.getRole() != null) {
                roles.add(n.getRole());
            }
            n.getBranches().stream().filter(b -> b.getRole() != null).forEach(b -> roles.add(b.getRole()));
        }
        return List.copyOf(roles);
    }

    /** The flow of what is being edited: the current item, version 0 (not published). */
    private static ProcessDefinition unsaved(ProcessAdministration.Workspace workspace,
            ProcessAdministration.Draft draft) {
        return new ProcessDefinition(workspace.current().itemCode(), 0, draft.name(), draft.joint(), draft.nodes());
    }

    private static String json(ProcessAdministration.Draft draft) {
        return JSON.writeValueAsString(draft);
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

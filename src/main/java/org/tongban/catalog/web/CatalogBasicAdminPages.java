package org.tongban.catalog.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.BasicItemAdministration;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.catalog.internal.transfer.BasicItemForm;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodyCategory;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.platform.web.Problems;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;

/**
 * The basic catalogue's pages (基本目录管理) for catalogue administrators of the province: the list of basic items, the
 * form of an item's facts and standard guide, its history with diffs, submission and approval with an effective
 * date. Role CATALOG_ADMIN (security rules for /admin/catalog); administrators below the province get 403.
 */
@Controller
@RequestMapping("/admin/catalog/basic")
class CatalogBasicAdminPages {

    private static final int PAGE_SIZE = 50;

    private final BasicItemAdministration administration;
    private final MessageSource messages;
    private final Problems problems;
    private final CatalogLabels labels;

    CatalogBasicAdminPages(BasicItemAdministration administration, MessageSource messages, Problems problems,
            CatalogLabels labels) {
        this.administration = administration;
        this.messages = messages;
        this.problems = problems;
        this.labels = labels;
    }

    private static DivisionCode scope(SignedIn admin) {
        return DivisionCode.of(admin.staffDivision());
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedIn admin, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("listing", administration.list(q, Math.max(0, page), PAGE_SIZE, scope(admin)));
        return "catalog/basic-list";
    }

    @GetMapping("/new")
    String create(@AuthenticationPrincipal SignedIn admin, Model model) {
        administration.list("", 0, 1, scope(admin)); // the province check, before a form is shown
        Map<String, String> values = new HashMap<>();
        values.put("assuranceLevel", "L2");
        return form(values, Map.of(), false, model);
    }

    @GetMapping("/{code}/edit")
    String edit(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, Model model) {
        return form(administration.values(parse(code), scope(admin)), Map.of(), true, model);
    }

    @PostMapping
    String save(@AuthenticationPrincipal SignedIn admin, @RequestParam MultiValueMap<String, String> params,
            Model model, HttpServletResponse response, Locale locale) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, list) -> {
            if (name.equals("levels") || name.equals("themes")) {
                values.put(name, String.join(",", list));
            } else if (!name.equals("_csrf") && !name.equals("editing") && !list.isEmpty()) {
                values.put(name, list.getFirst());
            }
        });
        boolean editing = "true".equals(params.getFirst("editing"));
        BasicItemAdministration.Outcome outcome = administration.save(values, !editing, admin.accountId(),
                scope(admin));
        if (outcome.accepted()) {
            return "redirect:/admin/catalog/basic/" + outcome.saved().code() + "?saved=" + outcome.saved().version();
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, String> errors = new LinkedHashMap<>();
        for (ImportProblem problem : outcome.problems()) {
            errors.merge(problem.sheet(), problem.message(messages, locale), (a, b) -> a + " " + b);
        }
        return form(values, errors, editing, model);
    }

    private String form(Map<String, String> values, Map<String, String> errors, boolean editing, Model model) {
        model.addAttribute("fields", BasicItemForm.standardFields());
        CatalogForms.model(model, values, errors, editing);
        model.addAttribute("targets", ServiceTarget.values());
        model.addAttribute("departments", BodyCategory.values());
        model.addAttribute("levels", Arrays.stream(DivisionLevel.values()).toList());
        model.addAttribute("themes", Theme.values());
        model.addAttribute("chosenLevels", chosen(values.get("levels")));
        model.addAttribute("chosenThemes", chosen(values.get("themes")));
        return "catalog/basic-form";
    }

    private static List<String> chosen(String joined) {
        return joined == null ? List.of() : Arrays.stream(joined.split(",")).map(String::strip).toList();
    }

    @GetMapping("/{code}")
    String history(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, Model model) {
        model.addAttribute("history", administration.history(parse(code), scope(admin)));
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return "catalog/basic-history";
    }

    @GetMapping("/{code}/diff")
    String diff(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, @RequestParam int from,
            @RequestParam int to, Model model, Locale locale) {
        BasicCode basic = parse(code);
        model.addAttribute("history", administration.history(basic, scope(admin)));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("changes", administration.diff(basic, from, to, scope(admin),
                value -> labels.label(value, locale)));
        return "catalog/basic-diff";
    }

    @PostMapping("/{code}/submit")
    String submit(@AuthenticationPrincipal SignedIn admin, @PathVariable String code) {
        administration.submit(parse(code), admin.accountId(), scope(admin));
        return "redirect:/admin/catalog/basic/" + code + "?submitted";
    }

    @PostMapping("/{code}/approve")
    String approve(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom) {
        administration.approve(parse(code), effectiveFrom, admin.accountId(), scope(admin));
        return "redirect:/admin/catalog/basic/" + code + "?approved";
    }

    @ExceptionHandler
    ModelAndView provinceOnly(BasicItemAdministration.ProvinceOnly e, Locale locale) {
        return problems.page(HttpStatus.FORBIDDEN, e.getMessage(),
                messages.getMessage(e.getMessage(), null, locale), List.of());
    }

    @ExceptionHandler
    ModelAndView wrongStatus(BasicItemAdministration.WrongStatus e, Locale locale) {
        return problems.page(HttpStatus.CONFLICT, e.code(),
                messages.getMessage(e.code(), new Object[] { e.status() }, e.code(), locale), List.of());
    }

    /** Two administrators saving a new version of the same item at the same moment: the second one tries again. */
    @ExceptionHandler
    ModelAndView concurrent(DataIntegrityViolationException e, Locale locale) {
        return problems.page(HttpStatus.CONFLICT, "catalog.basic.concurrent",
                messages.getMessage("catalog.basic.concurrent", null, locale), List.of());
    }

    private static BasicCode parse(String code) {
        return InvalidFieldException.parse("code", () -> BasicCode.of(code));
    }
}

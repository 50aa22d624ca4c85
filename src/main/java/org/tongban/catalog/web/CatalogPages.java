package org.tongban.catalog.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.CatalogSearchRequest;
import org.tongban.catalog.CatalogSearchResult;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.organization.CurrentDivision;
import org.tongban.organization.DivisionSummary;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;

/** The citizen portal's catalogue pages: home with themes, item search, and the guide of an item. */
@Controller
class CatalogPages {

    private static final int PAGE_SIZE = 20;

    private final Catalog catalog;
    private final CurrentDivision currentDivision;
    private final MessageSource messages;

    CatalogPages(Catalog catalog, CurrentDivision currentDivision, MessageSource messages) {
        this.catalog = catalog;
        this.currentDivision = currentDivision;
        this.messages = messages;
    }

    @GetMapping("/")
    String home(HttpServletRequest request, Model model) {
        DivisionSummary current = currentDivision.of(request);
        currentDivision.addPicker(current, model);
        Map<Theme, Long> counts = DivisionCode.isValid(current.code()) && !current.name().equals(current.code())
                ? catalog.themeCounts(DivisionCode.of(current.code())) : Map.of();
        model.addAttribute("themeCounts", counts);
        model.addAttribute("personThemes", themes(ServiceTarget.NATURAL_PERSON));
        model.addAttribute("companyThemes", themes(ServiceTarget.LEGAL_PERSON));
        model.addAttribute("query", "");
        return "catalog/home";
    }

    @GetMapping("/items")
    String items(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String type,
            @RequestParam(required = false) String target, @RequestParam(required = false) String depth,
            @RequestParam(required = false) String theme, @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request, Model model, java.util.Locale locale) {
        DivisionSummary current = currentDivision.of(request);
        currentDivision.addPicker(current, model);
        model.addAttribute("query", q.strip());
        model.addAttribute("type", type);
        model.addAttribute("target", target);
        model.addAttribute("depth", depth);
        model.addAttribute("theme", theme);
        model.addAttribute("types", ItemType.values());
        model.addAttribute("targets", List.of(ServiceTarget.NATURAL_PERSON, ServiceTarget.LEGAL_PERSON));
        model.addAttribute("depths", Guide.OnlineDepth.values());
        model.addAttribute("themes", Theme.values());
        try {
            CatalogSearchRequest search = CatalogFilters.request(q, current.code(), type, target, depth, theme, null,
                    page, PAGE_SIZE);
            CatalogSearchResult result = catalog.search(search);
            model.addAttribute("result", result);
            model.addAttribute("lastPage", Math.max(0, (int) ((result.total() - 1) / PAGE_SIZE)));
        } catch (InvalidFieldException e) {
            InvalidValueException invalid = e.invalidValue();
            model.addAttribute("filterError", messages.getMessage(invalid.code(), invalid.arguments(), invalid.code(),
                    locale));
            model.addAttribute("filterField", e.field());
        }
        return "catalog/items";
    }

    /** Suggestions while typing (htmx fragment). */
    @GetMapping("/items/suggestions")
    String suggestions(@RequestParam(defaultValue = "") String q, HttpServletRequest request, Model model) {
        DivisionSummary current = currentDivision.of(request);
        Optional<DivisionCode> division = DivisionCode.isValid(current.code())
                ? Optional.of(DivisionCode.of(current.code())) : Optional.empty();
        model.addAttribute("suggestions", q.strip().length() > CatalogFilters.MAX_QUERY ? List.of()
                : catalog.suggest(q.strip(), division, 8));
        return "catalog/items :: suggestions";
    }

    @GetMapping("/items/{code}")
    String guide(@PathVariable String code, @RequestParam(required = false) Integer version,
            @org.springframework.security.core.annotation.AuthenticationPrincipal org.tongban.identity.SignedIn signedIn,
            Model model) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        ItemDetail item = version == null ? catalog.item(implementation) : catalog.item(implementation, version);
        model.addAttribute("item", item);
        model.addAttribute("guide", item.guide());
        // Applying online needs the item's assurance level: below it, the applicant is shown how to step up.
        int needed = item.guide().neededAssuranceLevel();
        if (signedIn == null || signedIn.assuranceLevel() < needed) {
            model.addAttribute("stepUp", org.springframework.web.util.UriComponentsBuilder.fromPath("/account/assurance")
                    .queryParam("needed", needed).queryParam("continue", "/items/" + implementation.value())
                    .encode().build().toUriString());
        }
        return "catalog/guide";
    }

    /** A QR code that opens the guide on a phone (printed guides, hall screens). */
    @GetMapping(value = "/items/{code}/qr.svg", produces = "image/svg+xml")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<String> qr(@PathVariable String code, HttpServletRequest request,
            java.util.Locale locale) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        ItemDetail item = catalog.item(implementation);
        String url = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                .path("/items/{code}").buildAndExpand(implementation.value()).toUriString();
        String title = messages.getMessage("catalog.guide.qr", new Object[] { item.summary().name() }, locale);
        return org.springframework.http.ResponseEntity.ok()
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1)))
                .contentType(org.springframework.http.MediaType.valueOf("image/svg+xml"))
                .body(org.tongban.platform.web.QrCodes.svg(url, title));
    }

    private static List<Theme> themes(ServiceTarget audience) {
        return Arrays.stream(Theme.values()).filter(t -> t.audience() == audience).toList();
    }
}

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
import org.tongban.catalog.OnceOnlyShares;
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
    private final OnceOnlyShares shares;

    CatalogPages(Catalog catalog, CurrentDivision currentDivision, MessageSource messages, OnceOnlyShares shares) {
        this.catalog = catalog;
        this.shares = shares;
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
        model.addAttribute("onceOnly", shares.province());
        return "catalog/home";
    }

    /** 免提交: the share of listed materials fetched by sharing, province-wide and per body of the chosen division. */
    @GetMapping("/once-only")
    String onceOnly(HttpServletRequest request, Model model) {
        DivisionSummary current = currentDivision.of(request);
        currentDivision.addPicker(current, model);
        model.addAttribute("province", shares.province());
        model.addAttribute("bodies", DivisionCode.isValid(current.code()) && !current.name().equals(current.code())
                ? shares.bodies(DivisionCode.of(current.code())) : List.of());
        return "catalog/once-only";
    }

    @GetMapping("/items")
    String items(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String type,
            @RequestParam(required = false) String target, @RequestParam(required = false) String depth,
            @RequestParam(required = false) String theme, @RequestParam(required = false) String body,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model,
            java.util.Locale locale) {
        DivisionSummary current = currentDivision.of(request);
        currentDivision.addPicker(current, model);
        model.addAttribute("query", q.strip());
        model.addAttribute("type", type);
        model.addAttribute("target", target);
        model.addAttribute("depth", depth);
        model.addAttribute("theme", theme);
        model.addAttribute("body", body);
        model.addAttribute("types", ItemType.values());
        model.addAttribute("targets", List.of(ServiceTarget.NATURAL_PERSON, ServiceTarget.LEGAL_PERSON));
        model.addAttribute("depths", Guide.OnlineDepth.values());
        model.addAttribute("themes", Theme.values());
        try {
            CatalogSearchRequest search = CatalogFilters.request(q, current.code(), type, target, depth, theme, body,
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
            @org.springframework.security.core.annotation.AuthenticationPrincipal org.tongban.identity.SignedIn user,
            Model model) {
        ImplementationCode implementation = InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
        ItemDetail item = version == null ? catalog.item(implementation) : catalog.item(implementation, version);
        model.addAttribute("item", item);
        model.addAttribute("guide", item.guide());
        model.addAttribute("apply", Apply.of(item, user));
        model.addAttribute("onceOnly", OnceOnlyShares.of(item.guide()));
        return "catalog/guide";
    }

    /**
     * The guide's "apply online" entry. Each item declares the real-name level it needs (DOMAIN §8); a person signed
     * in below it is sent to raise their level first, and comes back to this guide.
     *
     * @param shown whether the item can be applied for online at all now (in force, online depth II or more)
     * @param needed the level the item needs (1–4)
     * @param current the signed-in person's level; 0 when nobody is signed in
     * @param raiseUrl where to raise the level, or {@code null} when the level is enough or nobody is signed in
     */
    record Apply(boolean shown, int needed, int current, String raiseUrl) {

        static Apply of(ItemDetail item, org.tongban.identity.SignedIn user) {
            boolean shown = "PUBLISHED".equals(item.status())
                    && item.guide().onlineDepth() != Guide.OnlineDepth.I;
            int needed = item.guide().assuranceLevel().number();
            int current = user == null ? 0 : user.assuranceLevel();
            String raise = user != null && !item.guide().assuranceLevel().metBy(current)
                    ? org.springframework.web.util.UriComponentsBuilder.fromPath("/account/assurance")
                            .queryParam("needed", needed)
                            .queryParam("continue", "/items/" + item.summary().code())
                            .build().toUriString()
                    : null;
            return new Apply(shown, needed, current, raise);
        }
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

package org.tongban.catalog.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.CatalogSearchResult;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.catalog.OnceOnlyShares;
import org.tongban.catalog.Theme;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;

@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "Catalogue", description = "Published service items (事项), their guides (办事指南) and search")
class CatalogApi {

    private final Catalog catalog;
    private final OnceOnlyShares shares;

    private final org.springframework.context.MessageSource messages;

    CatalogApi(Catalog catalog, OnceOnlyShares shares, org.springframework.context.MessageSource messages) {
        this.catalog = catalog;
        this.shares = shares;
        this.messages = messages;
    }

    /** The province's share of materials no longer submitted, and the share of each body of a division. */
    record OnceOnlyView(OnceOnlyShares.Share province, List<OnceOnlyShares.BodyShare> bodies) {
    }

    @GetMapping("/once-only")
    @Operation(summary = "Share of listed materials the platform fetches by sharing (免提交): province and bodies")
    OnceOnlyView onceOnly(@RequestParam(required = false) String division) {
        List<OnceOnlyShares.BodyShare> bodies = CatalogFilters.blank(division) ? List.of()
                : shares.bodies(InvalidFieldException.parse("division", () -> DivisionCode.of(division)));
        return new OnceOnlyView(shares.province(), bodies);
    }

    @GetMapping("/items")
    @Operation(summary = "Searches and filters published implementation items, best first (paged)")
    CatalogSearchResult items(@RequestParam(required = false) String q, @RequestParam(required = false) String division,
            @RequestParam(required = false) String type, @RequestParam(required = false) String target,
            @RequestParam(required = false) String depth, @RequestParam(required = false) String theme,
            @RequestParam(required = false) String body, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return catalog.search(CatalogFilters.request(q, division, type, target, depth, theme, body, page, size));
    }

    @GetMapping("/items/{code}")
    @Operation(summary = "The version in force of an implementation item, with its whole guide")
    ItemDetail item(@PathVariable String code) {
        return catalog.item(InvalidFieldException.parse("code", () -> ImplementationCode.of(code)));
    }

    @GetMapping("/items/{code}/versions/{version}")
    @Operation(summary = "A published (current or earlier) version of an implementation item")
    ItemDetail version(@PathVariable String code, @PathVariable int version) {
        return catalog.item(InvalidFieldException.parse("code", () -> ImplementationCode.of(code)), version);
    }

    /** A deviation with its message in the caller's language. */
    record DeviationView(String code, String element, List<String> arguments, String message) {
    }

    @GetMapping("/items/{code}/deviations")
    @Operation(summary = "Where the item's guide is looser than its basic item's standard (同一标准), or inconsistent")
    List<DeviationView> deviations(@PathVariable String code, java.util.Locale locale) {
        return catalog.deviations(InvalidFieldException.parse("code", () -> ImplementationCode.of(code))).stream()
                .map(d -> new DeviationView(d.code(), d.element(), d.arguments(),
                        messages.getMessage(d.code(), d.arguments().toArray(), d.code(), locale)))
                .toList();
    }

    @GetMapping("/basic-items")
    @Operation(summary = "The published basic catalogue (基本目录) with each item's standard")
    List<Catalog.BasicItemView> basicItems() {
        return catalog.basicItems();
    }

    @GetMapping("/basic-items/{code}")
    @Operation(summary = "A published basic item and its province-wide standard")
    Catalog.BasicItemView basicItem(@PathVariable String code) {
        return catalog.basicItem(InvalidFieldException.parse("code", () -> BasicCode.of(code)));
    }

    @GetMapping("/themes")
    @Operation(summary = "How many published items apply in a division, per theme")
    Map<Theme, Long> themes(@RequestParam String division) {
        return catalog.themeCounts(InvalidFieldException.parse("division", () -> DivisionCode.of(division)));
    }

    @GetMapping("/suggestions")
    @Operation(summary = "Item names for what has been typed so far")
    List<String> suggestions(@RequestParam String q, @RequestParam(required = false) String division) {
        Optional<DivisionCode> scope = CatalogFilters.blank(division) ? Optional.empty()
                : Optional.of(InvalidFieldException.parse("division", () -> DivisionCode.of(division)));
        return catalog.suggest(q, scope, 8);
    }
}

package org.tongban.organization.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;

@RestController
@RequestMapping("/api/v1/divisions")
@Tag(name = "Divisions", description = "Administrative divisions (行政区划), GB/T 2260")
class DivisionsApi {

    private final Organization organization;

    DivisionsApi(Organization organization) {
        this.organization = organization;
    }

    @GetMapping("/{code}")
    @Operation(summary = "A division by its code (6 digits down to county, 12 below)")
    DivisionSummary division(@PathVariable String code) {
        return organization.division(InvalidFieldException.parse("code", () -> DivisionCode.of(code)));
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "The divisions directly below a division")
    List<DivisionSummary> children(@PathVariable String code) {
        return organization.children(InvalidFieldException.parse("code", () -> DivisionCode.of(code)));
    }

    @GetMapping("/{code}/lineage")
    @Operation(summary = "The division and its ancestors, province first")
    List<DivisionSummary> lineage(@PathVariable String code) {
        return organization.lineage(InvalidFieldException.parse("code", () -> DivisionCode.of(code)));
    }

    @GetMapping
    @Operation(summary = "Divisions whose name contains the text, within a division (default: the province)")
    List<DivisionSummary> search(@RequestParam String q,
            @Parameter(description = "division code limiting the search") @RequestParam(required = false) String within,
            @RequestParam(defaultValue = "20") int limit) {
        DivisionCode scope = within == null || within.isBlank() ? organization.province()
                : InvalidFieldException.parse("within", () -> DivisionCode.of(within));
        return organization.searchDivisions(q, scope, limit);
    }
}

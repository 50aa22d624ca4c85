package org.tongban.organization.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.organization.BodySummary;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.platform.web.PageResponse;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Bodies", description = "Government bodies (实施主体), service halls and windows")
class BodiesApi {

    private final Organization organization;

    BodiesApi(Organization organization) {
        this.organization = organization;
    }

    @GetMapping("/bodies")
    @Operation(summary = "Government bodies located in a division, or anywhere within it")
    PageResponse<BodySummary> bodies(@RequestParam String division,
            @Parameter(description = "include bodies of every division below") @RequestParam(defaultValue = "false") boolean subtree,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        DivisionCode code = InvalidFieldException.parse("division", () -> DivisionCode.of(division));
        return PageResponse.of(organization.bodies(code, subtree, page, size));
    }

    @GetMapping("/bodies/{id}")
    @Operation(summary = "A government body")
    BodySummary body(@PathVariable UUID id) {
        return organization.body(id);
    }

    @GetMapping("/bodies/credit-code/{creditCode}")
    @Operation(summary = "The government body with a unified social credit code (GB 32100)")
    BodySummary bodyByCreditCode(@PathVariable String creditCode) {
        return organization.body(InvalidFieldException.parse("creditCode", () -> UnifiedSocialCreditCode.of(creditCode)));
    }

    @GetMapping("/bodies/{id}/halls")
    @Operation(summary = "The service halls a body runs, with their windows")
    List<HallSummary> hallsOf(@PathVariable UUID id) {
        organization.body(id);
        return organization.hallsOf(id);
    }

    @GetMapping("/halls")
    @Operation(summary = "Service halls located in a division, with their windows")
    List<HallSummary> halls(@RequestParam String division) {
        DivisionCode code = InvalidFieldException.parse("division", () -> DivisionCode.of(division));
        organization.division(code);
        return organization.hallsIn(code);
    }
}

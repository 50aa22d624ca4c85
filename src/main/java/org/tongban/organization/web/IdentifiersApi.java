package org.tongban.organization.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.organization.IdentifierCheck;
import org.tongban.platform.web.InvalidFieldException;

@RestController
@RequestMapping("/api/v1/identifiers")
@Tag(name = "Identifiers", description = "Checks resident ID numbers (GB 11643), credit codes (GB 32100), division codes")
class IdentifiersApi {

    private final IdentifierCheck check;

    IdentifiersApi(IdentifierCheck check) {
        this.check = check;
    }

    /** The value travels in the body, not the URL, so that ID numbers stay out of access logs. */
    record CheckRequest(String kind, String value) {
    }

    @PostMapping("/check")
    @Operation(summary = "Checks an identifier and says what it encodes; 400 naming the rule it breaks")
    IdentifierCheck.Result check(@RequestBody CheckRequest request) {
        IdentifierCheck.Kind kind = InvalidFieldException.parse("kind", () -> IdentifierCheck.Kind.of(request.kind()));
        return InvalidFieldException.parse("value", () -> check.check(kind, request.value()));
    }
}

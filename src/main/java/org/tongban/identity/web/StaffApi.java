package org.tongban.identity.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffAdministration;
import org.tongban.identity.StaffAdministration.DataScope;
import org.tongban.identity.StaffRole;

/**
 * Staff administration for system administrators' own tools (the same rules as {@code /admin/staff}): list, read,
 * create (the one-time password answered once, never cached), change roles and data scope, deactivate. Only system
 * administrators, each within their own data scope (403 problem {@code identity.staff.out-of-scope} beyond it); bad
 * identifiers are 400 problems naming the field.
 */
@RestController
@RequestMapping("/api/v1/identity/staff")
class StaffApi {

    /** Roles and data scope of an existing staff account. */
    record Assignment(Set<StaffRole> roles, DataScope dataScope) {
    }

    private final StaffAdministration administration;

    StaffApi(StaffAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    List<StaffAdministration.StaffMember> list(@AuthenticationPrincipal SignedIn admin) {
        return administration.staff(admin);
    }

    @GetMapping("/{id}")
    StaffAdministration.StaffMember member(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        return administration.member(admin, id);
    }

    @PostMapping
    ResponseEntity<StaffAdministration.Created> create(@AuthenticationPrincipal SignedIn admin,
            @RequestBody StaffAdministration.StaffForm form) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(administration.create(admin, form));
    }

    @PutMapping("/{id}/assignment")
    StaffAdministration.StaffMember change(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id,
            @RequestBody Assignment assignment) {
        return administration.change(admin, id, assignment.roles() == null ? Set.of() : assignment.roles(),
                assignment.dataScope());
    }

    @PostMapping("/{id}/deactivation")
    StaffAdministration.StaffMember deactivate(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        return administration.deactivate(admin, id);
    }
}

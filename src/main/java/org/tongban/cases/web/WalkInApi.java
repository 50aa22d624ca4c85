package org.tongban.cases.web;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.WalkInFiling;
import org.tongban.identity.SignedIn;

/**
 * 窗口收件 over HTTP, for the window officers of the item's body: start for a walk-in applicant (the
 * {@code Idempotency-Key} makes a retried start answer the same application), save values, upload scanned materials,
 * submit (201, or 200 with the same body when the same {@code Idempotency-Key} comes again). Failures are RFC 9457
 * problems: {@code cases.application.incomplete} 422 with field errors (e.g. {@code shared.citizen-id.check} for
 * {@code idNumber}), {@code cases.workbench.window-officer-only} 403, {@code cases.application.not-found} 404.
 */
@RestController
@RequestMapping("/api/v1/cases/walk-ins")
class WalkInApi {

    private final WalkInFiling walkIns;

    WalkInApi(WalkInFiling walkIns) {
        this.walkIns = walkIns;
    }

    /** {@code creditCode}: the company the person at the counter represents, if any. */
    record Start(String itemCode, String name, String idNumber, String phone, UUID hallId, String window,
            String creditCode) {
    }

    @PostMapping
    ResponseEntity<WalkInFiling.Started> start(@RequestBody Start start,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @AuthenticationPrincipal SignedIn officer) {
        WalkInFiling.Started started = walkIns.start(signedIn(officer), new WalkInFiling.Start(start.itemCode(),
                start.name(), start.idNumber(), start.phone(), start.hallId(), start.window(), start.creditCode()),
                key);
        return started.repeated() ? ResponseEntity.ok(started)
                : ResponseEntity.created(URI.create("/api/v1/cases/walk-ins/" + started.id())).body(started);
    }

    @GetMapping("/{id}")
    WalkInFiling.WalkInView view(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return walkIns.view(signedIn(officer), id);
    }

    @PutMapping("/{id}/values")
    WalkInFiling.WalkInView save(@PathVariable UUID id, @RequestBody Map<String, String> values,
            @AuthenticationPrincipal SignedIn officer) {
        return walkIns.save(signedIn(officer), id, values);
    }

    @PostMapping("/{id}/materials/{index}")
    ResponseEntity<ApplicationView.MaterialFile> upload(@PathVariable UUID id, @PathVariable int index,
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean add, @AuthenticationPrincipal SignedIn officer)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(walkIns.upload(signedIn(officer), id, index,
                file.getOriginalFilename(), file.getBytes(), add));
    }

    @PostMapping("/{id}/submission")
    ResponseEntity<Applications.Submitted> submit(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @AuthenticationPrincipal SignedIn officer) {
        Applications.Submitted submitted = walkIns.submit(signedIn(officer), id, key);
        return ResponseEntity.status(submitted.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(submitted);
    }

    private static SignedIn signedIn(SignedIn who) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return who;
    }
}

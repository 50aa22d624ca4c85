package org.tongban.cases.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.MaterialLibrary;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;

/**
 * 我的材料 over REST: list, download (audited), date and delete kept files, see what a material slot can reuse, and
 * attach a kept file to a slot instead of uploading it.
 */
@RestController
class MaterialLibraryApi {

    private final MaterialLibrary library;
    private final Applications applications;

    MaterialLibraryApi(MaterialLibrary library, Applications applications) {
        this.library = library;
        this.applications = applications;
    }

    @GetMapping("/api/v1/cases/library")
    List<MaterialLibrary.LibraryEntry> entries(@AuthenticationPrincipal SignedIn who) {
        return library.entries(signedIn(who));
    }

    @GetMapping("/api/v1/cases/library/{entry}")
    MaterialLibrary.LibraryEntry entry(@PathVariable UUID entry, @AuthenticationPrincipal SignedIn who) {
        return library.entry(signedIn(who), entry);
    }

    @GetMapping("/api/v1/cases/library/{entry}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable UUID entry, @AuthenticationPrincipal SignedIn who) {
        return MaterialLibraryPages.attachment(library.download(signedIn(who), entry));
    }

    record Validity(String validUntil) {
    }

    /** Sets the entry's validity date ({@code yyyy-MM-dd}); {@code null} or empty clears it. */
    @PutMapping("/api/v1/cases/library/{entry}/validity")
    MaterialLibrary.LibraryEntry validity(@PathVariable UUID entry, @RequestBody Validity validity,
            @AuthenticationPrincipal SignedIn who) {
        return library.setValidUntil(signedIn(who), entry, MaterialLibraryPages.date(validity.validUntil()));
    }

    @DeleteMapping("/api/v1/cases/library/{entry}")
    ResponseEntity<Void> delete(@PathVariable UUID entry, @AuthenticationPrincipal SignedIn who) {
        library.delete(signedIn(who), entry);
        return ResponseEntity.noContent().build();
    }

    /** What each material slot of the application can reuse, by slot index. */
    @GetMapping("/api/v1/cases/applications/{id}/library-offers")
    Map<Integer, MaterialLibrary.SlotOffer> offers(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return library.offers(signedIn(who), applications.view(signedIn(who), id));
    }

    record Reuse(UUID entry) {
    }

    @PostMapping("/api/v1/cases/applications/{id}/materials/{index}/library")
    ResponseEntity<ApplicationView.MaterialFile> attach(@PathVariable UUID id, @PathVariable int index,
            @RequestBody Reuse reuse, @AuthenticationPrincipal SignedIn who) {
        if (reuse == null || reuse.entry() == null) {
            throw new InvalidFieldException("entry", new InvalidValueException("cases.library.entry.required", null));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(library.attach(signedIn(who), id, index, reuse.entry()));
    }

    private static SignedIn signedIn(SignedIn who) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return who;
    }
}

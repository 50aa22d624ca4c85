package org.tongban.cases.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import org.tongban.cases.ApplicationSummary;
import org.tongban.cases.ApplicationView;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseDocuments;
import org.tongban.cases.CaseRefusedException;
import org.tongban.cases.Channel;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.OnceOnlyMaterials;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;

/**
 * Applications over HTTP: the same rules as the pages. Writes that could be retried take an {@code Idempotency-Key}
 * header; failures are RFC 9457 problems with stable codes ({@code cases.application.incomplete} 422,
 * {@code cases.decision.conflict} 409, {@code cases.assurance.too-low} 403 ...).
 */
@RestController
@RequestMapping("/api/v1/cases")
class CasesApi {

    private final Applications applications;
    private final CaseAcceptance acceptance;
    private final CaseDocuments documents;
    private final OnceOnlyMaterials onceOnly;
    private final org.tongban.cases.WalkInFiling walkIns;

    CasesApi(Applications applications, CaseAcceptance acceptance, CaseDocuments documents,
            OnceOnlyMaterials onceOnly, org.tongban.cases.WalkInFiling walkIns) {
        this.applications = applications;
        this.walkIns = walkIns;
        this.onceOnly = onceOnly;
        this.acceptance = acceptance;
        this.documents = documents;
    }

    @GetMapping("/items/{code}/form")
    FormDefinition form(@PathVariable String code) {
        return applications.form(InvalidFieldException.parse("code", () -> ImplementationCode.of(code))).form();
    }

    /** {@code sharedDataConsent}: prefill the form with what the government already holds (免填写). */
    record Start(String itemCode, Boolean sharedDataConsent) {
    }

    record Created(UUID id) {
    }

    @PostMapping("/applications")
    ResponseEntity<Created> start(@RequestBody Start start,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @AuthenticationPrincipal SignedIn who) {
        signedIn(who);
        ImplementationCode code = InvalidFieldException.parse("itemCode", () -> ImplementationCode.of(start.itemCode()));
        UUID id = applications.start(who, code, key, Boolean.TRUE.equals(start.sharedDataConsent()));
        return ResponseEntity.created(URI.create("/api/v1/cases/applications/" + id)).body(new Created(id));
    }

    @GetMapping("/applications")
    List<ApplicationSummary> mine(@AuthenticationPrincipal SignedIn who) {
        // Cases a hall window filed for this person before they had a verified account join their list.
        walkIns.claimForAccount(signedIn(who));
        return applications.mine(signedIn(who));
    }

    @GetMapping("/applications/{id}")
    ApplicationView view(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return applications.view(signedIn(who), id);
    }

    @PutMapping("/applications/{id}/values")
    ApplicationView save(@PathVariable UUID id, @RequestBody Map<String, String> values,
            @AuthenticationPrincipal SignedIn who) {
        return applications.save(signedIn(who), id, values);
    }

    @PostMapping("/applications/{id}/materials/{index}")
    ResponseEntity<ApplicationView.MaterialFile> upload(@PathVariable UUID id, @PathVariable int index,
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean add, @AuthenticationPrincipal SignedIn who)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(applications.upload(signedIn(who), id, index,
                file.getOriginalFilename(), file.getBytes(), add));
    }

    /** The new order of a slot's files (images, as pages): every file of the slot once. */
    record FileOrder(List<UUID> files) {
    }

    @PutMapping("/applications/{id}/materials/{index}/order")
    List<ApplicationView.MaterialFile> reorder(@PathVariable UUID id, @PathVariable int index,
            @RequestBody FileOrder order, @AuthenticationPrincipal SignedIn who) {
        return applications.reorder(signedIn(who), id, index, order == null ? null : order.files());
    }

    @DeleteMapping("/applications/{id}/materials/{index}/files/{material}")
    ResponseEntity<Void> removeFile(@PathVariable UUID id, @PathVariable int index, @PathVariable UUID material,
            @AuthenticationPrincipal SignedIn who) {
        applications.removeFile(signedIn(who), id, index, material);
        return ResponseEntity.noContent().build();
    }

    // --- once-only materials (免提交): fetch, preview, consent or decline

    /** What the platform can fetch for the application now, and what it has fetched. */
    record SharedMaterials(List<OnceOnlyMaterials.Offer> offers, List<OnceOnlyMaterials.SharedMaterial> materials) {
    }

    @GetMapping("/applications/{id}/shared-materials")
    SharedMaterials sharedMaterials(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        ApplicationView application = applications.view(signedIn(who), id);
        return new SharedMaterials(List.copyOf(onceOnly.offers(application).values()),
                List.copyOf(onceOnly.of(who, id).values()));
    }

    /** Fetches the material for preview (201); nothing is attached before the consent. */
    @PostMapping("/applications/{id}/materials/{index}/shared")
    ResponseEntity<OnceOnlyMaterials.SharedMaterial> fetchShared(@PathVariable UUID id, @PathVariable int index,
            @AuthenticationPrincipal SignedIn who) {
        return ResponseEntity.status(HttpStatus.CREATED).body(onceOnly.fetch(signedIn(who), id, index));
    }

    @PostMapping("/applications/{id}/materials/{index}/shared/consent")
    OnceOnlyMaterials.SharedMaterial consentShared(@PathVariable UUID id, @PathVariable int index,
            @AuthenticationPrincipal SignedIn who) {
        return onceOnly.consent(signedIn(who), id, index);
    }

    @DeleteMapping("/applications/{id}/materials/{index}/shared")
    ResponseEntity<Void> declineShared(@PathVariable UUID id, @PathVariable int index,
            @AuthenticationPrincipal SignedIn who) {
        onceOnly.decline(signedIn(who), id, index);
        return ResponseEntity.noContent().build();
    }

    record Submission(Channel channel) {
    }

    /** 201 on the first submission, 200 with the same body when the same key comes again. */
    @PostMapping("/applications/{id}/submission")
    ResponseEntity<Applications.Submitted> submit(@PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) Submission submission, @AuthenticationPrincipal SignedIn who) {
        Channel channel = submission == null || submission.channel() == null ? Channel.WEB : submission.channel();
        Applications.Submitted submitted = applications.submit(signedIn(who), id, key, channel);
        return ResponseEntity.status(submitted.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(submitted);
    }

    @PostMapping("/applications/{id}/withdrawal")
    ResponseEntity<Void> withdraw(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        applications.withdraw(signedIn(who), id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/applications/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        applications.deleteDraft(signedIn(who), id);
        return ResponseEntity.noContent().build();
    }

    // --- official documents (applicant, company agents, staff of the handling bodies)

    /** A document the case has, with where to download it. */
    record DocumentLink(String kind, String title, String href) {
    }

    @GetMapping("/applications/{id}/documents")
    List<DocumentLink> documents(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return documents.available(signedIn(who), id).stream().map(k -> new DocumentLink(k.slug(), k.title(),
                "/api/v1/cases/applications/" + id + "/documents/" + k.slug())).toList();
    }

    /** The document as PDF ({@code application/pdf}); 404 for a case the caller may not see, 503 without a font. */
    @GetMapping("/applications/{id}/documents/{kind}")
    ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable String kind,
            @AuthenticationPrincipal SignedIn who) {
        return ApplicantPages.pdf(documents, signedIn(who), id, kind);
    }

    // --- window officers

    @GetMapping("/queue")
    List<ApplicationSummary> queue(@AuthenticationPrincipal SignedIn officer) {
        return acceptance.queue(signedIn(officer));
    }

    record Decision(Long version, String reason, String remedy, List<ApplicationView.Deficiency> items) {
    }

    @PostMapping("/applications/{id}/acceptance")
    ResponseEntity<Void> accept(@PathVariable UUID id, @RequestBody Decision decision,
            @AuthenticationPrincipal SignedIn officer) {
        acceptance.accept(signedIn(officer), id, version(decision));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/applications/{id}/corrections")
    ResponseEntity<Void> corrections(@PathVariable UUID id, @RequestBody Decision decision,
            @AuthenticationPrincipal SignedIn officer) {
        acceptance.requestCorrections(signedIn(officer), id, version(decision),
                decision.items() == null ? List.of() : decision.items());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/applications/{id}/refusal")
    ResponseEntity<Void> refuse(@PathVariable UUID id, @RequestBody Decision decision,
            @AuthenticationPrincipal SignedIn officer) {
        acceptance.notAccept(signedIn(officer), id, version(decision), decision.reason(), decision.remedy());
        return ResponseEntity.noContent().build();
    }

    private static long version(Decision decision) {
        if (decision.version() == null) {
            throw CaseRefusedException.rule("cases.decision.version-missing");
        }
        return decision.version();
    }

    private static SignedIn signedIn(SignedIn who) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return who;
    }
}

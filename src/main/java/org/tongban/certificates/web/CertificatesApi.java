package org.tongban.certificates.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.certificates.AuthorizationView;
import org.tongban.certificates.CertificateRefusedException;
import org.tongban.certificates.CertificateType;
import org.tongban.certificates.CertificateTypes;
import org.tongban.certificates.CertificateUse;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.HolderKind;
import org.tongban.certificates.VerificationResult;
import org.tongban.certificates.internal.OfdVerification;
import org.tongban.identity.SignedIn;

/**
 * {@code /api/v1/certificates}: the catalogue of types and verification (public), the holder's wallet,
 * authorizations and the use log (signed-in holder), issuance and lifecycle (approvers of the issuing body), and
 * authorized use (staff of an authorized body). Failures are RFC 9457 problems with stable codes.
 */
@RestController
@RequestMapping("/api/v1/certificates")
class CertificatesApi {

    private final Certificates certificates;
    private final CertificateTypes types;
    private final CertificateVerification verification;
    private final CertificateUse use;
    private final org.tongban.certificates.CaseResultOpening opening;

    CertificatesApi(Certificates certificates, CertificateTypes types, CertificateVerification verification,
            CertificateUse use, org.tongban.certificates.CaseResultOpening opening) {
        this.opening = opening;
        this.certificates = certificates;
        this.types = types;
        this.verification = verification;
        this.use = use;
    }

    /** The platform's root CA certificate (PEM), which every issuing body's signing certificate chains to. */
    @GetMapping(path = "/root-ca.pem", produces = "application/x-pem-file")
    String rootCa() {
        return verification.rootCertificatePem();
    }

    @GetMapping("/types")
    List<CertificateType> types() {
        return types.all();
    }

    /** Verification by identifier and code: 200 with the status (valid, revoked, ...); 400 for a bad identifier. */
    @GetMapping("/verification")
    VerificationResult verify(@RequestParam String identifier, @RequestParam(defaultValue = "") String code) {
        return verification.byIdentifier(identifier, code);
    }

    /** A batch for {@link #verifyMany}: up to {@link CertificateVerification#MAX_BATCH} identifiers with codes. */
    record BatchVerification(List<CertificateVerification.Query> queries) {
    }

    /** The answers of a batch, in the order asked. */
    record BatchVerificationResult(List<VerificationResult> results) {
    }

    /**
     * Verification of many certificates in one request (批量核验): 200 with one answer per identifier, in order, each
     * as {@code GET /verification} gives it; 400 when the batch is empty, too large, or has a malformed identifier
     * (then nothing is verified, and the problem lists each bad position).
     */
    @PostMapping(path = "/verifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchVerificationResult verifyMany(@RequestBody BatchVerification batch) {
        return new BatchVerificationResult(verification.byIdentifiers(batch.queries()));
    }

    /**
     * Verification of a downloaded signed document (JSON) or sealed OFD copy ({@code application/ofd}, recognised
     * by content), sent as the request body.
     */
    @PostMapping(path = "/verification", consumes = MediaType.ALL_VALUE)
    VerificationResult verifyDocument(@RequestBody byte[] document) {
        if (OfdVerification.isZip(document) && document.length <= OfdVerification.MAX_BYTES) {
            return verification.byOfd(document);
        }
        if (document.length > VerificationPages.MAX_DOCUMENT) {
            throw CertificateRefusedException.badRequest("certificates.document.malformed");
        }
        return verification.byDocument(new String(document, StandardCharsets.UTF_8));
    }

    @GetMapping("/mine")
    Certificates.Wallet wallet(@AuthenticationPrincipal SignedIn person) {
        return certificates.wallet(person);
    }

    @GetMapping("/{id}")
    CertificateView certificate(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        CertificateView view = certificates.forHolder(person, id);
        opening.opened(person, id); // the holder opening a case's result delivers it when chosen online
        return view;
    }

    @GetMapping(path = "/{id}/signed", produces = MediaType.APPLICATION_JSON_VALUE)
    String signed(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        String json = certificates.signedDocument(person, id).json();
        opening.opened(person, id);
        return json;
    }

    /** The certificate as a printable PDF ({@code application/pdf}) with its verification QR code. */
    @GetMapping("/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        ResponseEntity<byte[]> copy = WalletPages.pdfCopy(certificates, person, id);
        opening.opened(person, id);
        return copy;
    }

    /** The certificate as a signed OFD document ({@code application/ofd}, GB/T 33190). */
    @GetMapping("/{id}/ofd")
    ResponseEntity<byte[]> ofd(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        return WalletPages.ofdCopy(certificates, person, id);
    }

    @GetMapping("/{id}/ledger")
    CertificateUse.Ledger ledger(@PathVariable UUID id, @AuthenticationPrincipal SignedIn person) {
        return use.ledger(person, id);
    }

    /** What the holder authorizes: a body by name, the purpose (用证事由) and the last day. */
    record AuthorizationRequest(String grantee, String purpose, LocalDate until) {
    }

    @PostMapping("/{id}/authorizations")
    ResponseEntity<AuthorizationView> authorize(@PathVariable UUID id, @RequestBody AuthorizationRequest request,
            @AuthenticationPrincipal SignedIn person) {
        AuthorizationView granted = use.authorizeBody(person, id, request.grantee(), request.purpose(),
                request.until());
        return ResponseEntity.created(URI.create("/api/v1/certificates/" + id + "/authorizations/" + granted.id()))
                .body(granted);
    }

    @DeleteMapping("/{id}/authorizations/{authorization}")
    ResponseEntity<Void> revokeAuthorization(@PathVariable UUID id, @PathVariable UUID authorization,
            @AuthenticationPrincipal SignedIn person) {
        use.revokeAuthorization(person, id, authorization);
        return ResponseEntity.noContent().build();
    }

    /** A use by the signed-in staff member's body: 200 with the data, 403 without a valid authorization. */
    record UseRequest(String identifier, String purpose) {
    }

    @PostMapping("/uses")
    CertificateView use(@RequestBody UseRequest request, @AuthenticationPrincipal SignedIn staff) {
        return use.useAsStaff(staff, request.identifier(), request.purpose());
    }

    /** Issuance by an approver of the issuing body: the holder by name and ID number or credit code. */
    record IssueBody(String typeCode, String holderName, String holderCode, Map<String, String> data,
            LocalDate validFrom, Boolean legacy) {
    }

    @PostMapping
    ResponseEntity<CertificateView> issue(@RequestBody IssueBody body, @AuthenticationPrincipal SignedIn officer) {
        var type = types.get(body.typeCode());
        Holder holder = type.holderKind() == HolderKind.PERSON ? Holder.person(body.holderName(), body.holderCode())
                : Holder.company(body.holderName(), body.holderCode());
        CertificateView issued = certificates.issueAsOfficer(officer, body.typeCode(), holder, body.data(),
                body.validFrom(), Boolean.TRUE.equals(body.legacy()));
        return ResponseEntity.created(URI.create("/api/v1/certificates/issued/" + issued.id())).body(issued);
    }

    /** Bulk import of existing certificates, all or nothing: 201 with every certificate, or 422 with every problem. */
    @PostMapping("/legacy-import")
    ResponseEntity<List<CertificateView>> importLegacy(@RequestBody List<Certificates.LegacyCertificate> rows,
            @AuthenticationPrincipal SignedIn officer) {
        return ResponseEntity.status(201).body(certificates.importLegacy(officer, rows));
    }

    @GetMapping("/issued/{id}")
    CertificateView issued(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        return certificates.forIssuer(officer, id);
    }

    record Reason(String reason) {
    }

    @PostMapping("/issued/{id}/revocation")
    CertificateView revoke(@PathVariable UUID id, @RequestBody Reason reason,
            @AuthenticationPrincipal SignedIn officer) {
        return certificates.revoke(officer, id, reason.reason());
    }

    @PostMapping("/issued/{id}/suspension")
    CertificateView suspend(@PathVariable UUID id, @RequestBody Reason reason,
            @AuthenticationPrincipal SignedIn officer) {
        return certificates.suspend(officer, id, reason.reason());
    }

    @PostMapping("/issued/{id}/reinstatement")
    CertificateView reinstate(@PathVariable UUID id, @RequestBody Reason reason,
            @AuthenticationPrincipal SignedIn officer) {
        return certificates.reinstate(officer, id, reason.reason());
    }

    @PostMapping("/issued/{id}/renewal")
    ResponseEntity<CertificateView> renew(@PathVariable UUID id, @RequestBody(required = false) Map<String, String> data,
            @AuthenticationPrincipal SignedIn officer) {
        CertificateView renewed = certificates.renew(officer, id, data);
        return ResponseEntity.created(URI.create("/api/v1/certificates/issued/" + renewed.id())).body(renewed);
    }
}

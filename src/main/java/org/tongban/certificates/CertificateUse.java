package org.tongban.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.certificates.CertificateRefusedException.FieldProblem;
import org.tongban.certificates.internal.CertificateStore;
import org.tongban.certificates.internal.StoredCertificate;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;

/**
 * Authorized use of certificates (用证, DOMAIN §7): using someone's certificate needs a stated reason (用证事由) and
 * the holder's authorization — time-limited, bound to that purpose and revocable. Every use, allowed or refused,
 * is logged where the holder sees it, and refusals are audited.
 */
@Service
public class CertificateUse {

    /** Longest an authorization may run. */
    static final int MAX_DAYS = 366;

    private final Certificates certificates;
    private final CertificateStore store;
    private final Organization organization;
    private final AuditTrail audit;

    CertificateUse(Certificates certificates, CertificateStore store, Organization organization, AuditTrail audit) {
        this.certificates = certificates;
        this.store = store;
        this.organization = organization;
        this.audit = audit;
    }

    /** A certificate's authorizations and uses, for its holder. */
    public record Ledger(List<AuthorizationView> authorizations, List<UseView> uses) {
    }

    @Transactional(readOnly = true)
    public Ledger ledger(SignedIn holder, UUID certificateId) {
        certificates.heldBy(holder, certificateId);
        return new Ledger(store.authorizations(certificateId), store.uses(certificateId, 100));
    }

    /**
     * The holder authorizes a body, named as people know it, to use the certificate for a purpose until the end of
     * a day.
     *
     * @throws CertificateRefusedException {@code certificates.data.invalid} with {@code grantee}, {@code purpose}
     *         or {@code until} at fault
     */
    @Transactional
    public AuthorizationView authorizeBody(SignedIn holder, UUID certificateId, String bodyName, String purpose,
            LocalDate until) {
        certificates.heldBy(holder, certificateId);
        String name = bodyName == null ? "" : bodyName.strip();
        BodySummary body = null;
        if (!name.isEmpty()) {
            List<BodySummary> found = organization.searchBodies(name, organization.province(), 10);
            body = found.stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElse(found.size() == 1 ? found.getFirst() : null);
        }
        if (body == null) {
            throw CertificateRefusedException.invalid(List.of(new FieldProblem("grantee",
                    name.isEmpty() ? "certificates.authorization.grantee-required"
                            : "certificates.authorization.grantee-unknown", name)));
        }
        return authorize(holder, certificateId, Grantee.body(body.id(), body.name()), purpose, until);
    }

    /** The holder authorizes a body or a case (e.g. so an application need not upload the certificate). */
    @Transactional
    public AuthorizationView authorize(SignedIn holder, UUID certificateId, Grantee grantee, String purpose,
            LocalDate until) {
        StoredCertificate row = certificates.heldBy(holder, certificateId);
        String reason = purpose == null ? "" : purpose.strip();
        LocalDate today = LocalDate.now(Certificates.ZONE);
        List<FieldProblem> problems = new java.util.ArrayList<>();
        if (reason.isEmpty() || reason.length() > 500) {
            problems.add(new FieldProblem("purpose", "certificates.authorization.purpose-required"));
        }
        if (until == null || until.isBefore(today) || until.isAfter(today.plusDays(MAX_DAYS))) {
            problems.add(new FieldProblem("until", "certificates.authorization.until-range", MAX_DAYS));
        }
        if (!problems.isEmpty()) {
            throw CertificateRefusedException.invalid(problems);
        }
        if (Certificates.effectiveStatus(row, today) != CertificateStatus.VALID) {
            throw CertificateRefusedException.conflict("certificates.authorization.not-valid");
        }
        UUID id = UUID.randomUUID();
        Instant end = until.plusDays(1).atStartOfDay(Certificates.ZONE).toInstant();
        store.insertAuthorization(id, certificateId, grantee, reason, end, holder.accountId());
        audit.record(new AuditTrail.Event("certificates", "authorization.granted", holder.accountId(), holder.name(),
                "certificate", row.identifier(), grantee.kind() + " " + grantee.name() + " · " + reason + " · " + until));
        return store.authorization(id).orElseThrow();
    }

    @Transactional
    public void revokeAuthorization(SignedIn holder, UUID certificateId, UUID authorizationId) {
        StoredCertificate row = certificates.heldBy(holder, certificateId);
        if (store.revokeAuthorization(authorizationId, certificateId) == 0) {
            throw CertificateRefusedException.notFound("certificates.authorization.not-found");
        }
        audit.record(new AuditTrail.Event("certificates", "authorization.revoked", holder.accountId(), holder.name(),
                "certificate", row.identifier(), authorizationId.toString()));
    }

    /**
     * A staff member of a body uses a certificate for a purpose: allowed only under an active authorization of
     * their body for exactly that purpose, and only while the certificate is valid.
     */
    public CertificateView useAsStaff(SignedIn staff, String identifier, String purpose) {
        if (staff == null || !staff.staff() || staff.staffBody() == null) {
            throw CertificateRefusedException.forbidden("certificates.use.staff-only");
        }
        BodySummary body = organization.body(staff.staffBody());
        return use(Grantee.body(body.id(), body.name()), identifier, purpose, staff.accountId(), staff.name());
    }

    /**
     * Uses a certificate on behalf of a grantee (a body, or a case of the {@code cases} module): checks the
     * holder's authorization, logs the use (allowed or refused) and returns the certificate's data.
     *
     * @throws CertificateRefusedException {@code certificates.use.not-authorized} (403) without an authorization for
     *         the grantee, {@code certificates.use.expired} (403) when it has run out,
     *         {@code certificates.use.purpose-mismatch} (403) when the stated purpose is not the authorized one,
     *         {@code certificates.use.not-valid} (409) when the certificate is not valid, {@code .not-found} (404)
     */
    public CertificateView use(Grantee grantee, String identifier, String purpose, UUID actorId, String actorName) {
        CertificateIdentifier parsed = CertificateIdentifier.parse(identifier);
        String reason = purpose == null ? "" : purpose.strip();
        if (reason.isEmpty()) {
            throw CertificateRefusedException.invalid(List.of(new FieldProblem("purpose",
                    "certificates.authorization.purpose-required")));
        }
        StoredCertificate row = store.byIdentifier(parsed.value())
                .orElseThrow(() -> CertificateRefusedException.notFound("certificates.not-found"));
        Instant now = Instant.now();
        List<AuthorizationView> granted = store.authorizationsFor(row.id(), grantee.kind(), grantee.id());
        String refusal = null;
        AuthorizationView used = null;
        if (granted.isEmpty()) {
            refusal = "certificates.use.not-authorized";
        } else {
            List<AuthorizationView> forPurpose = granted.stream().filter(a -> a.purpose().equals(reason)).toList();
            used = forPurpose.stream().filter(a -> a.active(now)).findFirst().orElse(null);
            if (forPurpose.isEmpty()) {
                refusal = "certificates.use.purpose-mismatch";
            } else if (used == null) {
                refusal = "certificates.use.expired";
            } else if (Certificates.effectiveStatus(row, LocalDate.now(Certificates.ZONE)) != CertificateStatus.VALID) {
                refusal = "certificates.use.not-valid";
            }
        }
        // Without a surrounding transaction: a refusal is logged and stays logged although the call fails.
        store.logUse(row.id(), used == null ? null : used.id(), grantee, actorId, actorName, reason, refusal == null,
                refusal);
        if (refusal != null) {
            audit.recordAlone(new AuditTrail.Event("certificates", "use.refused", actorId, actorName, "certificate",
                    row.identifier(), grantee.name() + " · " + reason + " · " + refusal));
            throw refusal.equals("certificates.use.not-valid") ? CertificateRefusedException.conflict(refusal)
                    : CertificateRefusedException.forbidden(refusal);
        }
        audit.recordAlone(new AuditTrail.Event("certificates", "use.allowed", actorId, actorName, "certificate",
                row.identifier(), grantee.name() + " · " + reason));
        return certificates.view(row, false);
    }
}

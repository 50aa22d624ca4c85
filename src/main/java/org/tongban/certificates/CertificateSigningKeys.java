package org.tongban.certificates;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.certificates.CertificateRefusedException.FieldProblem;
import org.tongban.certificates.internal.Sm2;
import org.tongban.certificates.internal.TrustStore;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * The issuing bodies' signing keys as system administrators manage them (密钥轮换): the list with each key's
 * certificate, state and how many e-certificates it signed; rotation (the key is retired — what it signed stays
 * valid, the body signs with a new key from now on) and revocation (密钥吊销, e.g. after a compromise: what it
 * signed from the stated time on verifies as {@link CertificateStatus#KEY_REVOKED}). A reason is required and every
 * action is audited. An administrator sees the keys of the bodies in their division and below.
 */
@Service
public class CertificateSigningKeys {

    /** Where a key stands: signing now, retired by rotation (still verifying), or revoked. */
    public enum State { CURRENT, RETIRED, REVOKED }

    /** One signing key with its X.509 certificate's subject, serial number and validity. */
    public record SigningKeyView(UUID id, UUID bodyId, String bodyName, String bodyCreditCode, String subject,
            String serialNumber, Instant validFrom, Instant validUntil, Instant createdAt, Instant retiredAt,
            Instant revokedAt, State state, long certificatesSigned, String reason, String changedBy) {
    }

    private final JdbcTemplate jdbc;
    private final TrustStore trust;
    private final Organization organization;
    private final AuditTrail audit;

    CertificateSigningKeys(JdbcTemplate jdbc, TrustStore trust, Organization organization, AuditTrail audit) {
        this.jdbc = jdbc;
        this.trust = trust;
        this.organization = organization;
        this.audit = audit;
    }

    /** Every signing key of the bodies in the administrator's division, the current ones first, by body. */
    @Transactional(readOnly = true)
    public List<SigningKeyView> list(SignedIn admin) {
        DivisionCode scope = requireAdmin(admin);
        Map<UUID, String> divisions = new HashMap<>();
        return jdbc.query("""
                select k.*, (select count(*) from certificates_certificate c where c.key_id = k.id) as signed
                from certificates_signing_key k
                order by k.body_name, k.retired_at is not null, k.created_at desc""", (rs, n) -> view(rs))
                .stream().filter(k -> inScope(scope, k.bodyId(), divisions)).toList();
    }

    /**
     * Rotates a current key: it is retired and the body gets a new key at once.
     *
     * @throws CertificateRefusedException {@code certificates.key.not-found} (404), {@code certificates.key.not-current}
     *         (409) for a key already retired, {@code certificates.data.invalid} (422, field {@code reason})
     */
    @Transactional
    public SigningKeyView rotate(SignedIn admin, UUID keyId, String reason) {
        SigningKeyView key = visible(admin, keyId);
        String text = reason(reason);
        // The update itself decides a race between two administrators: only one retires the key.
        if (key.state() != State.CURRENT || !trust.retire(keyId, null, admin.accountId(), admin.name(), text)) {
            throw CertificateRefusedException.conflict("certificates.key.not-current");
        }
        SigningKeyView next = renew(key);
        audit.record(new AuditTrail.Event("certificates", "signing-key.rotated", admin.accountId(), admin.name(),
                "signing-key", keyId.toString(), key.bodyName() + " · " + text + " · new key " + next.id()));
        return next;
    }

    /**
     * Revokes a key (current or retired): every e-certificate it signed from {@code since} on (the key's creation when
     * not given: all of them) verifies as key revoked. A current key is replaced by a new one at once.
     *
     * @throws CertificateRefusedException {@code certificates.key.not-found} (404), {@code certificates.key.revoked}
     *         (409) when already revoked, {@code certificates.data.invalid} (422, fields {@code reason} / {@code since})
     */
    @Transactional
    public SigningKeyView revoke(SignedIn admin, UUID keyId, String reason, LocalDate since) {
        SigningKeyView key = visible(admin, keyId);
        String text = reason(reason);
        Instant from = key.createdAt();
        if (since != null) {
            if (since.isAfter(LocalDate.now(Certificates.ZONE))) {
                throw CertificateRefusedException.invalid(List.of(new FieldProblem("since",
                        "certificates.key.since-future")));
            }
            Instant start = since.atStartOfDay(Certificates.ZONE).toInstant();
            from = start.isAfter(from) ? start : from;
        }
        if (key.state() == State.REVOKED || !trust.retire(keyId, from, admin.accountId(), admin.name(), text)) {
            throw CertificateRefusedException.conflict("certificates.key.revoked");
        }
        long affected = jdbc.queryForObject("select count(*) from certificates_certificate where key_id = ? "
                + "and created_at >= ?", Long.class, keyId, java.sql.Timestamp.from(from));
        if (key.state() == State.CURRENT) {
            renew(key);
        }
        audit.record(new AuditTrail.Event("certificates", "signing-key.revoked", admin.accountId(), admin.name(),
                "signing-key", keyId.toString(), key.bodyName() + " · " + text + " · from " + from + " · "
                        + affected + " certificates"));
        return byId(keyId);
    }

    private SigningKeyView renew(SigningKeyView old) {
        BodySummary body;
        try {
            body = organization.body(old.bodyId());
        } catch (NotFoundException e) {
            throw CertificateRefusedException.notFound("certificates.issuer.unknown");
        }
        return byId(trust.signingKey(body).id());
    }

    private static String reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw CertificateRefusedException.invalid(List.of(new FieldProblem("reason",
                    "certificates.key.reason-required")));
        }
        return text;
    }

    private SigningKeyView visible(SignedIn admin, UUID keyId) {
        DivisionCode scope = requireAdmin(admin);
        SigningKeyView key = byId(keyId);
        if (!inScope(scope, key.bodyId(), new HashMap<>())) {
            throw CertificateRefusedException.notFound("certificates.key.not-found");
        }
        return key;
    }

    private SigningKeyView byId(UUID keyId) {
        return jdbc.query("""
                select k.*, (select count(*) from certificates_certificate c where c.key_id = k.id) as signed
                from certificates_signing_key k where k.id = ?""", (rs, n) -> view(rs), keyId).stream().findFirst()
                .orElseThrow(() -> CertificateRefusedException.notFound("certificates.key.not-found"));
    }

    private boolean inScope(DivisionCode scope, UUID bodyId, Map<UUID, String> divisions) {
        String division = divisions.computeIfAbsent(bodyId, id -> {
            try {
                return organization.body(id).divisionCode();
            } catch (NotFoundException e) {
                return "";
            }
        });
        return !division.isEmpty() && scope.contains(DivisionCode.of(division));
    }

    private static DivisionCode requireAdmin(SignedIn admin) {
        if (admin == null) {
            throw new CertificateRefusedException(CertificateRefusedException.Reason.SIGN_IN, "certificates.sign-in",
                    List.of());
        }
        if (!admin.staff() || !admin.has(StaffRole.SYSTEM_ADMIN) || admin.staffDivision() == null) {
            throw CertificateRefusedException.forbidden("certificates.key.admin-only");
        }
        return DivisionCode.of(admin.staffDivision());
    }

    private static SigningKeyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        var certificate = Sm2.readCertificate(rs.getString("certificate"));
        Instant retired = instant(rs, "retired_at");
        Instant revoked = instant(rs, "revoked_at");
        State state = revoked != null ? State.REVOKED : retired != null ? State.RETIRED : State.CURRENT;
        return new SigningKeyView(rs.getObject("id", UUID.class), rs.getObject("body_id", UUID.class),
                rs.getString("body_name"), rs.getString("body_credit_code"),
                subject(certificate), serial(certificate.getSerialNumber()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                instant(rs, "created_at"), retired, revoked, state, rs.getLong("signed"),
                rs.getString("retire_reason"), rs.getString("retired_by_name"));
    }

    /** The subject as people read it: CN first, the credit code as organizationIdentifier (not as hex). */
    private static String subject(java.security.cert.X509Certificate certificate) {
        var style = org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE;
        var rdns = org.bouncycastle.asn1.x500.X500Name.getInstance(style,
                certificate.getSubjectX500Principal().getEncoded()).getRDNs();
        var parts = new java.util.ArrayList<String>();
        for (int i = rdns.length - 1; i >= 0; i--) {
            var first = rdns[i].getFirst();
            String type = style.oidToDisplayName(first.getType());
            parts.add((type == null ? first.getType().getId() : type) + "="
                    + org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(first.getValue()));
        }
        return String.join(", ", parts);
    }

    private static String serial(BigInteger serial) {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

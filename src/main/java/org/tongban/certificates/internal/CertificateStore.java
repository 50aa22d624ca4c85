package org.tongban.certificates.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tongban.certificates.AuthorizationView;
import org.tongban.certificates.Grantee;
import org.tongban.certificates.UseView;

/** The module's tables, by JDBC: certificates, authorizations to use them and the log of uses. */
@Repository
public class CertificateStore {

    private static final String SELECT = """
            select c.*, k.revoked_at as key_revoked_at from certificates_certificate c
            join certificates_signing_key k on k.id = c.key_id\s""";

    private final JdbcTemplate jdbc;

    CertificateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long nextSerial() {
        return jdbc.queryForObject("select nextval('certificates_serial')", Long.class);
    }

    public void insert(StoredCertificate c, UUID issuedBy) {
        jdbc.update("""
                insert into certificates_certificate (id, identifier, number, type_code, series, version, previous_id,
                    issuer_body_id, issuer_name, issuer_code, holder_kind, holder_name, holder_code_type,
                    holder_code_hash, holder_code_masked, issued_on, valid_from, valid_until, payload_cipher, signature,
                    key_id, verification_code, status, source, case_reference, issued_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.id(), c.identifier(), c.number(), c.typeCode(), c.series(), c.version(), c.previousId(),
                c.issuerBodyId(), c.issuerName(), c.issuerCode(), c.holderKind(), c.holderName(), c.holderCodeType(),
                c.holderCodeHash(), c.holderCodeMasked(), c.issuedOn(), c.validFrom(), c.validUntil(),
                c.payloadCipher(), c.signature(), c.keyId(), c.verificationCode(), c.status(), c.source(),
                c.caseReference(), issuedBy);
    }

    public Optional<StoredCertificate> byId(UUID id) {
        return jdbc.query(SELECT + "where c.id = ?", this::row, id).stream().findFirst();
    }

    /** The row, locked for a state change. */
    public Optional<StoredCertificate> lock(UUID id) {
        return jdbc.query(SELECT + "where c.id = ? for update of c", this::row, id).stream().findFirst();
    }

    public Optional<StoredCertificate> byIdentifier(String identifier) {
        return jdbc.query(SELECT + "where c.identifier = ?", this::row, identifier).stream().findFirst();
    }

    /** The certificates with these identifiers (those that exist), in one query. */
    public List<StoredCertificate> byIdentifiers(java.util.Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.query(SELECT + "where c.identifier = any(?)", this::row,
                (Object) identifiers.toArray(String[]::new));
    }

    public List<StoredCertificate> heldBy(List<String> holderHashes) {
        if (holderHashes.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(holderHashes.size(), "?"));
        return jdbc.query(SELECT + "where c.holder_code_hash in (" + marks + ") and c.status <> 'REPLACED' "
                + "order by c.issued_on desc, c.created_at desc", this::row, holderHashes.toArray());
    }

    public List<StoredCertificate> issuedBy(UUID bodyId, int limit) {
        return jdbc.query(SELECT + "where c.issuer_body_id = ? order by c.created_at desc limit ?", this::row, bodyId,
                limit);
    }

    public void changeStatus(UUID id, String status, String reason) {
        jdbc.update("update certificates_certificate set status = ?, status_reason = ?, status_changed_at = now() "
                + "where id = ?", status, reason, id);
    }

    private StoredCertificate row(ResultSet rs, int n) throws SQLException {
        return new StoredCertificate(rs.getObject("id", UUID.class), rs.getString("identifier"),
                rs.getString("number"), rs.getString("type_code"), rs.getObject("series", UUID.class),
                rs.getInt("version"), rs.getObject("previous_id", UUID.class),
                rs.getObject("issuer_body_id", UUID.class), rs.getString("issuer_name"), rs.getString("issuer_code"),
                rs.getString("holder_kind"), rs.getString("holder_name"), rs.getString("holder_code_type"),
                rs.getString("holder_code_hash"), rs.getString("holder_code_masked"),
                rs.getObject("issued_on", LocalDate.class), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), rs.getString("payload_cipher"),
                rs.getString("signature"), rs.getObject("key_id", UUID.class), rs.getString("verification_code"),
                rs.getString("status"), rs.getString("status_reason"), instant(rs, "status_changed_at"),
                rs.getString("source"), rs.getString("case_reference"), instant(rs, "created_at"),
                instant(rs, "key_revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    // Authorizations and uses (用证).

    public void insertAuthorization(UUID id, UUID certificateId, Grantee grantee, String purpose, Instant validUntil,
            UUID grantedBy) {
        jdbc.update("""
                insert into certificates_authorization (id, certificate_id, grantee_kind, grantee_id, grantee_name,
                    purpose, valid_until, granted_by) values (?, ?, ?, ?, ?, ?, ?, ?)""", id, certificateId,
                grantee.kind().name(), grantee.id(), grantee.name(), purpose, Timestamp.from(validUntil), grantedBy);
    }

    public List<AuthorizationView> authorizations(UUID certificateId) {
        return jdbc.query("select * from certificates_authorization where certificate_id = ? order by granted_at desc",
                this::authorizationRow, certificateId);
    }

    public Optional<AuthorizationView> authorization(UUID id) {
        return jdbc.query("select * from certificates_authorization where id = ?", this::authorizationRow, id).stream()
                .findFirst();
    }

    /** Authorizations of the grantee for the certificate that are not revoked, newest first (expired included). */
    public List<AuthorizationView> authorizationsFor(UUID certificateId, Grantee.Kind kind, String granteeId) {
        return jdbc.query("""
                select * from certificates_authorization where certificate_id = ? and grantee_kind = ?
                and grantee_id = ? and revoked_at is null order by valid_until desc""", this::authorizationRow,
                certificateId, kind.name(), granteeId);
    }

    public int revokeAuthorization(UUID id, UUID certificateId) {
        return jdbc.update("update certificates_authorization set revoked_at = now() "
                + "where id = ? and certificate_id = ? and revoked_at is null", id, certificateId);
    }

    private AuthorizationView authorizationRow(ResultSet rs, int n) throws SQLException {
        return new AuthorizationView(rs.getObject("id", UUID.class), rs.getObject("certificate_id", UUID.class),
                Grantee.Kind.valueOf(rs.getString("grantee_kind")), rs.getString("grantee_id"),
                rs.getString("grantee_name"), rs.getString("purpose"), instant(rs, "valid_until"),
                instant(rs, "granted_at"), instant(rs, "revoked_at"));
    }

    public void logUse(UUID certificateId, UUID authorizationId, Grantee grantee, UUID actorId, String actorName,
            String purpose, boolean allowed, String refusal) {
        jdbc.update("""
                insert into certificates_use (certificate_id, authorization_id, grantee_kind, grantee_id, grantee_name,
                    actor_id, actor_name, purpose, allowed, refusal) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                certificateId, authorizationId, grantee.kind().name(), grantee.id(), grantee.name(), actorId,
                actorName, purpose, allowed, refusal);
    }

    public List<UseView> uses(UUID certificateId, int limit) {
        return jdbc.query("select * from certificates_use where certificate_id = ? order by used_at desc, id desc "
                + "limit ?", (rs, n) -> new UseView(instant(rs, "used_at"),
                        Grantee.Kind.valueOf(rs.getString("grantee_kind")), rs.getString("grantee_name"),
                        rs.getString("actor_name"), rs.getString("purpose"), rs.getBoolean("allowed"),
                        rs.getString("refusal")), certificateId, limit);
    }
}

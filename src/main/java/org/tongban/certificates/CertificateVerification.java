package org.tongban.certificates;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.certificates.internal.CanonicalJson;
import org.tongban.certificates.internal.CertificateStore;
import org.tongban.certificates.internal.OfdVerification;
import org.tongban.certificates.internal.Sm2;
import org.tongban.certificates.internal.StoredCertificate;
import org.tongban.certificates.internal.TrustStore;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Verification of e-certificates (核验, DOMAIN §7): identifier check character, the issuing body's SM2 signature
 * over the canonical payload, the signing certificate's chain to the platform root and its revocation, and the
 * certificate's status and validity. Anyone may verify; the answer shows the holder only masked.
 */
@Service
@Transactional(readOnly = true)
public class CertificateVerification {

    /** The format name in a downloaded signed document. */
    public static final String FORMAT = "tongban-ecert/1";

    private final CertificateStore store;
    private final TrustStore trust;
    private final Certificates certificates;
    private final CertificateTypes types;

    CertificateVerification(CertificateStore store, TrustStore trust, Certificates certificates,
            CertificateTypes types) {
        this.store = store;
        this.trust = trust;
        this.certificates = certificates;
        this.types = types;
    }

    /** The platform root CA certificate, PEM: what offline verifiers trust. */
    public String rootCertificatePem() {
        return Sm2.pem(trust.root());
    }

    /**
     * By identifier and the verification code printed on the certificate (what the QR code carries). A wrong
     * code answers {@code UNKNOWN}, like an identifier that does not exist, so certificates cannot be probed.
     *
     * @throws CertificateRefusedException {@code certificates.identifier.format} / {@code .check} (400)
     */
    public VerificationResult byIdentifier(String identifier, String code) {
        CertificateIdentifier parsed = CertificateIdentifier.parse(identifier);
        return verified(parsed.value(), code, store.byIdentifier(parsed.value()).orElse(null));
    }

    /** One certificate of a batch: its identifier and the verification code printed on it. */
    public record Query(String identifier, String code) {
    }

    /** The most certificates one batch may ask for. */
    public static final int MAX_BATCH = 100;

    /**
     * Many certificates at once (批量核验): a bank, a notary or a department system checking the licences of a file.
     * The answers are those of {@link #byIdentifier}, in the order asked, from one look-up in the database. The batch
     * is checked as a whole first: nothing is verified when any identifier is malformed.
     *
     * @throws CertificateRefusedException {@code certificates.verification.batch-size} (400) for an empty batch or
     *         more than {@link #MAX_BATCH}; {@code certificates.verification.batch-invalid} (400) with a field error
     *         ({@code queries[i].identifier}) for each malformed identifier
     */
    public List<VerificationResult> byIdentifiers(List<Query> queries) {
        if (queries == null || queries.isEmpty() || queries.size() > MAX_BATCH) {
            throw CertificateRefusedException.badRequest("certificates.verification.batch-size", MAX_BATCH);
        }
        List<String> identifiers = new ArrayList<>(queries.size());
        List<CertificateRefusedException.FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            try {
                identifiers.add(CertificateIdentifier.parse(query == null ? null : query.identifier()).value());
            } catch (CertificateRefusedException e) {
                problems.add(new CertificateRefusedException.FieldProblem("queries[" + i + "].identifier", e.code(),
                        e.arguments()));
            }
        }
        if (!problems.isEmpty()) {
            throw new CertificateRefusedException(CertificateRefusedException.Reason.BAD_REQUEST,
                    "certificates.verification.batch-invalid", problems, problems.size());
        }
        Map<String, StoredCertificate> rows = new java.util.HashMap<>();
        for (StoredCertificate row : store.byIdentifiers(new java.util.LinkedHashSet<>(identifiers))) {
            rows.put(row.identifier(), row);
        }
        List<VerificationResult> results = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            results.add(verified(identifiers.get(i), queries.get(i).code(), rows.get(identifiers.get(i))));
        }
        return results;
    }

    /** The answer for a stored certificate (or none) asked for with this code. */
    private VerificationResult verified(String identifier, String code, StoredCertificate stored) {
        String given = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (stored == null || !MessageDigest.isEqual(stored.verificationCode().getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            return VerificationResult.unknown(identifier);
        }
        // The stored payload is re-verified too: a row changed in the database behind the platform's back shows.
        Map<String, Object> payload = certificates.payload(stored);
        boolean intact = signatureHolds(stored, payload, stored.signature());
        return result(stored, intact ? List.of() : List.of("signature"));
    }

    /**
     * By the downloaded signed document (pasted or uploaded): the signature must hold over the payload as given,
     * and the identifier must be one the platform issued. Which members were changed is named.
     *
     * @throws CertificateRefusedException {@code certificates.document.malformed} (400) when it is not a signed
     *         document at all
     */
    public VerificationResult byDocument(String json) {
        Map<String, Object> document;
        try {
            document = Certificates.JSON.readValue(json == null ? "" : json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JacksonException e) {
            throw CertificateRefusedException.badRequest("certificates.document.malformed");
        }
        if (!(document.get("payload") instanceof Map<?, ?> rawPayload) || !(document.get("signature") instanceof String
                signature) || !(rawPayload.get("ZZBS") instanceof String identifier)) {
            throw CertificateRefusedException.badRequest("certificates.document.malformed");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new TreeMap<>((Map<String, Object>) rawPayload);
        CertificateIdentifier parsed;
        try {
            parsed = CertificateIdentifier.parse(identifier);
        } catch (CertificateRefusedException e) {
            return tampered(VerificationResult.unknown(identifier), List.of("ZZBS"));
        }
        var row = store.byIdentifier(parsed.value());
        if (row.isEmpty()) {
            return VerificationResult.unknown(parsed.value());
        }
        StoredCertificate stored = row.get();
        List<String> changed = new ArrayList<>();
        boolean intact;
        try {
            intact = signatureHolds(stored, payload, signature);
        } catch (IllegalArgumentException notStringsOnly) {
            intact = false;
        }
        if (!intact) {
            Map<String, Object> original = certificates.payload(stored);
            differences("", original, payload, changed);
            if (changed.isEmpty()) {
                changed.add("signature");
            }
        }
        return result(stored, changed);
    }

    /**
     * By the sealed OFD copy (GB/T 33190 with a GB/T 38540 electronic seal): the same checks as the offline verifier
     * ({@link OfdVerification}: SM3 digests of every file, the seal's and the document's SM2 signatures, the chain to
     * the platform root), and in addition that the signing certificate is one of the platform's issuing-body keys and
     * was not revoked when it sealed; then the certificate's status as for the identifier. The changed parts are named
     * ({@code Doc_0/Pages/Page_0/Content.xml}, {@code signature}, {@code seal}, {@code signer-certificate}, ...).
     *
     * @throws CertificateRefusedException {@code certificates.document.malformed} (400) when it is not a sealed OFD
     *         copy of a certificate
     */
    public VerificationResult byOfd(byte[] ofd) {
        OfdVerification.Report report = OfdVerification.verify(ofd, List.of(trust.root()));
        String identifier = report.customData().get("ZZBS");
        if (report.malformed() || identifier == null) {
            throw CertificateRefusedException.badRequest("certificates.document.malformed");
        }
        List<String> changed = new ArrayList<>();
        for (String problem : report.problems()) {
            changed.add(problem.startsWith("file:") || problem.startsWith("unsigned:")
                    ? problem.substring(problem.indexOf(':') + 1) : problem);
        }
        if (report.signer() != null && !changed.contains("signer-certificate") && !platformKey(report)) {
            changed.add("signer-certificate");
        }
        CertificateIdentifier parsed;
        try {
            parsed = CertificateIdentifier.parse(identifier);
        } catch (CertificateRefusedException e) {
            changed.add("ZZBS");
            return tampered(VerificationResult.unknown(identifier), changed);
        }
        var row = store.byIdentifier(parsed.value());
        if (row.isEmpty()) {
            return changed.isEmpty() ? VerificationResult.unknown(parsed.value())
                    : tampered(VerificationResult.unknown(parsed.value()), changed);
        }
        return result(row.get(), changed).timeStamped(report.timeStampedAt());
    }

    /**
     * The certificate that sealed is a platform key's (named by the copy's {@code SignKeyId}), and was not revoked when
     * the copy was time-stamped.
     */
    private boolean platformKey(OfdVerification.Report report) {
        try {
            UUID keyId = UUID.fromString(report.customData().getOrDefault("SignKeyId", ""));
            if (!Sm2.readCertificate(trust.verifyingKey(keyId).certificatePem()).equals(report.signer())) {
                return false;
            }
            // A revoked key's seal counts only if a trusted time stamp proves it was made before the revocation: the
            // time the signature itself claims is whatever the key's holder wrote.
            return trust.revokedAt(keyId).map(at -> report.timeStampedAt() != null
                    && report.timeStampedAt().isBefore(at)).orElse(true);
        } catch (IllegalArgumentException | org.springframework.dao.DataAccessException e) {
            return false;
        }
    }

    private boolean signatureHolds(StoredCertificate stored, Map<String, Object> payload, String signature) {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!stored.keyId().toString().equals(payload.get("QMMYID"))) {
            return false;
        }
        TrustStore.VerifyingKey key = trust.verifyingKey(stored.keyId());
        return Sm2.verify(key.publicKey(), CanonicalJson.bytes(payload), signatureBytes);
    }

    @SuppressWarnings("unchecked")
    private static void differences(String prefix, Map<String, Object> original, Map<String, Object> given,
            List<String> changed) {
        var keys = new java.util.TreeSet<>(original.keySet());
        keys.addAll(given.keySet());
        for (String key : keys) {
            Object a = original.get(key);
            Object b = given.get(key);
            if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                differences(prefix + key + ".", (Map<String, Object>) ma, (Map<String, Object>) mb, changed);
            } else if (!Objects.equals(a, b)) {
                changed.add(prefix + key);
            }
        }
    }

    private VerificationResult result(StoredCertificate row, List<String> tampered) {
        CertificateType type = types.get(row.typeCode());
        CertificateStatus status;
        if (!tampered.isEmpty()) {
            status = CertificateStatus.TAMPERED;
        } else if (row.keyRevokedAt() != null && !row.createdAt().isBefore(row.keyRevokedAt())) {
            status = CertificateStatus.KEY_REVOKED;
        } else {
            status = Certificates.effectiveStatus(row, LocalDate.now(Certificates.ZONE));
        }
        TrustStore.VerifyingKey key = trust.verifyingKey(row.keyId());
        return new VerificationResult(status, row.identifier(), type.name(), type.nameEn(), row.number(),
                row.issuerName(), row.issuerCode(), maskName(row), row.holderCodeMasked(), row.issuedOn(),
                row.validFrom(), row.validUntil(), row.statusReason(), row.statusChangedAt(), List.copyOf(tampered),
                key.subject(), null);
    }

    private static VerificationResult tampered(VerificationResult unknown, List<String> fields) {
        return new VerificationResult(CertificateStatus.TAMPERED, unknown.identifier(), null, null, null, null, null,
                null, null, null, null, null, null, null, fields, null, null);
    }

    /** A person's name shows its first character only; a company's name is public (企业信息公示). */
    static String maskName(StoredCertificate row) {
        if (HolderKind.COMPANY.name().equals(row.holderKind())) {
            return row.holderName();
        }
        String name = row.holderName();
        return name.isEmpty() ? name : name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1));
    }
}

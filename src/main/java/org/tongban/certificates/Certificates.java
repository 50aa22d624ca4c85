package org.tongban.certificates;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.certificates.CertificateRefusedException.FieldProblem;
import org.tongban.certificates.internal.CanonicalJson;
import org.tongban.certificates.internal.CertificateStore;
import org.tongban.certificates.internal.Sm2;
import org.tongban.certificates.internal.StoredCertificate;
import org.tongban.certificates.internal.TrustStore;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.PersonalData;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issuance and lifecycle of e-certificates (电子证照) and the holder's wallet — the module's facade. Other modules
 * (e.g. a listener on a granted case) call {@link #issue(IssueRequest)}; officers issue, suspend, revoke and renew
 * through the workbench; holders read their own certificates. Every change is audited.
 *
 * <p>A certificate's payload carries the national metadata (GB/T 36906: ZZMC, ZZLXDM, ZZBH, ZZBS, ZZBFJG,
 * ZZBFJGDM, ZZBFRQ, CZZT, CZZTDM, CZZTDMLX, ZZYXQQSRQ, ZZYXQJZRQ) and the type-specific fields (ZZXX), plus the id
 * of the signing key (QMMYID); it is signed in its canonical form with the issuing body's SM2 key and stored
 * encrypted, because it names the holder's ID number.
 */
@Service
public class Certificates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CODE_TYPE_RESIDENT_ID = "居民身份证";
    static final String CODE_TYPE_CREDIT_CODE = "统一社会信用代码";
    private static final Set<String> SOURCES = Set.of("CASE", "OFFICER", "LEGACY", "DEMO");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** A person's wallet: what they hold themself, and what the company they act for holds. */
    public record Wallet(List<CertificateView> own, List<CertificateView> company, String companyName) {
    }

    /** The signed data of a certificate, as downloaded: JSON of the payload, signature and certificates. */
    public record SignedDocument(String fileName, String json) {
    }

    private final CertificateTypes types;
    private final CertificateStore store;
    private final TrustStore trust;
    private final PersonalData personalData;
    private final Organization organization;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final org.tongban.platform.documents.DocumentRenderer renderer;
    private final org.tongban.certificates.internal.TimeStampAuthority timeStamps;

    Certificates(CertificateTypes types, CertificateStore store, TrustStore trust, PersonalData personalData,
            Organization organization, AuditTrail audit, ApplicationEventPublisher events,
            org.tongban.platform.documents.DocumentRenderer renderer,
            org.tongban.certificates.internal.TimeStampAuthority timeStamps) {
        this.renderer = renderer;
        this.timeStamps = timeStamps;
        this.types = types;
        this.store = store;
        this.trust = trust;
        this.personalData = personalData;
        this.organization = organization;
        this.audit = audit;
        this.events = events;
    }

    // ---------------------------------------------------------------- issuance

    /**
     * Issues a certificate: validates the metadata against the type's schema, numbers it (GB/T 36904), signs the
     * canonical payload with the issuing body's SM2 key, stores it and publishes {@link CertificateIssued}.
     *
     * @throws CertificateRefusedException {@code certificates.data.invalid} (422, with the fields at fault),
     *         {@code certificates.type.unknown} (404), {@code certificates.issue.not-issuer} (403) when the body does
     *         not issue this type
     */
    @Transactional
    public CertificateView issue(IssueRequest request) {
        CertificateType type = types.get(request.typeCode());
        BodySummary body = body(request.issuerBodyId());
        if (!type.issuerCategory().equals(body.category().name())) {
            throw CertificateRefusedException.forbidden("certificates.issue.not-issuer", body.name(), type.name());
        }
        if (!SOURCES.contains(request.source())) {
            throw new IllegalArgumentException("source " + request.source());
        }
        // Every problem at once: the holder's and the metadata's.
        ResolvedHolder holder = null;
        Map<String, String> data = null;
        List<FieldProblem> problems = new ArrayList<>();
        try {
            holder = resolve(type, request.holder());
        } catch (CertificateRefusedException e) {
            if (e.fields().isEmpty()) {
                throw e;
            }
            problems.addAll(e.fields());
        }
        try {
            data = validate(type, request.data());
        } catch (CertificateRefusedException e) {
            problems.addAll(e.fields());
        }
        if (!problems.isEmpty()) {
            throw CertificateRefusedException.invalid(problems);
        }
        LocalDate today = LocalDate.now(ZONE);
        LocalDate from = request.validFrom() == null ? today : request.validFrom();
        String serial = "%04d%08d".formatted(today.getYear(), store.nextSerial() % 100_000_000);
        CertificateIdentifier identifier = new CertificateIdentifier(type.code(), body.creditCode(), serial, 1);
        UUID id = UUID.randomUUID();
        StoredCertificate stored = sign(id, id, null, identifier, type, body, holder, data, today, from,
                request.source(), request.caseReference());
        store.insert(stored, request.actor());
        audit.record(new AuditTrail.Event("certificates", "certificate.issued", request.actor(), null, "certificate",
                identifier.value(), type.name() + " · " + holder.masked + " · " + request.source()));
        events.publishEvent(new CertificateIssued(id, identifier.value(), type.code(), request.caseReference()));
        return view(stored, false);
    }

    /** An officer issues (a demo or a legacy certificate) in their own body's name. */
    @Transactional
    public CertificateView issueAsOfficer(SignedIn officer, String typeCode, Holder holder, Map<String, String> data,
            LocalDate validFrom, boolean legacy) {
        requireOfficer(officer);
        return issue(new IssueRequest(typeCode, officer.staffBody(), holder, data, validFrom,
                legacy ? "LEGACY" : "OFFICER", null, officer.accountId()));
    }

    /** One existing (paper) certificate to enter: the holder by name and ID number or credit code. */
    public record LegacyCertificate(String typeCode, String holderName, String holderCode, Map<String, String> data,
            LocalDate validFrom) {
    }

    /**
     * Bulk import of existing certificates (存量证照) by an approver, validated as a whole: if any row is wrong,
     * nothing is issued and every problem is reported with its row ({@code rows[3].holderCode}).
     */
    @Transactional
    public List<CertificateView> importLegacy(SignedIn officer, List<LegacyCertificate> rows) {
        requireOfficer(officer);
        List<CertificateType> issuable = typesFor(officer);
        List<FieldProblem> problems = new ArrayList<>();
        if (rows == null || rows.isEmpty() || rows.size() > 1000) {
            throw CertificateRefusedException.rule("certificates.import.size", 1000);
        }
        for (int i = 0; i < rows.size(); i++) {
            LegacyCertificate row = rows.get(i);
            String prefix = "rows[" + i + "].";
            CertificateType type = issuable.stream().filter(t -> t.code().equals(row.typeCode())).findFirst()
                    .orElse(null);
            if (type == null) {
                problems.add(new FieldProblem(prefix + "typeCode", "certificates.import.type", row.typeCode()));
                continue;
            }
            Holder holder = type.holderKind() == HolderKind.PERSON ? Holder.person(row.holderName(), row.holderCode())
                    : Holder.company(row.holderName(), row.holderCode());
            try {
                resolve(type, holder);
            } catch (CertificateRefusedException e) {
                e.fields().forEach(f -> problems.add(new FieldProblem(prefix + f.field(), f.code(), f.arguments())));
            }
            try {
                validate(type, row.data());
            } catch (CertificateRefusedException e) {
                e.fields().forEach(f -> problems.add(new FieldProblem(prefix + f.field(), f.code(), f.arguments())));
            }
        }
        if (!problems.isEmpty()) {
            throw CertificateRefusedException.invalid(problems);
        }
        List<CertificateView> issued = new ArrayList<>();
        for (LegacyCertificate row : rows) {
            CertificateType type = types.get(row.typeCode());
            Holder holder = type.holderKind() == HolderKind.PERSON ? Holder.person(row.holderName(), row.holderCode())
                    : Holder.company(row.holderName(), row.holderCode());
            issued.add(issue(new IssueRequest(row.typeCode(), officer.staffBody(), holder, row.data(),
                    row.validFrom(), "LEGACY", null, officer.accountId())));
        }
        return issued;
    }

    private record ResolvedHolder(HolderKind kind, String name, String code, String codeType, String hash,
            String masked) {
    }

    private ResolvedHolder resolve(CertificateType type, Holder holder) {
        List<FieldProblem> problems = new ArrayList<>();
        if (holder == null || holder.kind() != type.holderKind()) {
            throw CertificateRefusedException.invalid(List.of(new FieldProblem("holderKind",
                    "certificates.holder.kind", type.name())));
        }
        if (holder.kind() == HolderKind.PERSON && holder.accountId() != null) {
            var person = personalData.person(holder.accountId())
                    .orElseThrow(() -> CertificateRefusedException.notFound("certificates.holder.no-account"));
            if (person.idType() != IdDocumentType.RESIDENT_ID) {
                throw CertificateRefusedException.rule("certificates.holder.resident-id-only");
            }
            return new ResolvedHolder(HolderKind.PERSON, person.name(), person.idNumber(), CODE_TYPE_RESIDENT_ID,
                    person.idNumberHash(), person.idNumberMasked());
        }
        String name = holder.name() == null ? "" : holder.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem("holderName", "certificates.holder.name"));
        }
        String code = null;
        try {
            code = holder.kind() == HolderKind.PERSON ? CitizenIdNumber.of(holder.code()).value()
                    : UnifiedSocialCreditCode.of(holder.code()).value();
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem("holderCode", e.code(), e.arguments()));
        }
        if (!problems.isEmpty()) {
            throw CertificateRefusedException.invalid(problems);
        }
        return holder.kind() == HolderKind.PERSON
                ? new ResolvedHolder(HolderKind.PERSON, name, code, CODE_TYPE_RESIDENT_ID,
                        personalData.idNumberHash(IdDocumentType.RESIDENT_ID, code), IdDocumentType.mask(code))
                : new ResolvedHolder(HolderKind.COMPANY, name, code, CODE_TYPE_CREDIT_CODE, companyHash(code), code);
    }

    String companyHash(String creditCode) {
        return personalData.lookupHash("credit-code", creditCode);
    }

    /** The type-specific metadata, checked against the type's schema; every problem at once. */
    static Map<String, String> validate(CertificateType type, Map<String, String> given) {
        Map<String, String> data = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> input = given == null ? Map.of() : given;
        for (String key : input.keySet()) {
            if (type.fields().stream().noneMatch(f -> f.key().equals(key))) {
                problems.add(new FieldProblem(key, "certificates.data.unknown-field", key));
            }
        }
        for (CertificateType.MetadataField field : type.fields()) {
            String value = input.getOrDefault(field.key(), "");
            value = value == null ? "" : value.strip();
            if (value.isEmpty()) {
                if (field.required()) {
                    problems.add(new FieldProblem(field.key(), "certificates.data.required", field.label()));
                }
                continue;
            }
            if (field.max() != null && value.length() > field.max()) {
                problems.add(new FieldProblem(field.key(), "certificates.data.too-long", field.label(), field.max()));
                continue;
            }
            if (field.date()) {
                try {
                    value = LocalDate.parse(value).format(DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    problems.add(new FieldProblem(field.key(), "certificates.data.date", field.label()));
                    continue;
                }
            }
            data.put(field.key(), value);
        }
        if (!problems.isEmpty()) {
            throw CertificateRefusedException.invalid(problems);
        }
        return data;
    }

    private StoredCertificate sign(UUID id, UUID series, UUID previousId, CertificateIdentifier identifier,
            CertificateType type, BodySummary body, ResolvedHolder holder, Map<String, String> data, LocalDate issuedOn,
            LocalDate from, String source, String caseReference) {
        LocalDate until = type.validityYears() == null ? null : from.plusYears(type.validityYears()).minusDays(1);
        TrustStore.SigningKey key = trust.signingKey(body);
        Map<String, Object> payload = new TreeMap<>();
        payload.put("ZZMC", type.name());
        payload.put("ZZLXDM", type.code());
        payload.put("ZZBH", identifier.serial());
        payload.put("ZZBS", identifier.value());
        payload.put("ZZBFJG", body.name());
        payload.put("ZZBFJGDM", body.creditCode());
        payload.put("ZZBFRQ", issuedOn.toString());
        payload.put("CZZT", holder.name);
        payload.put("CZZTDM", holder.code);
        payload.put("CZZTDMLX", holder.codeType);
        payload.put("ZZYXQQSRQ", from.toString());
        payload.put("ZZYXQJZRQ", until == null ? "长期" : until.toString());
        payload.put("QMMYID", key.id().toString());
        payload.put("ZZXX", new TreeMap<>(data));
        byte[] canonical = CanonicalJson.bytes(payload);
        String signature = Base64.getEncoder().encodeToString(Sm2.sign(key.privateKey(), canonical));
        return new StoredCertificate(id, identifier.value(), identifier.serial(), type.code(), series,
                identifier.version(), previousId, body.id(), body.name(), body.creditCode(), holder.kind.name(),
                holder.name, holder.codeType, holder.hash, holder.masked, issuedOn, from, until,
                personalData.encrypt(new String(canonical, StandardCharsets.UTF_8)), signature, key.id(),
                verificationCode(), "VALID", null, null, source, caseReference, null, null);
    }

    private static String verificationCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    // ---------------------------------------------------------------- lifecycle (officers of the issuing body)

    /** 注销/吊销: final. The reason is required and shown to verifiers. */
    @Transactional
    public CertificateView revoke(SignedIn officer, UUID id, String reason) {
        return change(officer, id, "REVOKED", reason, Set.of("VALID", "SUSPENDED"), "certificate.revoked");
    }

    /** 暂扣/中止: until reinstated. */
    @Transactional
    public CertificateView suspend(SignedIn officer, UUID id, String reason) {
        return change(officer, id, "SUSPENDED", reason, Set.of("VALID"), "certificate.suspended");
    }

    @Transactional
    public CertificateView reinstate(SignedIn officer, UUID id, String reason) {
        return change(officer, id, "VALID", reason, Set.of("SUSPENDED"), "certificate.reinstated");
    }

    private CertificateView change(SignedIn officer, UUID id, String status, String reason, Set<String> from,
            String action) {
        StoredCertificate row = ownedByIssuer(officer, id, true);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw CertificateRefusedException.invalid(List.of(new FieldProblem("reason", "certificates.reason.required")));
        }
        if (!from.contains(row.status())) {
            throw CertificateRefusedException.conflict("certificates.status.conflict", row.status());
        }
        store.changeStatus(id, status, text);
        audit.record(new AuditTrail.Event("certificates", action, officer.accountId(), officer.name(), "certificate",
                row.identifier(), text));
        return view(store.byId(id).orElseThrow(), false);
    }

    /**
     * 换证/延续: a new version of the certificate (same serial, version + 1, new validity from today, optionally
     * changed data), signed anew; the old version becomes {@code REPLACED} and stays verifiable as such.
     */
    @Transactional
    public CertificateView renew(SignedIn officer, UUID id, Map<String, String> changedData) {
        StoredCertificate row = ownedByIssuer(officer, id, true);
        if (!Set.of("VALID", "SUSPENDED").contains(row.status())) {
            throw CertificateRefusedException.conflict("certificates.status.conflict", row.status());
        }
        CertificateType type = types.get(row.typeCode());
        Map<String, Object> payload = payload(row);
        @SuppressWarnings("unchecked")
        Map<String, String> data = new LinkedHashMap<>((Map<String, String>) payload.get("ZZXX"));
        if (changedData != null) {
            changedData.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    data.put(k, v);
                }
            });
        }
        data.keySet().retainAll(type.fields().stream().map(CertificateType.MetadataField::key).toList());
        Map<String, String> valid = validate(type, data);
        ResolvedHolder holder = new ResolvedHolder(HolderKind.valueOf(row.holderKind()), row.holderName(),
                (String) payload.get("CZZTDM"), row.holderCodeType(), row.holderCodeHash(), row.holderCodeMasked());
        CertificateIdentifier next = CertificateIdentifier.parse(row.identifier()).nextVersion();
        LocalDate today = LocalDate.now(ZONE);
        UUID newId = UUID.randomUUID();
        StoredCertificate renewed = sign(newId, row.series(), row.id(), next, type, body(row.issuerBodyId()), holder,
                valid, today, today, row.source(), row.caseReference());
        store.changeStatus(row.id(), "REPLACED", next.value());
        store.insert(renewed, officer.accountId());
        audit.record(new AuditTrail.Event("certificates", "certificate.renewed", officer.accountId(), officer.name(),
                "certificate", next.value(), "replaces " + row.identifier()));
        events.publishEvent(new CertificateIssued(newId, next.value(), type.code(), row.caseReference()));
        return view(renewed, false);
    }

    // ---------------------------------------------------------------- officers' views

    @Transactional(readOnly = true)
    public List<CertificateView> issuedByMyBody(SignedIn officer) {
        requireOfficer(officer);
        return store.issuedBy(officer.staffBody(), 100).stream().map(r -> view(r, false)).toList();
    }

    @Transactional(readOnly = true)
    public CertificateView forIssuer(SignedIn officer, UUID id) {
        return view(ownedByIssuer(officer, id, false), false);
    }

    /** The types this officer's body issues. */
    public List<CertificateType> typesFor(SignedIn officer) {
        requireOfficer(officer);
        String category = body(officer.staffBody()).category().name();
        return types.all().stream().filter(t -> t.issuerCategory().equals(category)).toList();
    }

    private void requireOfficer(SignedIn officer) {
        if (officer == null || !officer.staff() || officer.staffBody() == null || !officer.has(StaffRole.APPROVER)) {
            throw CertificateRefusedException.forbidden("certificates.issue.not-officer");
        }
    }

    private StoredCertificate ownedByIssuer(SignedIn officer, UUID id, boolean lock) {
        requireOfficer(officer);
        StoredCertificate row = (lock ? store.lock(id) : store.byId(id))
                .orElseThrow(() -> CertificateRefusedException.notFound("certificates.not-found"));
        if (!row.issuerBodyId().equals(officer.staffBody())) {
            throw CertificateRefusedException.notFound("certificates.not-found");
        }
        return row;
    }

    private BodySummary body(UUID id) {
        try {
            return organization.body(id);
        } catch (NotFoundException e) {
            throw CertificateRefusedException.notFound("certificates.issuer.unknown");
        }
    }

    // ---------------------------------------------------------------- holder's wallet

    @Transactional(readOnly = true)
    public Wallet wallet(SignedIn person) {
        requirePerson(person);
        List<CertificateView> own = personalData.idNumberHashOf(person.accountId())
                .map(h -> store.heldBy(List.of(h))).orElse(List.of()).stream().map(r -> view(r, true)).toList();
        if (person.actingFor() == null) {
            return new Wallet(own, List.of(), null);
        }
        List<CertificateView> company = store.heldBy(List.of(companyHash(person.actingFor().creditCode()))).stream()
                .map(r -> view(r, true)).toList();
        return new Wallet(own, company, person.actingFor().companyName());
    }

    /**
     * One certificate for its holder (or the agent acting for the holding company).
     *
     * @throws CertificateRefusedException {@code certificates.not-found} (404) also when it exists but is someone
     *         else's, so that identifiers cannot be probed
     */
    @Transactional(readOnly = true)
    public CertificateView forHolder(SignedIn person, UUID id) {
        return view(heldBy(person, id), true);
    }

    /** The signed data (payload, signature, signing and root certificates) for download by the holder. */
    @Transactional
    public SignedDocument signedDocument(SignedIn person, UUID id) {
        StoredCertificate row = heldBy(person, id);
        audit.record(new AuditTrail.Event("certificates", "certificate.downloaded", person.accountId(), person.name(),
                "certificate", row.identifier(), null));
        return new SignedDocument(row.identifier() + ".json", signedJson(row));
    }

    /** A printable copy of a certificate. */
    public record PdfCopy(String fileName, byte[] pdf) {
    }

    /**
     * The certificate as PDF for its holder (or the agent acting for the holding company): the type's fields, the
     * GB/T 36904 identifier, the issuing body, the validity, and the public verification address as text and QR code.
     * Personal fields and the holder code are masked (DOMAIN §8): the copy is meant to be shown to others; the signed
     * data stays the authoritative form. Audited.
     *
     * @param verificationLink the absolute address of the public verification page for this certificate
     * @throws org.tongban.platform.documents.DocumentsUnavailableException (503) without a font for documents
     */
    @Transactional
    public PdfCopy pdfCopy(SignedIn person, UUID id, String verificationLink) {
        StoredCertificate row = heldBy(person, id);
        CertificateView view = view(row, false);
        byte[] pdf = renderer.render(CertificateCopy.of(view, verificationLink));
        audit.record(new AuditTrail.Event("certificates", "certificate.pdf-downloaded", person.accountId(),
                person.name(), "certificate", row.identifier(), null));
        return new PdfCopy(view.type().name() + "-" + view.number() + ".pdf", pdf);
    }

    /** The OFD copy of a certificate, with the file name to download it under. */
    public record OfdCopy(String fileName, byte[] ofd) {
    }

    /**
     * The certificate as an OFD document (GB/T 33190) for its holder: the same content as the PDF copy, sealed with
     * the issuing body's electronic seal (GB/T 38540: {@code SESeal} + {@code SES_Signature} by the body's current SM2
     * key, carrying its X.509 certificate; SM3 digests of every file, see
     * {@link org.tongban.certificates.internal.OfdPackage}), time-stamped by the platform's time-stamp authority
     * (GB/T 20520, {@link org.tongban.certificates.internal.TimeStampAuthority}). Audited.
     */
    @Transactional
    public OfdCopy ofdCopy(SignedIn person, UUID id, String verificationLink) {
        StoredCertificate row = heldBy(person, id);
        CertificateView view = view(row, false);
        TrustStore.SigningKey key = trust.signingKey(body(row.issuerBodyId()));
        java.time.Instant now = java.time.Instant.now();
        byte[] ofd = org.tongban.certificates.internal.OfdPackage.write(CertificateCopy.ofd(view, verificationLink),
                new org.tongban.certificates.internal.OfdPackage.Signer(key.id().toString(), row.issuerName(),
                        key.privateKey(), key.certificate(), seal(key, row.issuerName(), row.issuerCode(), now),
                        signature -> timeStamps.stamp(signature, row.identifier())),
                now);
        audit.record(new AuditTrail.Event("certificates", "certificate.ofd-downloaded", person.accountId(),
                person.name(), "certificate", row.identifier(), null));
        return new OfdCopy(view.type().name() + "-" + view.number() + ".ofd", ofd);
    }

    /**
     * The body's electronic seal for certificates (电子证照专用章, GB/T 38540 {@code SESeal}), made with its signing key
     * (the body is its own seal maker) and valid as long as the key's certificate; one per key, kept in memory (a
     * restart makes it again with the same {@code esID}).
     */
    private byte[] seal(TrustStore.SigningKey key, String bodyName, String bodyCode, java.time.Instant now) {
        return seals.computeIfAbsent(key.id(), k -> {
            String name = bodyName + "电子证照专用章";
            byte[] picture = org.tongban.certificates.internal.SealImage.png(bodyName, "电子证照专用章",
                    renderer.fontFile());
            try {
                return org.tongban.certificates.internal.ElectronicSeal.seal(
                        new org.tongban.certificates.internal.ElectronicSeal.SealInfo(bodyCode + "-" + k,
                                org.tongban.certificates.internal.ElectronicSeal.TYPE_ORGANIZATION, name,
                                List.of(key.certificate().getEncoded()), now,
                                key.certificate().getNotBefore().toInstant(),
                                key.certificate().getNotAfter().toInstant(), "PNG", picture,
                                org.tongban.certificates.internal.SealImage.SIZE_MM,
                                org.tongban.certificates.internal.SealImage.SIZE_MM),
                        key.certificate(), key.privateKey());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private final Map<UUID, byte[]> seals = new java.util.concurrent.ConcurrentHashMap<>();

    /** The certificate of a signing key (PEM), for checking a package it signed. */
    public String signingCertificatePem(UUID keyId) {
        return trust.verifyingKey(keyId).certificatePem();
    }

    String signedJson(StoredCertificate row) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", CertificateVerification.FORMAT);
        document.put("payload", payload(row));
        document.put("signature", row.signature());
        document.put("signerCertificate", trust.verifyingKey(row.keyId()).certificatePem());
        document.put("rootCertificate", Sm2.pem(trust.root()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    StoredCertificate heldBy(SignedIn person, UUID id) {
        requirePerson(person);
        StoredCertificate row = store.byId(id)
                .orElseThrow(() -> CertificateRefusedException.notFound("certificates.not-found"));
        if (!holderHashes(person).contains(row.holderCodeHash())) {
            throw CertificateRefusedException.notFound("certificates.not-found");
        }
        return row;
    }

    private List<String> holderHashes(SignedIn person) {
        List<String> hashes = new ArrayList<>();
        personalData.idNumberHashOf(person.accountId()).ifPresent(hashes::add);
        if (person.actingFor() != null) {
            hashes.add(companyHash(person.actingFor().creditCode()));
        }
        return hashes;
    }

    private static void requirePerson(SignedIn person) {
        if (person == null) {
            throw new CertificateRefusedException(CertificateRefusedException.Reason.SIGN_IN,
                    "certificates.sign-in", List.of());
        }
    }

    // ---------------------------------------------------------------- views

    Map<String, Object> payload(StoredCertificate row) {
        return JSON.readValue(personalData.decrypt(row.payloadCipher()), new TypeReference<TreeMap<String, Object>>() {
        });
    }

    /** The certificate's view; personal fields in clear only for the holder. */
    CertificateView view(StoredCertificate row, boolean holder) {
        CertificateType type = types.get(row.typeCode());
        Map<String, Object> payload = payload(row);
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) payload.getOrDefault("ZZXX", Map.of());
        List<CertificateView.Field> fields = type.fields().stream()
                .map(f -> new CertificateView.Field(f, shown(f, data.getOrDefault(f.key(), ""), holder))).toList();
        return new CertificateView(row.id(), row.identifier(), row.number(), type, row.version(), row.issuerName(),
                row.issuerCode(), HolderKind.valueOf(row.holderKind()), row.holderName(), row.holderCodeType(),
                row.holderCodeMasked(), row.issuedOn(), row.validFrom(), row.validUntil(), fields,
                effectiveStatus(row, LocalDate.now(ZONE)), row.statusReason(), row.statusChangedAt(),
                row.verificationCode(), row.previousId(), row.source());
    }

    private static String shown(CertificateType.MetadataField field, String value, boolean holder) {
        return field.personal() && !holder && !value.isEmpty() ? IdDocumentType.mask(value.length() < 4
                ? value + "***" : value) : value;
    }

    /** The stored status, or {@code EXPIRED} when a valid certificate is past its last day. */
    static CertificateStatus effectiveStatus(StoredCertificate row, LocalDate today) {
        CertificateStatus stored = CertificateStatus.valueOf(row.status());
        if (stored == CertificateStatus.VALID && row.validUntil() != null && today.isAfter(row.validUntil())) {
            return CertificateStatus.EXPIRED;
        }
        return stored;
    }
}

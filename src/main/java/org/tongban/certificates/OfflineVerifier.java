package org.tongban.certificates;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tongban.certificates.internal.CanonicalJson;
import org.tongban.certificates.internal.OfdVerification;
import org.tongban.certificates.internal.Sm2;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a downloaded certificate (the signed JSON) without the server: the identifier's check character, the
 * signing certificate's chain to a trusted root CA certificate and its binding to the issuer code in the payload,
 * the SM2/SM3 signature over the canonical payload, and the validity dates. Revocation and suspension can only be
 * known from the server (or a later revocation list), which the answer says.
 *
 * <p>It also verifies the sealed OFD copy ({@code .ofd}, GB/T 33190 with a GB/T 38540 electronic seal, see
 * {@link OfdVerification}): the SM3 digest of every file of the package, the {@code SES_Signature} and the seal's own
 * signature with the certificates they carry, and those certificates' chain to the trusted root certificates.
 *
 * <p>{@code java -jar tongban.jar verify CERTIFICATE.json|CERTIFICATE.ofd [--root ROOT-CA.pem]}; the root CA
 * certificate is at {@code /api/v1/certificates/root-ca.pem} (the file may hold several trusted root certificates).
 * Without {@code --root} a JSON document is checked against the root embedded in it and the answer says that it was
 * not independently trusted; an OFD carries no root, so it is then {@code UNTRUSTED}. Exit status 0 for a valid
 * certificate, 1 otherwise, 2 for wrong usage.
 */
public final class OfflineVerifier {

    /** The outcome: {@code VALID}, {@code EXPIRED}, {@code TAMPERED}, {@code UNTRUSTED} or {@code MALFORMED}. */
    public record Outcome(String status, String detail) {

        public boolean valid() {
            return "VALID".equals(status);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OfflineVerifier() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    /** The command line; returns the exit status. */
    public static int run(String[] args, PrintStream out) throws IOException {
        if (args.length != 1 && !(args.length == 3 && "--root".equals(args[1]))) {
            out.println("usage: verify CERTIFICATE.json|CERTIFICATE.ofd [--root ROOT-CA.pem]");
            return 2;
        }
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        List<X509Certificate> roots = args.length == 3 ? Sm2.readCertificates(Files.readString(Path.of(args[2])))
                : List.of();
        X509Certificate root = roots.isEmpty() ? null : roots.getFirst();
        Outcome outcome;
        if (OfdVerification.isZip(bytes)) {
            outcome = verifyOfd(bytes, roots, Instant.now());
        } else {
            String document = new String(bytes, StandardCharsets.UTF_8);
            outcome = verify(document, root, Instant.now());
            for (int i = 1; i < roots.size() && "UNTRUSTED".equals(outcome.status()); i++) {
                outcome = verify(document, roots.get(i), Instant.now());
            }
        }
        out.println(outcome.status() + ": " + outcome.detail());
        if (root == null && OfdVerification.isZip(bytes)) {
            out.println("warning: an OFD copy carries no root CA certificate; pass --root ROOT-CA.pem");
        } else if (root == null) {
            out.println("warning: checked against the root CA certificate inside the file; pass --root to trust "
                    + "only the platform's root CA");
        }
        out.println("note: revocation and suspension are known only to the platform (/certificates/verify)");
        return outcome.valid() ? 0 : 1;
    }

    /**
     * A sealed OFD copy: {@code TAMPERED} naming the parts (a file, {@code signature}, {@code seal}, {@code issuer},
     * {@code time-stamp})
     * when anything changed, {@code UNTRUSTED} when intact but not signed under one of {@code trustedRoots},
     * {@code EXPIRED} past the validity the document states, else {@code VALID}.
     */
    public static Outcome verifyOfd(byte[] ofd, List<X509Certificate> trustedRoots, Instant now) {
        OfdVerification.Report report = OfdVerification.verify(ofd, trustedRoots);
        if (report.malformed()) {
            return new Outcome("MALFORMED", "not a sealed OFD package");
        }
        if (report.tampered()) {
            return new Outcome("TAMPERED", "changed: " + String.join(", ", report.problems().stream()
                    .filter(p -> !p.equals("signer-certificate")).toList()));
        }
        if (report.untrusted()) {
            return new Outcome("UNTRUSTED", "the signing certificate " + report.signer().getSubjectX500Principal()
                    .getName() + " is not issued by a trusted root CA");
        }
        String identifier = report.customData().getOrDefault("ZZBS", "");
        String until = report.customData().get("ZZYXQJZRQ");
        try {
            if (until != null && !"长期".equals(until) && LocalDate.ofInstant(now, Certificates.ZONE)
                    .isAfter(LocalDate.parse(until))) {
                return new Outcome("EXPIRED", identifier + " expired on " + until);
            }
        } catch (java.time.format.DateTimeParseException e) {
            return new Outcome("MALFORMED", "the validity ZZYXQJZRQ is not a date: " + until);
        }
        return new Outcome("VALID", identifier + " · sealed with " + report.sealName() + " · signed "
                + report.signedAt() + (report.timeStampedAt() == null ? " (no time stamp)"
                        : " · time-stamped " + report.timeStampedAt()));
    }

    /** @param trustedRoot the platform's root CA certificate; {@code null} to use the one inside the document */
    public static Outcome verify(String document, X509Certificate trustedRoot, Instant now) {
        Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(document, new TypeReference<Map<String, Object>>() {
            });
        } catch (JacksonException e) {
            return new Outcome("MALFORMED", "not JSON");
        }
        if (!(parsed.get("payload") instanceof Map<?, ?> raw) || !(parsed.get("signature") instanceof String signature)
                || !(parsed.get("signerCertificate") instanceof String signerPem)) {
            return new Outcome("MALFORMED", "payload, signature or signerCertificate missing");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new TreeMap<>((Map<String, Object>) raw);
        CertificateIdentifier identifier;
        try {
            identifier = CertificateIdentifier.parse(String.valueOf(payload.get("ZZBS")));
        } catch (CertificateRefusedException e) {
            return new Outcome("TAMPERED", "identifier ZZBS fails " + e.code());
        }
        X509Certificate signer;
        X509Certificate root;
        try {
            signer = Sm2.readCertificate(signerPem);
            root = trustedRoot != null ? trustedRoot
                    : Sm2.readCertificate(String.valueOf(parsed.get("rootCertificate")));
        } catch (IllegalArgumentException e) {
            return new Outcome("MALFORMED", "unreadable certificate");
        }
        Instant issued = LocalDate.parse(String.valueOf(payload.get("ZZBFRQ"))).atStartOfDay(Certificates.ZONE)
                .toInstant();
        if (!Sm2.issuedBy(signer, root, issued.isBefore(signer.getNotBefore().toInstant())
                ? signer.getNotBefore().toInstant() : issued)) {
            return new Outcome("UNTRUSTED", "the signing certificate is not issued by the trusted root CA");
        }
        String bodyCode = organizationIdentifier(signer);
        if (!identifier.issuerCode().equals(bodyCode) || !bodyCode.equals(payload.get("ZZBFJGDM"))) {
            return new Outcome("TAMPERED", "issuer code ZZBFJGDM/ZZBS does not match the signing certificate ("
                    + bodyCode + ")");
        }
        boolean holds;
        try {
            holds = Sm2.verify(signer.getPublicKey(), CanonicalJson.bytes(payload),
                    Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            holds = false;
        }
        if (!holds) {
            return new Outcome("TAMPERED", "the SM2 signature does not match the content");
        }
        String until = String.valueOf(payload.get("ZZYXQJZRQ"));
        if (!"长期".equals(until) && LocalDate.ofInstant(now, Certificates.ZONE).isAfter(LocalDate.parse(until))) {
            return new Outcome("EXPIRED", identifier.value() + " expired on " + until);
        }
        return new Outcome("VALID", identifier.value() + " · " + payload.get("ZZMC") + " · issued by "
                + payload.get("ZZBFJG") + " on " + payload.get("ZZBFRQ"));
    }

    private static String organizationIdentifier(X509Certificate certificate) {
        return OfdVerification.organizationIdentifier(certificate);
    }
}

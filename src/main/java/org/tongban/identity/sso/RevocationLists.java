package org.tongban.identity.sso;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.openssl.PEMParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRLs of the client CAs, from the files of {@code tongban.identity.sso.mtls.crl} (PEM, any number of CRLs per
 * file, or one DER CRL). A file is parsed again only when it changed — its modification time, size or identity (an
 * atomic {@code mv} gives a new one), looked at on each question — so that a CA's new CRL, put in place by whatever
 * fetches it (a cron job with {@code curl}, a configuration-management run), counts from the next token request
 * without a restart and without parsing on every request. Replace a file atomically (write a temporary file, then
 * rename it): a half-written file reads as broken until its next change, and its certificates are refused meanwhile.
 * <p>
 * A certificate's status comes from the current CRLs of its issuer that cover it (RFC 5280 §6.3.3): listed in one,
 * it is revoked; listed in none, it is good; with no such CRL — none configured, unreadable, badly signed, past its
 * nextUpdate — it is unknown, which the caller treats as a refusal.
 */
final class RevocationLists {

    /** Tolerated difference between this node's clock and the CA's (thisUpdate in the future, nextUpdate passed). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(RevocationLists.class);

    /** A file's identity as last seen; any change means it is read again. */
    private record Stamp(FileTime modified, long size, Object key) {
    }

    /** What a file held when last read, or why it could not be read. */
    private record Read(Stamp stamp, List<RevocationList> lists, String problem) {
    }

    private final List<Path> files;
    private final Clock clock;
    private final ConcurrentHashMap<Path, Read> read = new ConcurrentHashMap<>();

    RevocationLists(List<Path> files, Clock clock) {
        this.files = List.copyOf(files);
        this.clock = clock;
    }

    @Override
    public String toString() {
        return files.toString();
    }

    /** The revocation status of a certificate issued by {@code issuer}, from the CRL files. */
    RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
        X500Principal issuerName = issuer.getSubjectX500Principal();
        if (files.isEmpty()) {
            return RevocationStatus.unknown("no CRL files are configured (tongban.identity.sso.mtls.crl)");
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= 6 || !usage[6])) {
            // RFC 5280 §4.2.1.3 and §6.3.3 (f): only a key with the cRLSign usage signs CRLs.
            return RevocationStatus.unknown("the key usage of " + issuerName.getName() + " does not allow CRL signing");
        }
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        List<RevocationList> current = new ArrayList<>();
        for (Path file : files) {
            Read contents = current(file);
            if (contents.problem() != null) {
                problems.add(contents.problem());
                continue;
            }
            for (RevocationList list : contents.lists()) {
                if (!list.issuer().equals(issuerName) || !list.covers(certificate)) {
                    continue;
                }
                String problem = list.unusable() != null ? list.unusable()
                        : !list.signedBy(issuer) ? "its signature does not verify with the CA's key"
                        : list.outdated(now, CLOCK_SKEW);
                if (problem != null) {
                    problems.add(list.describe() + " cannot be used: " + problem);
                } else {
                    current.add(list);
                }
            }
        }
        for (RevocationList list : current) {
            String revocation = list.revocation(certificate.getSerialNumber());
            if (revocation != null) {
                return RevocationStatus.revoked(revocation + " per " + list.describe());
            }
        }
        if (!current.isEmpty()) {
            return RevocationStatus.good(current.get(0).describe());
        }
        return RevocationStatus.unknown("no current CRL of " + issuerName.getName() + " covers it"
                + (problems.isEmpty() ? " in " + files : ": " + String.join("; ", problems)));
    }

    /** The file's CRLs, parsed again if the file changed since it was last read. */
    private Read current(Path file) {
        Stamp stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return read.compute(file, (f, before) -> {
                String problem = "CRL file " + f.toAbsolutePath() + " cannot be read: " + e;
                if (before == null || !problem.equals(before.problem())) {
                    log.warn("{}; the certificates it would cover are refused", problem);
                }
                return new Read(null, List.of(), problem);
            });
        }
        Read known = read.get(file);
        if (known != null && Objects.equals(known.stamp(), stamp)) {
            return known;
        }
        return read.compute(file, (f, before) -> before != null && Objects.equals(before.stamp(), stamp) ? before
                : load(f, stamp));
    }

    private Read load(Path file, Stamp stamp) {
        try {
            List<RevocationList> lists = new ArrayList<>();
            for (X509CRLHolder holder : parse(Files.readAllBytes(file))) {
                lists.add(new RevocationList(file, holder));
            }
            if (lists.isEmpty()) {
                throw new IOException("no CRL in it");
            }
            for (RevocationList list : lists) {
                if (list.unusable() != null) {
                    log.warn("Read {}, which cannot be used: {}", list.describe(), list.unusable());
                } else {
                    log.info("Read {}", list.describe());
                }
            }
            return new Read(stamp, List.copyOf(lists), null);
        } catch (IOException | RuntimeException e) {
            String problem = "CRL file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage();
            log.warn("{}; the certificates it would cover are refused until it is replaced", problem);
            return new Read(stamp, List.of(), problem);
        }
    }

    /** The CRLs in a PEM file ({@code -----BEGIN X509 CRL-----} blocks) or the one CRL of a DER file. */
    private static List<X509CRLHolder> parse(byte[] bytes) throws IOException {
        if (!new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1).contains("-----BEGIN")) {
            return List.of(new X509CRLHolder(bytes));
        }
        List<X509CRLHolder> lists = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.US_ASCII))) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof X509CRLHolder holder) {
                    lists.add(holder);
                }
            }
        }
        return lists;
    }
}

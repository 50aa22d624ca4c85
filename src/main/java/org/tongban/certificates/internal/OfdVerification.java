package org.tongban.certificates.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks a sealed OFD package (GB/T 33190-2016 §18 with a GB/T 38540-2020 electronic signature) with nothing but the
 * trusted root certificates: every referenced file's SM3 digest, that no file outside {@code Doc_0/Signs/} escaped the
 * digests, the {@code SES_Signature} (its {@code dataHash} against SM3 of {@code Signature.xml}, its SM2 signature
 * with the certificate it carries), the seal inside it (header, the maker's SM2 signature, the signer's certificate
 * in the seal's certificate list, the signing time within the seal's validity, and {@code Seal.esl} being that seal),
 * the time-stamp token when there is one ({@link TimeStamps}), and both certificates chaining to a trusted root at
 * the signing time (the time stamp's when there is one). Used by the offline verifier and by the
 * server alike, so both give the same verdict.
 */
public final class OfdVerification {

    /** Largest package read (the zip itself and everything in it, uncompressed). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final int MAX_ENTRIES = 500;
    /** How much later than the time stamp a signature may claim to be made: the nodes' clocks differ a little. */
    static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(2);

    /**
     * What was found. {@code problems} is empty for an intact package by a trusted signer; else it names the parts:
     * {@code malformed} (not a sealed OFD at all), {@code file:PATH} (digest differs or file missing),
     * {@code unsigned:PATH} (a file no digest covers), {@code signature}, {@code seal}, {@code issuer} (the document's
     * certificate identifier names another issuer than the signing certificate), {@code time-stamp} (the time-stamp
     * token does not verify, is not over this signature, is not by a trusted authority, or is earlier than the time
     * the signature claims), {@code signer-certificate} (not issued by a trusted root).
     * {@code signedAt} is the time the signature claims ({@code timeInfo}); {@code timeStampedAt} the time a trusted
     * time-stamp authority attests, {@code null} when the signature carries no (valid) time stamp.
     */
    public record Report(List<String> problems, X509Certificate signer, Instant signedAt, Instant timeStampedAt,
            String sealName, Map<String, String> customData) {

        public boolean malformed() {
            return problems.contains("malformed");
        }

        public boolean tampered() {
            return problems.stream().anyMatch(p -> !p.equals("signer-certificate") && !p.equals("malformed"));
        }

        public boolean untrusted() {
            return problems.contains("signer-certificate");
        }
    }

    private OfdVerification() {
    }

    /** Whether the bytes look like a zip (an OFD package), not JSON. */
    public static boolean isZip(byte[] bytes) {
        return bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    public static Report verify(byte[] ofd, List<X509Certificate> trustedRoots) {
        Map<String, byte[]> files;
        try {
            files = unzip(ofd);
        } catch (IOException | IllegalArgumentException e) {
            return malformed();
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> custom = new LinkedHashMap<>();
        try {
            Document entry = xml(files.get("OFD.xml"));
            for (Element data : elements(entry, "CustomData")) {
                custom.put(data.getAttribute("Name"), data.getTextContent());
            }
            List<Element> signaturesRef = elements(entry, "Signatures");
            if (signaturesRef.isEmpty()) {
                return new Report(List.of("signature"), null, null, null, null, custom);
            }
            String signaturesPath = resolve("", signaturesRef.getFirst().getTextContent());
            Element listed = elements(xml(files.get(signaturesPath)), "Signature").getFirst();
            String signaturePath = resolve(directory(signaturesPath), listed.getAttribute("BaseLoc"));
            byte[] signatureXml = files.get(signaturePath);
            Document signature = xml(signatureXml);
            // GB/T 33190 §18.2: the digests of the protected files.
            Element refs = elements(signature, "References").getFirst();
            if (!OfdPackage.SM3_OID.equals(refs.getAttribute("CheckMethod"))) {
                problems.add("signature");
            }
            List<String> referenced = new ArrayList<>();
            for (Element reference : elements(signature, "Reference")) {
                String path = resolve("", reference.getAttribute("FileRef"));
                referenced.add(path);
                byte[] file = files.get(path);
                byte[] expected = decode(elements(reference, "CheckValue").getFirst().getTextContent().strip());
                if (file == null || !MessageDigest.isEqual(OfdPackage.sm3(file), expected)) {
                    problems.add("file:" + path);
                }
            }
            String signsDirectory = directory(signaturesPath);
            for (String path : files.keySet()) {
                if (!path.startsWith(signsDirectory) && !referenced.contains(path)) {
                    problems.add("unsigned:" + path);
                }
            }
            // GB/T 38540 §8: the electronic signature over SM3 of Signature.xml.
            String signedValuePath = resolve(directory(signaturePath),
                    elements(signature, "SignedValue").getFirst().getTextContent().strip());
            ElectronicSeal.Signature ses;
            try {
                ses = ElectronicSeal.readSignature(files.getOrDefault(signedValuePath, new byte[0]));
            } catch (IllegalArgumentException e) {
                problems.add("signature");
                return new Report(List.copyOf(problems), null, null, null, null, custom);
            }
            X509Certificate signer;
            try {
                signer = Sm2.readCertificate(ses.signerCertificate());
            } catch (IllegalArgumentException e) {
                problems.add("signature");
                return new Report(List.copyOf(problems), null, null, null, null, custom);
            }
            boolean holds = ses.version() == ElectronicSeal.VERSION
                    && OfdPackage.SM2_SIGNATURE_OID.equals(ses.algorithm())
                    && MessageDigest.isEqual(ses.dataHash(), OfdPackage.sm3(signatureXml))
                    && ("/" + signaturePath).equals(ses.propertyInfo())
                    && Sm2.verify(signer.getPublicKey(), ses.signedContent(), ses.signature());
            if (!holds) {
                problems.add("signature");
            }
            // GB/T 20520: the time stamp over the signature value. When present, its time — not the signer's own
            // claim — is when the seal is known to have existed; the signer's claim may not be later than it.
            Instant stampedAt = null;
            if (ses.timeStamped()) {
                var stamp = TimeStamps.verify(ses.timeStamp(), ses.signature(), trustedRoots);
                if (stamp.isEmpty() || ses.time().isAfter(stamp.get().time().plus(CLOCK_TOLERANCE))) {
                    problems.add("time-stamp");
                } else {
                    stampedAt = stamp.get().time();
                }
            }
            Instant at = stampedAt != null ? stampedAt : ses.time();
            // GB/T 38540 §7: the seal — its maker's signature, the signer among its certificates, its validity.
            ElectronicSeal.Seal seal = ses.seal();
            X509Certificate maker = null;
            try {
                maker = Sm2.readCertificate(seal.makerCertificate());
            } catch (IllegalArgumentException e) {
                problems.add("seal");
            }
            List<Element> sealRef = elements(signature, "BaseLoc");
            byte[] sealFile = sealRef.isEmpty() ? null
                    : files.get(resolve(directory(signaturePath), sealRef.getFirst().getTextContent().strip()));
            boolean sealHolds = maker != null && ElectronicSeal.HEADER_ID.equals(seal.headerId())
                    && seal.version() == ElectronicSeal.VERSION
                    && OfdPackage.SM2_SIGNATURE_OID.equals(seal.algorithm())
                    && Sm2.verify(maker.getPublicKey(), seal.signedContent(), seal.signedValue())
                    && seal.info().certificates().stream().anyMatch(c -> MessageDigest.isEqual(c,
                            ses.signerCertificate()))
                    && !at.isBefore(seal.info().validStart()) && !at.isAfter(seal.info().validEnd())
                    && sealFile != null && MessageDigest.isEqual(sealFile, seal.der());
            if (!sealHolds && !problems.contains("seal")) {
                problems.add("seal");
            }
            String identifier = custom.get("ZZBS");
            if (identifier != null && !identifier.contains("." + organizationIdentifier(signer) + ".")) {
                problems.add("issuer");
            }
            // The chain: both certificates issued by a trusted root at the signing time.
            X509Certificate sealMaker = maker;
            boolean trusted = trustedRoots.stream().anyMatch(root -> Sm2.issuedBy(signer, root, at))
                    && (sealMaker == null || trustedRoots.stream().anyMatch(root -> Sm2.issuedBy(sealMaker, root,
                            at)));
            if (!trusted) {
                problems.add("signer-certificate");
            }
            return new Report(List.copyOf(problems), signer, ses.time(), stampedAt, seal.info().name(), custom);
        } catch (RuntimeException | IOException | SAXException | ParserConfigurationException e) {
            return malformed();
        }
    }

    private static Report malformed() {
        return new Report(List.of("malformed"), null, null, null, null, Map.of());
    }

    /** The credit code in a signing certificate's subject ({@code organizationIdentifier}). */
    public static String organizationIdentifier(X509Certificate certificate) {
        var rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.ORGANIZATION_IDENTIFIER);
        return rdns.length == 1 ? rdns[0].getFirst().getValue().toString() : "";
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A path inside the package: absolute ({@code /Doc_0/...}) or relative to {@code base}. */
    private static String resolve(String base, String location) {
        String path = location.strip();
        path = path.startsWith("/") ? path.substring(1) : base + path;
        if (path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("Bad location " + location);
        }
        return path;
    }

    private static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        if (zip.length > MAX_BYTES) {
            throw new IllegalArgumentException("Too large");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] data = in.readNBytes(MAX_BYTES + 1);
                total += data.length;
                if (total > MAX_BYTES || files.size() >= MAX_ENTRIES || files.put(e.getName(), data) != null) {
                    throw new IllegalArgumentException("Too large, too many or repeated entries");
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Empty");
        }
        return files;
    }

    private static Document xml(byte[] bytes) throws ParserConfigurationException, SAXException, IOException {
        if (bytes == null) {
            throw new IllegalArgumentException("Missing part");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static List<Element> elements(Object parent, String localName) {
        NodeList nodes = parent instanceof Document d ? d.getElementsByTagNameNS(OfdPackage.NS, localName)
                : ((Element) parent).getElementsByTagNameNS(OfdPackage.NS, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}

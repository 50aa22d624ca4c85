package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.certificates.internal.ElectronicSeal;
import org.tongban.certificates.internal.OfdPackage;
import org.tongban.certificates.internal.Sm2;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The holder's OFD copy (GB/T 33190) and its package signature: parsed back, digests and SM2 signature checked. */
@TongbanIntegrationTest
class CertificateOfdIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String SOCIAL_SECURITY = "11100000MB0T00040Y001";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(700);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Certificates certificates;
    @Autowired
    Organization organization;
    @Autowired
    org.tongban.certificates.internal.TrustStore trust;
    @Autowired
    org.tongban.certificates.internal.TimeStampAuthority timeStamps;

    record Person(String name, Cookie session, UUID account) {
    }

    private Person register(String name) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        CaseFixtures.Resident r = CaseFixtures.register(mvc, jdbc, name, "21010619880808" + "%03d".formatted(n),
                "1338808%04d".formatted(n), PASSWORD, 0);
        return new Person(name, r.session(), r.account());
    }

    private CertificateView card(Person person) {
        var body = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY).findFirst().orElseThrow();
        return certificates.issue(new IssueRequest(SOCIAL_SECURITY, body.id(), Holder.account(person.account()),
                Map.of("SBKH", "210106D1880" + SEQUENCE.get(), "CBD", "辽宁省沈阳市"), null, "CASE",
                "TEST-OFD-" + SEQUENCE.get(), null));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static Document xml(byte[] bytes) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static List<Element> elements(Document document, String localName) {
        NodeList nodes = document.getElementsByTagNameNS("http://www.ofdspec.org/2016", localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /**
     * What a verifier of the package does, written out here independently of {@code OfdVerification}: every
     * referenced file's SM3, then the GB/T 38540 {@code SES_Signature} (dataHash = SM3 of Signature.xml, SM2 over
     * TBS_Sign with the certificate it carries, which must be the platform's key named by {@code SignKeyId}).
     */
    private List<String> problems(Map<String, byte[]> files) throws Exception {
        List<String> problems = new ArrayList<>();
        Document signature = xml(files.get(OfdPackage.SIGNATURE_PATH));
        assertThat(elements(signature, "SignatureMethod").getFirst().getTextContent())
                .isEqualTo(OfdPackage.SM2_SIGNATURE_OID);
        assertThat(elements(signature, "References").getFirst().getAttribute("CheckMethod"))
                .isEqualTo(OfdPackage.SM3_OID);
        List<String> referenced = new ArrayList<>();
        for (Element reference : elements(signature, "Reference")) {
            String path = reference.getAttribute("FileRef").substring(1);
            referenced.add(path);
            byte[] file = files.get(path);
            byte[] expected = Base64.getDecoder().decode(elements(xml(files.get(OfdPackage.SIGNATURE_PATH)),
                    "CheckValue").get(referenced.size() - 1).getTextContent());
            if (file == null || !java.util.Arrays.equals(OfdPackage.sm3(file), expected)) {
                problems.add("digest:" + path);
            }
        }
        for (String path : files.keySet()) {
            if (!path.startsWith("Doc_0/Signs/") && !referenced.contains(path)) {
                problems.add("unsigned:" + path);
            }
        }
        String keyId = elements(xml(files.get("OFD.xml")), "CustomData").stream()
                .filter(e -> e.getAttribute("Name").equals("SignKeyId")).findFirst().orElseThrow().getTextContent();
        var platformCertificate = Sm2.readCertificate(certificates.signingCertificatePem(UUID.fromString(keyId)));
        ElectronicSeal.Signature ses = ElectronicSeal.readSignature(files.get(OfdPackage.SIGNED_VALUE_PATH));
        assertThat(ses.signerCertificate()).isEqualTo(platformCertificate.getEncoded());
        if (!java.util.Arrays.equals(ses.dataHash(), OfdPackage.sm3(files.get(OfdPackage.SIGNATURE_PATH)))
                || !Sm2.verify(Sm2.readCertificate(ses.signerCertificate()).getPublicKey(), ses.signedContent(),
                        ses.signature())) {
            problems.add("signature");
        }
        return problems;
    }

    private static byte[] rezip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void theHolderDownloadsASignedOfdWhoseDigestsAndSignatureVerifyAndATamperedCopyDoesNot() throws Exception {
        Person holder = register("欧八");
        CertificateView card = card(holder);

        mvc.perform(get("/account/certificates/{id}", card.id()).cookie(holder.session())).andExpect(status().isOk())
                .andExpect(content().string(containsString("/account/certificates/" + card.id() + "/ofd")));
        byte[] ofd = mvc.perform(get("/api/v1/certificates/{id}/ofd", card.id()).cookie(holder.session()))
                .andExpect(status().isOk()).andExpect(content().contentType("application/ofd"))
                .andExpect(header().string("Content-Disposition", containsString(".ofd")))
                .andReturn().getResponse().getContentAsByteArray();
        Map<String, byte[]> files = unzip(ofd);

        // GB/T 33190 structure: entry file, document, public resources with the font, a page with text objects.
        assertThat(files).containsKeys("OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml",
                "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Signs/Signatures.xml", OfdPackage.SIGNATURE_PATH,
                OfdPackage.SIGNED_VALUE_PATH);
        Document entry = xml(files.get("OFD.xml"));
        assertThat(elements(entry, "DocRoot").getFirst().getTextContent()).isEqualTo("Doc_0/Document.xml");
        assertThat(elements(entry, "Signatures").getFirst().getTextContent()).isEqualTo("Doc_0/Signs/Signatures.xml");
        Document document = xml(files.get("Doc_0/Document.xml"));
        assertThat(elements(document, "PhysicalBox").getFirst().getTextContent()).isEqualTo("0 0 210 297");
        assertThat(elements(document, "Page").getFirst().getAttribute("BaseLoc")).isEqualTo("Pages/Page_0/Content.xml");
        String fontId = elements(xml(files.get("Doc_0/PublicRes.xml")), "Font").getFirst().getAttribute("ID");
        Document page = xml(files.get("Doc_0/Pages/Page_0/Content.xml"));
        List<Element> texts = elements(page, "TextObject");
        assertThat(texts).allSatisfy(t -> assertThat(t.getAttribute("Font")).isEqualTo(fontId));
        String allText = String.join("", elements(page, "TextCode").stream().map(Element::getTextContent).toList());
        assertThat(allText).contains("社会保障卡").contains(card.identifier()).contains(card.number())
                .contains("浑南区");
        assertThat(elements(page, "PathObject")).hasSize(1); // the QR code
        // Unique object ids within the document.
        List<String> ids = new ArrayList<>();
        for (var f : files.entrySet()) {
            if (f.getKey().endsWith("Content.xml")) {
                var d = xml(f.getValue());
                for (String tag : List.of("Layer", "TextObject", "PathObject")) {
                    elements(d, tag).forEach(e -> ids.add(e.getAttribute("ID")));
                }
            }
        }
        assertThat(ids).doesNotHaveDuplicates().doesNotContain(fontId);

        // The package signature holds.
        assertThat(problems(files)).isEmpty();
        assertSealed(files, card);
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'certificate.ofd-downloaded' and target_id = ?", Integer.class, card.identifier())).isOne();

        // One changed byte in the page: its digest no longer matches.
        Map<String, byte[]> changedPage = new LinkedHashMap<>(files);
        byte[] content = files.get("Doc_0/Pages/Page_0/Content.xml").clone();
        String text = new String(content, StandardCharsets.UTF_8).replace("社会保障卡电子凭证", "社会保障卡电子凭正");
        changedPage.put("Doc_0/Pages/Page_0/Content.xml", text.getBytes(StandardCharsets.UTF_8));
        assertThat(problems(unzip(rezip(changedPage)))).containsExactly("digest:Doc_0/Pages/Page_0/Content.xml");
        // A changed digest inside Signature.xml: the SM2 signature no longer holds.
        Map<String, byte[]> changedSignature = new LinkedHashMap<>(changedPage);
        Document signature = xml(files.get(OfdPackage.SIGNATURE_PATH));
        String pageDigest = Base64.getEncoder().encodeToString(OfdPackage.sm3(changedPage.get(
                "Doc_0/Pages/Page_0/Content.xml")));
        String original = elements(signature, "Reference").stream()
                .filter(r -> r.getAttribute("FileRef").equals("/Doc_0/Pages/Page_0/Content.xml")).findFirst()
                .orElseThrow().getTextContent();
        changedSignature.put(OfdPackage.SIGNATURE_PATH, new String(files.get(OfdPackage.SIGNATURE_PATH),
                StandardCharsets.UTF_8).replace(original, pageDigest).getBytes(StandardCharsets.UTF_8));
        assertThat(problems(changedSignature)).containsExactly("signature");
    }

    /**
     * GB/T 33190 §18 with a GB/T 38540 seal: Signatures.xml names a seal, Signature.xml places the stamp on page 1
     * and points to Seal.esl, which is the SESeal inside the SES_Signature: header ES/4/vendor, the body's name, its
     * signing certificate in the list, a PNG picture of a red seal, signed by the body's key.
     */
    private void assertSealed(Map<String, byte[]> files, CertificateView card) throws Exception {
        assertThat(elements(xml(files.get(OfdPackage.SIGNATURES_PATH)), "Signature").getFirst().getAttribute("Type"))
                .isEqualTo("Seal");
        Document signature = xml(files.get(OfdPackage.SIGNATURE_PATH));
        String firstPage = elements(xml(files.get("Doc_0/Document.xml")), "Page").getFirst().getAttribute("ID");
        Element stamp = elements(signature, "StampAnnot").getFirst();
        assertThat(stamp.getAttribute("PageRef")).isEqualTo(firstPage);
        assertThat(stamp.getAttribute("Boundary").split(" ")).hasSize(4).endsWith("40", "40");
        assertThat(elements(signature, "BaseLoc").getFirst().getTextContent()).isEqualTo("/" + OfdPackage.SEAL_PATH);

        ElectronicSeal.Signature ses = ElectronicSeal.readSignature(files.get(OfdPackage.SIGNED_VALUE_PATH));
        assertThat(ses.version()).isEqualTo(4);
        assertThat(ses.algorithm()).isEqualTo("1.2.156.10197.1.501");
        assertThat(ses.propertyInfo()).isEqualTo("/" + OfdPackage.SIGNATURE_PATH);
        // GB/T 20520: the signature value is time-stamped by the platform's authority, under the same root.
        assertThat(ses.timeStamped()).isTrue();
        var timeStamp = org.tongban.certificates.internal.TimeStamps.verify(ses.timeStamp(), ses.signature(),
                List.of(trust.root())).orElseThrow();
        assertThat(timeStamp.authority().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(timeStamp.time()).isBetween(ses.time().minusSeconds(1), ses.time().plusSeconds(60));
        assertThat(jdbc.queryForObject("select purpose from certificates_time_stamp where serial = ?", String.class,
                new java.math.BigDecimal(timeStamp.serial()))).isEqualTo(card.identifier());
        ElectronicSeal.Seal seal = ses.seal();
        assertThat(seal.der()).isEqualTo(files.get(OfdPackage.SEAL_PATH));
        assertThat(List.of(seal.headerId(), seal.version(), seal.vendor())).containsExactly("ES", 4, "Tongban");
        assertThat(seal.info().name()).isEqualTo(card.issuerName() + "电子证照专用章");
        assertThat(seal.info().esId()).startsWith(card.issuerCode());
        assertThat(seal.info().type()).isEqualTo(1);
        assertThat(seal.info().certificates()).hasSize(1);
        assertThat(seal.info().certificates().getFirst()).isEqualTo(ses.signerCertificate());
        assertThat(seal.makerCertificate()).isEqualTo(ses.signerCertificate());
        assertThat(seal.info().validStart()).isBefore(ses.time());
        assertThat(seal.info().validEnd()).isAfter(ses.time());
        assertThat(Sm2.verify(Sm2.readCertificate(seal.makerCertificate()).getPublicKey(), seal.signedContent(),
                seal.signedValue())).isTrue();
        assertThat(seal.info().pictureType()).isEqualTo("PNG");
        assertThat(List.of(seal.info().widthMm(), seal.info().heightMm())).containsExactly(40, 40);
        var image = javax.imageio.ImageIO.read(new ByteArrayInputStream(seal.info().picture()));
        assertThat(image.getWidth()).isEqualTo(image.getHeight());
        // A red ring at the top edge (the ring is drawn 2.5% in from the border), transparent at the corner.
        var ring = new java.awt.Color(image.getRGB(image.getWidth() / 2, (int) (image.getHeight() * 0.025)), true);
        assertThat(ring.getRed()).isGreaterThan(150);
        assertThat(ring.getGreen()).isLessThan(80);
        assertThat(new java.awt.Color(image.getRGB(0, 0), true).getAlpha()).isZero();
        // The star fills the centre.
        assertThat(new java.awt.Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2), true).getRed())
                .isGreaterThan(150);
    }

    @Test
    void anotherPersonCannotDownloadTheOfd() throws Exception {
        Person holder = register("欧九");
        Person other = register("欧十");
        CertificateView card = card(holder);
        mvc.perform(get("/api/v1/certificates/{id}/ofd", card.id()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/account/certificates/{id}/ofd", card.id()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/certificates/{id}/ofd", card.id())).andExpect(status().isUnauthorized());
        mvc.perform(get("/account/certificates/{id}/ofd", card.id()).cookie(holder.session()))
                .andExpect(status().isOk()).andExpect(content().contentType("application/ofd"));
    }

    private String serverVerdict(byte[] ofd) throws Exception {
        return mvc.perform(post("/api/v1/certificates/verification").contentType("application/ofd").content(ofd))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String offline(java.nio.file.Path directory, String name, byte[] ofd, String rootPem)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.write(directory.resolve(name), ofd);
        java.nio.file.Path root = java.nio.file.Files.writeString(directory.resolve(name + ".root.pem"), rootPem);
        var out = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(new String[] { file.toString(), "--root", root.toString() },
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(exit).isEqualTo(first.startsWith("VALID") ? 0 : 1);
        return first;
    }

    private static List<Byte> toList(byte[] data) {
        List<Byte> list = new ArrayList<>(data.length);
        for (byte b : data) {
            list.add(b);
        }
        return list;
    }

    private static byte[] flip(byte[] data, int index) {
        byte[] copy = data.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    @Test
    void theOfflineVerifierAndTheServerAgreeOnTheSealedOfdAndBothSeeOneFlippedByte(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        Person holder = register("欧十一");
        CertificateView card = card(holder);
        byte[] ofd = mvc.perform(get("/api/v1/certificates/{id}/ofd", card.id()).cookie(holder.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String root = mvc.perform(get("/api/v1/certificates/root-ca.pem")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        // Untouched: valid offline (with only the root CA certificate) and on the server, API and page.
        assertThat(offline(directory, "a.ofd", ofd, root)).startsWith("VALID: " + card.identifier())
                .contains(card.issuerName() + "电子证照专用章");
        assertThat(serverVerdict(ofd)).contains("\"status\":\"VALID\"").contains(card.identifier())
                .containsPattern("\"timeStampedAt\":\"20\\d\\d-");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/certificates/verify")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "c.ofd", "application/ofd", ofd))
                .with(csrf())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification-status\">有效<")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*id=\"time-stamp\">20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d（北京时间.*")));

        // One flipped byte in a content file: both say tampered and name the file.
        Map<String, byte[]> files = unzip(ofd);
        String pagePath = "Doc_0/Pages/Page_0/Content.xml";
        byte[] page = files.get(pagePath);
        int at = new String(page, StandardCharsets.ISO_8859_1).indexOf(card.number());
        Map<String, byte[]> changedPage = new LinkedHashMap<>(files);
        changedPage.put(pagePath, flip(page, at));
        byte[] tamperedPage = rezip(changedPage);
        assertThat(offline(directory, "b.ofd", tamperedPage, root)).startsWith("TAMPERED").contains(pagePath);
        assertThat(serverVerdict(tamperedPage)).contains("\"status\":\"TAMPERED\"").contains(pagePath);

        // One flipped byte in the SM2 signature value (its last byte): the signature fails, and so does the time
        // stamp, which is over that value.
        Map<String, byte[]> changedSignature = new LinkedHashMap<>(files);
        byte[] signedValue = files.get(OfdPackage.SIGNED_VALUE_PATH);
        byte[] sm2 = ElectronicSeal.readSignature(signedValue).signature();
        int sm2End = java.util.Collections.indexOfSubList(toList(signedValue), toList(sm2)) + sm2.length - 1;
        changedSignature.put(OfdPackage.SIGNED_VALUE_PATH, flip(signedValue, sm2End));
        byte[] tamperedSignature = rezip(changedSignature);
        assertThat(offline(directory, "c.ofd", tamperedSignature, root)).startsWith("TAMPERED").contains("signature")
                .contains("time-stamp");
        assertThat(serverVerdict(tamperedSignature)).contains("\"status\":\"TAMPERED\"")
                .contains("\"signature\"");

        // One flipped byte in the time-stamp token (the last byte of SES_Signature is its signature's).
        Map<String, byte[]> changedStamp = new LinkedHashMap<>(files);
        changedStamp.put(OfdPackage.SIGNED_VALUE_PATH, flip(signedValue, signedValue.length - 1));
        byte[] tamperedStamp = rezip(changedStamp);
        assertThat(offline(directory, "c2.ofd", tamperedStamp, root)).isEqualTo("TAMPERED: changed: time-stamp");
        assertThat(serverVerdict(tamperedStamp)).contains("\"status\":\"TAMPERED\"").contains("\"time-stamp\"");

        // A changed seal file: it is no longer the seal the signature covers.
        Map<String, byte[]> changedSeal = new LinkedHashMap<>(files);
        byte[] seal = files.get(OfdPackage.SEAL_PATH);
        changedSeal.put(OfdPackage.SEAL_PATH, flip(seal, seal.length / 2));
        byte[] tamperedSeal = rezip(changedSeal);
        assertThat(offline(directory, "d.ofd", tamperedSeal, root)).startsWith("TAMPERED").contains("seal");
        assertThat(serverVerdict(tamperedSeal)).contains("\"status\":\"TAMPERED\"").contains("\"seal\"");

        // A file added that no digest covers.
        Map<String, byte[]> added = new LinkedHashMap<>(files);
        added.put("Doc_0/Pages/Page_1/Content.xml", page);
        assertThat(offline(directory, "e.ofd", rezip(added), root)).startsWith("TAMPERED")
                .contains("unsigned:Doc_0/Pages/Page_1/Content.xml");
        assertThat(serverVerdict(rezip(added))).contains("\"status\":\"TAMPERED\"");

        // Not an OFD at all: 400 on the server, MALFORMED offline.
        byte[] notOfd = rezip(Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        mvc.perform(post("/api/v1/certificates/verification").contentType("application/ofd").content(notOfd))
                .andExpect(status().isBadRequest());
        assertThat(offline(directory, "f.ofd", notOfd, root)).startsWith("MALFORMED");
    }

    @Test
    void anOfdSealedWithAKeyOutsideTheTrustListIsRejectedOfflineAndOnTheServer(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        Person holder = register("欧十二");
        CertificateView card = card(holder);
        String root = mvc.perform(get("/api/v1/certificates/root-ca.pem")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        // A forger's own root and a signing certificate naming the real body: intact, but not trusted.
        var now = java.time.Instant.now();
        var forgerRoot = Sm2.newKeyPair();
        var forgerRootCertificate = Sm2.certificate("伪造的根", null, forgerRoot.getPublic(), null,
                forgerRoot.getPrivate(), true, now.minusSeconds(86_400), now.plusSeconds(86_400 * 30));
        var forged = Sm2.newKeyPair();
        var forgedCertificate = Sm2.certificate(card.issuerName(), card.issuerCode(), forged.getPublic(),
                forgerRootCertificate, forgerRoot.getPrivate(), false, now.minusSeconds(86_400),
                now.plusSeconds(86_400 * 30));
        byte[] seal = ElectronicSeal.seal(new ElectronicSeal.SealInfo(card.issuerCode() + "-forged",
                ElectronicSeal.TYPE_ORGANIZATION, card.issuerName() + "电子证照专用章",
                List.of(forgedCertificate.getEncoded()), now, now.minusSeconds(86_400), now.plusSeconds(86_400 * 30),
                "PNG", org.tongban.certificates.internal.SealImage.png(card.issuerName(), "电子证照专用章",
                        java.util.Optional.empty()), 40, 40), forgedCertificate, forged.getPrivate());
        byte[] ofd = OfdPackage.write(new OfdPackage.Content("社会保障卡", card.issuerName(), "编号：" + card.number(),
                List.of(List.of("证照编号", card.number())), List.of("伪造"), card.issuerName(), "2026年11月24日",
                null, Map.of("ZZBS", card.identifier(), "ZZYXQJZRQ", "长期")),
                new OfdPackage.Signer(UUID.randomUUID().toString(), card.issuerName(), forged.getPrivate(),
                        forgedCertificate, seal, null), now);

        assertThat(offline(directory, "forged.ofd", ofd, root)).startsWith("UNTRUSTED");
        assertThat(serverVerdict(ofd)).contains("\"status\":\"TAMPERED\"").contains("signer-certificate");
        // Trusting the forger's root (a second certificate in the trust file) makes it verify: the trust list decides.
        assertThat(offline(directory, "forged2.ofd", ofd, root + Sm2.pem(forgerRootCertificate))).startsWith("VALID");
    }

    /** A copy of {@code permit} sealed with the body's {@code key} at the time it claims, stamped by {@code stamper}. */
    private static byte[] sealedCopy(CertificateView permit,
            org.tongban.certificates.internal.TrustStore.SigningKey key, java.time.Instant claimed,
            java.util.function.UnaryOperator<byte[]> stamper) throws Exception {
        var certificate = key.certificate();
        byte[] seal = ElectronicSeal.seal(new ElectronicSeal.SealInfo(permit.issuerCode() + "-" + key.id(),
                ElectronicSeal.TYPE_ORGANIZATION, permit.issuerName() + "电子证照专用章",
                List.of(certificate.getEncoded()), claimed, certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), "PNG", org.tongban.certificates.internal.SealImage.png(
                        permit.issuerName(), "电子证照专用章", java.util.Optional.empty()), 40, 40),
                certificate, key.privateKey());
        return OfdPackage.write(new OfdPackage.Content("建设工程规划许可证", permit.issuerName(), "编号：" + permit.number(),
                List.of(List.of("证照编号", permit.number())), List.of("正文"), permit.issuerName(), "2026年11月24日",
                null, Map.of("ZZBS", permit.identifier(), "ZZYXQJZRQ", "长期")),
                new OfdPackage.Signer(key.id().toString(), permit.issuerName(), key.privateKey(), certificate, seal,
                        stamper), claimed);
    }

    @Test
    void aCopySealedBeforeItsKeyWasRevokedStaysValidByItsTimeStampAndABareClaimOfAnEarlierTimeDoesNot()
            throws Exception {
        // The natural-resources body's keys are revoked by tests only (here and in CertificatesIntegrationTests).
        var body = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.NATURAL_RESOURCES).findFirst().orElseThrow();
        CertificateView permit = certificates.issue(new IssueRequest("11100000MB0T000500001", body.id(),
                Holder.company("沈阳时间戳测试有限公司", org.tongban.shared.UnifiedSocialCreditCode.withCheckCharacter(
                        "91210106MA0TD" + "%04d".formatted(SEQUENCE.incrementAndGet())).value()),
                Map.of("JSXM", "测试楼", "JSWZ", "浑南区", "JSGM", "1000平方米"), null, "OFFICER", null, null));
        var key = trust.signingKey(body);
        java.time.Instant sealedAt = java.time.Instant.now();
        java.util.function.UnaryOperator<byte[]> authority = signature -> timeStamps.stamp(signature,
                permit.identifier());
        byte[] stamped = sealedCopy(permit, key, sealedAt, authority);
        byte[] bare = sealedCopy(permit, key, sealedAt, null);
        assertThat(serverVerdict(stamped)).contains("\"status\":\"VALID\"");
        assertThat(serverVerdict(bare)).contains("\"status\":\"VALID\"");

        Thread.sleep(5);
        trust.retire(body.id(), java.time.Instant.now());
        Thread.sleep(5);

        // The stamp proves the seal existed before the revocation; the time a bare signature claims proves nothing.
        assertThat(serverVerdict(stamped)).contains("\"status\":\"VALID\"");
        assertThat(serverVerdict(bare)).contains("\"status\":\"TAMPERED\"").contains("signer-certificate");
        // Whoever holds the revoked key seals now and backdates the claim: the authority stamps the real time.
        byte[] backdated = sealedCopy(permit, key, sealedAt, authority);
        assertThat(serverVerdict(backdated)).contains("\"status\":\"TAMPERED\"").contains("signer-certificate");
        // Offline, without the server's revocation list, all three are intact and trusted.
        String root = Sm2.pem(trust.root());
        assertThat(OfflineVerifier.verifyOfd(stamped, Sm2.readCertificates(root), java.time.Instant.now()).detail())
                .contains("time-stamped");
        assertThat(OfflineVerifier.verifyOfd(bare, Sm2.readCertificates(root), java.time.Instant.now()).detail())
                .contains("no time stamp");
    }
}

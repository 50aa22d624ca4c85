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

    /** What a verifier of the package does: every referenced file's SM3, then the SM2 signature of Signature.xml. */
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
        var signer = Sm2.readCertificate(certificates.signingCertificatePem(UUID.fromString(keyId)));
        if (!Sm2.verify(signer.getPublicKey(), files.get(OfdPackage.SIGNATURE_PATH),
                files.get(OfdPackage.SIGNED_VALUE_PATH))) {
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
}

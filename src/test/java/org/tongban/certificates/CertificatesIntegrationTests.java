package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@TongbanIntegrationTest
class CertificatesIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final String APPROVER = "13800000004"; // 沈阳市浑南区市场监督管理局, reviewer + approver
    private static final String WINDOW = "13800000003"; // same body, window officer
    private static final String PROVINCE_ADMIN = "13800000002"; // a province body
    private static final String BUSINESS_LICENCE = "11100000MB0T00010U001";
    private static final String SOCIAL_SECURITY = "11100000MB0T00040Y001";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Certificates certificates;
    @Autowired
    Organization organization;

    record Person(String name, String id, Cookie session, UUID account) {
    }

    private Person register(String name) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        CaseFixtures.Resident r = CaseFixtures.register(mvc, jdbc, name, "21010619770707" + "%03d".formatted(n),
                "1337707%04d".formatted(n), PASSWORD, 0);
        return new Person(name, r.idNumber(), r.session(), r.account());
    }

    private Cookie signIn(String identifier, String password) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", password))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    private BodySummary hunnan(BodyCategory category) {
        return organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == category).findFirst().orElseThrow();
    }

    private static String creditCode() {
        return UnifiedSocialCreditCode.withCheckCharacter("91210106MA0TC" + "%04d".formatted(SEQUENCE
                .incrementAndGet())).value();
    }

    private CertificateView socialSecurityCard(Person person) {
        return certificates.issue(new IssueRequest(SOCIAL_SECURITY, hunnan(BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY)
                .id(), Holder.account(person.account()), Map.of("SBKH", "210106D1560" + SEQUENCE.get(), "CBD",
                        "辽宁省沈阳市"), null, "CASE", "TEST-CASE-" + SEQUENCE.get(), null));
    }

    private JsonNode issueLicence(Cookie officer, String companyName, String creditCode) throws Exception {
        String body = JSON.writeValueAsString(Map.of("typeCode", BUSINESS_LICENCE, "holderName", companyName,
                "holderCode", creditCode, "data", Map.of("QYLX", "有限责任公司", "FDDBR", "赵六", "ZCZB", "50万元人民币",
                        "CLRQ", "2025-01-02", "ZS", "沈阳市浑南区测试路1号", "JYFW", "软件开发")));
        String response = mvc.perform(post("/api/v1/certificates").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JSON.readTree(response);
    }

    private JsonNode verify(String identifier, String code) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/v1/certificates/verification").param("identifier", identifier)
                        .param("code", code))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode verifyDocument(String document) throws Exception {
        return JSON.readTree(mvc.perform(post("/api/v1/certificates/verification")
                        .contentType(MediaType.APPLICATION_JSON).content(document))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private String download(Person person, UUID id) throws Exception {
        return mvc.perform(get("/account/certificates/" + id + "/signed").cookie(person.session()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void demoResidentSeesHisDemoCertificatesInTheWallet() throws Exception {
        Cookie zhangSan = signIn("13800000010", DEMO_PASSWORD);

        mvc.perform(get("/account/certificates").cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("社会保障卡电子凭证")))
                .andExpect(content().string(containsString("户口登记证明")))
                .andExpect(content().string(not(containsString("食品经营许可证"))));
    }

    @Test
    void issuesAPersonsCertificateSignedAndNumberedThatVerifiesAsValid() throws Exception {
        Person holder = register("孙一");
        CertificateView issued = socialSecurityCard(holder);

        assertThat(CertificateIdentifier.parse(issued.identifier()).typeCode()).isEqualTo(SOCIAL_SECURITY);
        assertThat(issued.identifier()).startsWith("1.2.156.3005.2." + SOCIAL_SECURITY + "."
                + hunnan(BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY).creditCode() + ".");
        assertThat(issued.version()).isEqualTo(1);
        assertThat(issued.validUntil()).isEqualTo(LocalDate.now(Certificates.ZONE).plusYears(10).minusDays(1));
        assertThat(issued.holderCodeMasked()).isEqualTo(holder.id().substring(0, 4) + "**********"
                + holder.id().substring(14));
        // The ID number is encrypted at rest: nowhere in the row in clear.
        String row = jdbc.queryForObject("select row_to_json(c)::text from certificates_certificate c where id = ?",
                String.class, issued.id());
        assertThat(row).doesNotContain(holder.id()).contains(issued.identifier());

        JsonNode result = verify(issued.identifier(), issued.verificationCode());
        assertThat(result.get("status").asString()).isEqualTo("VALID");
        assertThat(result.get("holderNameMasked").asString()).isEqualTo("孙*");
        assertThat(result.toString()).doesNotContain(holder.id());

        mvc.perform(get("/account/certificates").cookie(holder.session()))
                .andExpect(content().string(containsString("/account/certificates/" + issued.id())));
        mvc.perform(get("/account/certificates/" + issued.id()).cookie(holder.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(issued.identifier())))
                .andExpect(content().string(containsString("<svg")));
    }

    @Test
    void theHolderDownloadsAPrintablePdfWithTheFieldsTheIdentifierAndAQrCodeOfTheVerificationPage() throws Exception {
        Person holder = register("周打印");
        Person other = register("吴打印");
        CertificateView issued = socialSecurityCard(holder);

        mvc.perform(get("/account/certificates").cookie(holder.session()))
                .andExpect(content().string(containsString("/account/certificates/" + issued.id() + "/pdf")));
        byte[] pdf = mvc.perform(get("/account/certificates/" + issued.id() + "/pdf").cookie(holder.session()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''")))
                .andReturn().getResponse().getContentAsByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s", "");
            assertThat(text).contains(issued.type().name(), issued.number(), issued.identifier(),
                    issued.issuerName(), issued.holderCodeMasked(), "辽宁省沈阳市", "有效期",
                    "/certificates/verify?identifier=");
            assertThat(text).doesNotContain(holder.id());
            // The QR code on the page carries the public verification address with the code.
            String scanned = scanQrCode(document);
            assertThat(scanned).contains("/certificates/verify?identifier=" + issued.identifier())
                    .contains("code=" + issued.verificationCode());
        }
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = "
                + "'certificate.pdf-downloaded' and target_id = ?", Integer.class, issued.identifier())).isEqualTo(1);
        // Someone else's certificate is not found, on the page and through the API.
        mvc.perform(get("/account/certificates/" + issued.id() + "/pdf").cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/certificates/" + issued.id() + "/pdf").cookie(other.session()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("certificates.not-found"));
        mvc.perform(get("/api/v1/certificates/" + issued.id() + "/pdf").cookie(holder.session()))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
    }

    /**
     * Scans the QR code of the last page as a phone would see it: the strip at the right margin where it is printed,
     * at a few resolutions.
     */
    private static String scanQrCode(org.apache.pdfbox.pdmodel.PDDocument document) throws Exception {
        Exception last = null;
        for (int dpi : new int[] { 150, 200, 300, 110 }) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(document)
                    .renderImageWithDPI(document.getNumberOfPages() - 1, dpi);
            int from = (int) (400 * dpi / 72f);
            int width = Math.min(page.getWidth() - from, (int) (150 * dpi / 72f));
            java.awt.image.BufferedImage strip = page.getSubimage(from, 0, width, page.getHeight());
            int[] pixels = strip.getRGB(0, 0, strip.getWidth(), strip.getHeight(), null, 0, strip.getWidth());
            try {
                return new com.google.zxing.qrcode.QRCodeReader().decode(
                        new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                                new com.google.zxing.RGBLuminanceSource(strip.getWidth(), strip.getHeight(), pixels))),
                        Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            } catch (com.google.zxing.ReaderException e) {
                last = e;
            }
        }
        throw new AssertionError("no readable QR code on the last page", last);
    }

    @Test
    void anotherCitizenCannotSeeDownloadOrAuthorizeSomeoneElsesCertificate() throws Exception {
        Person holder = register("钱二");
        Person other = register("李三");
        CertificateView issued = socialSecurityCard(holder);

        mvc.perform(get("/account/certificates/" + issued.id()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/certificates/" + issued.id() + "/signed").cookie(other.session()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("certificates.not-found"));
        mvc.perform(post("/api/v1/certificates/" + issued.id() + "/authorizations").with(csrf())
                        .cookie(other.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"grantee\":\"沈阳市浑南区市场监督管理局\",\"purpose\":\"x\",\"until\":\""
                                + org.tongban.ChinaTime.today().plusDays(3) + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/certificates/mine").cookie(other.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(issued.identifier()))));
        mvc.perform(get("/api/v1/certificates/mine"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("certificates.sign-in"));
    }

    @Test
    void theDownloadedSignedDataVerifiesAndATamperedByteIsNamedNeverValid() throws Exception {
        Person holder = register("周四");
        CertificateView issued = socialSecurityCard(holder);
        String document = download(holder, issued.id());

        assertThat(verifyDocument(document).get("status").asString()).isEqualTo("VALID");

        ObjectNode changedHolder = (ObjectNode) JSON.readTree(document);
        ((ObjectNode) changedHolder.get("payload")).put("CZZT", "周五");
        JsonNode tampered = verifyDocument(changedHolder.toString());
        assertThat(tampered.get("status").asString()).isEqualTo("TAMPERED");
        assertThat(tampered.get("tamperedFields").toString()).contains("CZZT");

        ObjectNode changedData = (ObjectNode) JSON.readTree(document);
        ((ObjectNode) changedData.get("payload").get("ZZXX")).put("CBD", "北京市");
        assertThat(verifyDocument(changedData.toString()).get("tamperedFields").toString()).contains("ZZXX.CBD");

        ObjectNode changedSignature = (ObjectNode) JSON.readTree(document);
        String signature = changedSignature.get("signature").asString();
        changedSignature.put("signature", (signature.charAt(10) == 'A' ? "B" : "A") + signature.substring(1, 10)
                .replaceAll(".", "A") + signature.substring(11));
        JsonNode badSignature = verifyDocument(changedSignature.toString());
        assertThat(badSignature.get("status").asString()).isEqualTo("TAMPERED");
        assertThat(badSignature.get("tamperedFields").toString()).contains("signature");

        mvc.perform(post("/api/v1/certificates/verification").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hello\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("certificates.document.malformed"));
    }

    @Test
    void malformedIdentifiersAre400WithTheCheckExplainedAndAWrongCodeIsUnknown() throws Exception {
        Person holder = register("吴五");
        CertificateView issued = socialSecurityCard(holder);
        String identifier = issued.identifier();
        char check = identifier.charAt(identifier.length() - 1);
        String wrongCheck = identifier.substring(0, identifier.length() - 1) + (check == 'A' ? 'B' : 'A');

        mvc.perform(get("/api/v1/certificates/verification").param("identifier", wrongCheck).param("code", "X"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("certificates.identifier.check"))
                .andExpect(jsonPath("$.detail").value(containsString(String.valueOf(check))));
        mvc.perform(get("/api/v1/certificates/verification").param("identifier", "1.2.3").param("code", "X"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("certificates.identifier.format"));
        assertThat(verify(identifier, "WRONG123").get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(verify(identifier, "WRONG123").get("holderNameMasked").isNull()).isTrue();

        mvc.perform(get("/certificates/verify").param("identifier", identifier)
                        .param("code", issued.verificationCode()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification-status\">有效<")));
        mvc.perform(get("/certificates/verify").param("identifier", wrongCheck).param("code", "X"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("校验位")));
    }

    @Test
    void aBatchIsAnsweredInOrderLikeSingleVerificationsAndAMalformedIdentifierRefusesTheWholeBatch() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        JsonNode valid = issueLicence(officer, "沈阳批量核验甲有限公司", creditCode());
        JsonNode revoked = issueLicence(officer, "沈阳批量核验乙有限公司", creditCode());
        mvc.perform(post("/api/v1/certificates/issued/" + revoked.get("id").asString() + "/revocation").with(csrf())
                        .cookie(officer).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"依法吊销\"}"))
                .andExpect(status().isOk());
        String validId = valid.get("identifier").asString();
        String revokedId = revoked.get("identifier").asString();
        var queries = List.of(
                Map.of("identifier", revokedId, "code", revoked.get("verificationCode").asString()),
                Map.of("identifier", validId, "code", valid.get("verificationCode").asString().toLowerCase()),
                Map.of("identifier", validId, "code", "WRONG123"),
                Map.of("identifier", validId, "code", valid.get("verificationCode").asString()));
        JsonNode results = JSON.readTree(mvc.perform(post("/api/v1/certificates/verifications")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("queries", queries))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("results");
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.get(0).get("status").asString()).isEqualTo("REVOKED");
        assertThat(results.get(0).get("statusReason").asString()).isEqualTo("依法吊销");
        assertThat(results.get(1).get("status").asString()).as("the code as typed, any case").isEqualTo("VALID");
        assertThat(results.get(2).get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(results.get(2).get("holderNameMasked").isNull()).isTrue();
        assertThat(results.get(3)).isEqualTo(verify(validId, valid.get("verificationCode").asString()));

        char check = validId.charAt(validId.length() - 1);
        String wrongCheck = validId.substring(0, validId.length() - 1) + (check == 'A' ? 'B' : 'A');
        mvc.perform(post("/api/v1/certificates/verifications").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("queries", List.of(
                                Map.of("identifier", validId, "code", "X"), Map.of("identifier", wrongCheck, "code", "X"),
                                Map.of("identifier", "1.2.3", "code", "X"))))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("certificates.verification.batch-invalid"))
                .andExpect(jsonPath("$.errors[0].field").value("queries[1].identifier"))
                .andExpect(jsonPath("$.errors[0].code").value("certificates.identifier.check"))
                .andExpect(jsonPath("$.errors[1].field").value("queries[2].identifier"))
                .andExpect(jsonPath("$.errors[1].code").value("certificates.identifier.format"));
        mvc.perform(post("/api/v1/certificates/verifications").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"queries\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("certificates.verification.batch-size"));
        var tooMany = java.util.Collections.nCopies(CertificateVerification.MAX_BATCH + 1,
                Map.of("identifier", validId, "code", "X"));
        mvc.perform(post("/api/v1/certificates/verifications").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("queries", tooMany))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("100")));
        mvc.perform(post("/api/v1/certificates/verifications").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"queries\": 1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void officerIssuesALicenceThatTheCompanyAgentSeesAndRevokesItWithAReason() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        String code = creditCode();
        JsonNode issued = issueLicence(officer, "沈阳测试科技有限公司", code);
        String identifier = issued.get("identifier").asString();
        String verification = issued.get("verificationCode").asString();
        assertThat(identifier).contains("." + BUSINESS_LICENCE + ".");
        assertThat(verify(identifier, verification).get("holderNameMasked").asString()).isEqualTo("沈阳测试科技有限公司");

        mvc.perform(post("/api/v1/certificates/issued/" + issued.get("id").asString() + "/revocation").with(csrf())
                        .cookie(officer).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("certificates.data.invalid"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("reason")));
        mvc.perform(post("/api/v1/certificates/issued/" + issued.get("id").asString() + "/revocation").with(csrf())
                        .cookie(officer).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"依法吊销\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"));

        JsonNode revoked = verify(identifier, verification);
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("statusReason").asString()).isEqualTo("依法吊销");
        mvc.perform(post("/api/v1/certificates/issued/" + issued.get("id").asString() + "/suspension").with(csrf())
                        .cookie(officer).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"再次\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("certificates.status.conflict"));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'certificates' "
                + "and action = 'certificate.revoked' and target_id = ?", Integer.class, identifier)).isEqualTo(1);
    }

    @Test
    void suspensionAndRenewalChangeWhatVerifiersAreTold() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        JsonNode issued = issueLicence(officer, "沈阳换证测试有限公司", creditCode());
        String id = issued.get("id").asString();
        String identifier = issued.get("identifier").asString();
        String code = issued.get("verificationCode").asString();

        mvc.perform(post("/api/v1/certificates/issued/" + id + "/suspension").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"责令整改\"}"))
                .andExpect(status().isOk());
        assertThat(verify(identifier, code).get("status").asString()).isEqualTo("SUSPENDED");
        mvc.perform(post("/api/v1/certificates/issued/" + id + "/reinstatement").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"整改完成\"}"))
                .andExpect(status().isOk());
        assertThat(verify(identifier, code).get("status").asString()).isEqualTo("VALID");

        JsonNode renewed = JSON.readTree(mvc.perform(post("/api/v1/certificates/issued/" + id + "/renewal")
                        .with(csrf()).cookie(officer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ZS\":\"沈阳市浑南区新地址2号\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(renewed.get("version").asInt()).isEqualTo(2);
        assertThat(renewed.get("identifier").asString()).contains(".002.");
        assertThat(verify(identifier, code).get("status").asString()).isEqualTo("REPLACED");
        assertThat(verify(renewed.get("identifier").asString(), renewed.get("verificationCode").asString())
                .get("status").asString()).isEqualTo("VALID");
    }

    @Test
    void issuanceValidatesTheMetadataAgainstTheTypesSchemaAndTheIssuersCategory() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        mvc.perform(post("/api/v1/certificates").with(csrf()).cookie(officer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("typeCode", BUSINESS_LICENCE, "holderName", "某公司",
                                "holderCode", "91210106MA0TC00000", "data", Map.of("QYLX", "有限责任公司",
                                        "CLRQ", "2025-13-40", "BOGUS", "x")))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("certificates.data.invalid"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("holderCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("CLRQ")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("JYFW")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("BOGUS")));
        // A market regulator does not issue social security certificates.
        mvc.perform(post("/api/v1/certificates").with(csrf()).cookie(officer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("typeCode", SOCIAL_SECURITY, "holderName", "某人",
                                "holderCode", "110105194912310029", "data", Map.of()))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.issue.not-issuer"));
        // A window officer is not an approver.
        mvc.perform(post("/api/v1/certificates").with(csrf()).cookie(signIn(WINDOW, DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of(
                                "typeCode", BUSINESS_LICENCE, "holderName", "某公司", "holderCode", creditCode(),
                                "data", Map.of()))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.issue.not-officer"));
    }

    @Test
    void theWorkbenchFormKeepsWhatWasTypedAndShowsFieldErrors() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        mvc.perform(post("/workbench/certificates").with(csrf()).cookie(officer).param("type", BUSINESS_LICENCE)
                        .param("holderName", "保留名称有限公司").param("holderCode", "123")
                        .param("data.ZS", "保留的住所"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("value=\"保留名称有限公司\"")))
                .andExpect(content().string(containsString("value=\"保留的住所\"")))
                .andExpect(content().string(containsString("请填写“经营范围”")));
    }

    @Test
    void authorizedUseIsAllowedForThePurposeAndLoggedAndEverythingElseIsRefusedAndLogged() throws Exception {
        Person holder = register("郑六");
        CertificateView issued = socialSecurityCard(holder);
        BodySummary market = hunnan(BodyCategory.MARKET_REGULATION);
        Cookie window = signIn(WINDOW, DEMO_PASSWORD);
        String purpose = "办理个体工商户登记核验参保信息";

        // No authorization yet: refused, and the refusal is logged.
        mvc.perform(post("/api/v1/certificates/uses").with(csrf()).cookie(window)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                Map.of("identifier", issued.identifier(), "purpose", purpose))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.use.not-authorized"));

        // The holder authorizes the market regulator for that purpose; a purpose is required.
        mvc.perform(post("/account/certificates/" + issued.id() + "/authorizations").with(csrf())
                        .cookie(holder.session()).param("grantee", market.name()).param("purpose", "")
                        .param("until", org.tongban.ChinaTime.today().plusDays(10).toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select count(*) from certificates_authorization where certificate_id = ?",
                Integer.class, issued.id())).isZero();
        mvc.perform(post("/account/certificates/" + issued.id() + "/authorizations").with(csrf())
                        .cookie(holder.session()).param("grantee", market.name()).param("purpose", purpose)
                        .param("until", org.tongban.ChinaTime.today().plusDays(10).toString()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(post("/api/v1/certificates/uses").with(csrf()).cookie(window)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                Map.of("identifier", issued.identifier(), "purpose", purpose))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.identifier").value(issued.identifier()))
                .andExpect(jsonPath("$.holderName").value("郑六"));
        mvc.perform(post("/api/v1/certificates/uses").with(csrf()).cookie(window)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                Map.of("identifier", issued.identifier(), "purpose", "别的用途"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.use.purpose-mismatch"));
        // Another body (the province's) has no authorization.
        mvc.perform(post("/api/v1/certificates/uses").with(csrf()).cookie(signIn(PROVINCE_ADMIN, DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                Map.of("identifier", issued.identifier(), "purpose", purpose))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.use.not-authorized"));

        // Expired: denied and logged.
        jdbc.update("update certificates_authorization set valid_until = now() - interval '1 minute' "
                + "where certificate_id = ?", issued.id());
        mvc.perform(post("/api/v1/certificates/uses").with(csrf()).cookie(window)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                                Map.of("identifier", issued.identifier(), "purpose", purpose))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.use.expired"));

        JsonNode ledger = JSON.readTree(mvc.perform(get("/api/v1/certificates/" + issued.id() + "/ledger")
                        .cookie(holder.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(ledger.get("uses")).hasSize(5);
        assertThat(ledger.get("uses").get(0).get("refusal").asString()).isEqualTo("certificates.use.expired");
        assertThat(ledger.get("uses").get(3).get("allowed").asBoolean()).isTrue();
        assertThat(ledger.get("uses").get(3).get("granteeName").asString()).isEqualTo(market.name());
        mvc.perform(get("/account/certificates/" + issued.id()).cookie(holder.session()))
                .andExpect(content().string(containsString(purpose)))
                .andExpect(content().string(containsString("授权已过期")));
    }

    @Autowired
    CertificateUse use;

    @Test
    void aCaseCanUseACertificateOnlyWithTheHoldersAuthorization() throws Exception {
        Person holder = register("冯七");
        CertificateView issued = socialSecurityCard(holder);
        Grantee theCase = Grantee.forCase("LN-TEST-" + SEQUENCE.incrementAndGet());

        assertThatThrownBy(() -> use.use(theCase, issued.identifier(), "申请材料免提交", null, "办件"))
                .isInstanceOfSatisfying(CertificateRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("certificates.use.not-authorized"));

        var signedIn = new org.tongban.identity.SignedIn(holder.account(), holder.name(), false, 1,
                java.util.Set.of(), null, null, null);
        use.authorize(signedIn, issued.id(), theCase, "申请材料免提交", LocalDate.now(Certificates.ZONE).plusDays(5));

        assertThat(use.use(theCase, issued.identifier(), "申请材料免提交", null, "办件").id()).isEqualTo(issued.id());
        assertThat(use.ledger(signedIn, issued.id()).uses()).extracting(UseView::allowed).containsExactly(true, false);
    }

    @Test
    void legacyImportIsValidatedAsAWholeAndIssuesAllOrNothing() throws Exception {
        Cookie officer = signIn(APPROVER, DEMO_PASSWORD);
        Map<String, String> data = Map.of("QYLX", "有限责任公司", "FDDBR", "钱九", "ZCZB", "10万元人民币",
                "CLRQ", "2019-05-06", "ZS", "沈阳市浑南区存量路3号", "JYFW", "零售");
        String first = creditCode();
        String second = creditCode();
        var rows = java.util.List.of(
                Map.of("typeCode", BUSINESS_LICENCE, "holderName", "存量一号有限公司", "holderCode", first, "data", data),
                Map.of("typeCode", BUSINESS_LICENCE, "holderName", "存量二号有限公司", "holderCode", second, "data", data),
                Map.of("typeCode", BUSINESS_LICENCE, "holderName", "存量三号有限公司", "holderCode", "91210106MA0TC9999X",
                        "data", Map.of("QYLX", "有限责任公司")));

        mvc.perform(post("/api/v1/certificates/legacy-import").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(rows)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field", hasItem("rows[2].holderCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("rows[2].JYFW")));
        assertThat(jdbc.queryForObject("select count(*) from certificates_certificate where holder_name like '存量%'",
                Integer.class)).isZero();

        mvc.perform(post("/api/v1/certificates/legacy-import").with(csrf()).cookie(officer)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(rows.subList(0, 2))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].source").value("LEGACY"));
    }

    @Test
    void anAgentActingForTheDemoCompanySeesItsLicencesBesideTheirOwn() throws Exception {
        Person agent = register("褚十");
        var actingFor = new org.tongban.identity.ActingFor(UUID.randomUUID(), "沈阳浑南通办科技有限公司（演示）",
                "91210112MA0TB00116", java.util.Set.of(), org.tongban.ChinaTime.today().plusDays(30));
        var signedIn = new org.tongban.identity.SignedIn(agent.account(), agent.name(), false, 2, java.util.Set.of(),
                null, null, actingFor);

        Certificates.Wallet wallet = certificates.wallet(signedIn);

        assertThat(wallet.own()).isEmpty();
        assertThat(wallet.company()).extracting(c -> c.type().name()).contains("营业执照", "食品经营许可证");
        CertificateView licence = wallet.company().stream().filter(c -> c.type().name().equals("营业执照"))
                .findFirst().orElseThrow();
        assertThat(certificates.forHolder(signedIn, licence.id()).holderName()).isEqualTo("沈阳浑南通办科技有限公司（演示）");
        var self = new org.tongban.identity.SignedIn(agent.account(), agent.name(), false, 2, java.util.Set.of(), null,
                null, null);
        assertThatThrownBy(() -> certificates.forHolder(self, licence.id()))
                .isInstanceOf(CertificateRefusedException.class);
    }

    @Test
    void theVerificationPageAcceptsAnUploadedFileAndSaysTampered() throws Exception {
        Person holder = register("卫十一");
        CertificateView issued = socialSecurityCard(holder);
        String document = download(holder, issued.id());
        ObjectNode changed = (ObjectNode) JSON.readTree(document);
        ((ObjectNode) changed.get("payload")).put("ZZYXQJZRQ", "2099-12-31");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/certificates/verify")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "c.json", "application/json",
                                changed.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification-status\">已被篡改<")))
                .andExpect(content().string(containsString("ZZYXQJZRQ")));
        mvc.perform(post("/certificates/verify").with(csrf()).param("document", document))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification-status\">有效<")));
        mvc.perform(post("/certificates/verify").with(csrf()).param("document", "not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("签名数据")));
    }

    @Autowired
    CertificateTypes types;

    @Test
    void everyTypeCodeIsAValidMinistryCreditCodeAndThreeDigitsAndCatalogueResultsFindTheirType() throws Exception {
        assertThat(types.all()).hasSizeGreaterThanOrEqualTo(19);
        for (CertificateType type : types.all()) {
            assertThat(type.code()).matches("[0-9A-Z]{18}[0-9]{3}").startsWith(type.ministryCode());
            assertThat(UnifiedSocialCreditCode.isValid(type.ministryCode())).as(type.code()).isTrue();
            assertThat(BodyCategory.valueOf(type.issuerCategory())).isNotNull();
            assertThat(type.fields()).isNotEmpty();
        }
        assertThat(types.forResult("营业执照")).map(CertificateType::code).contains(BUSINESS_LICENCE);
        assertThat(types.forResult("建设工程规划许可证")).isPresent();
        assertThat(types.forResult("行政处罚决定书")).isEmpty();
        mvc.perform(get("/api/v1/certificates/types")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", hasItem(BUSINESS_LICENCE)));
    }

    @Autowired
    org.tongban.certificates.internal.TrustStore trust;

    @Test
    void theOfflineVerifierAgreesWithTheServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        Person holder = register("陈八");
        CertificateView issued = socialSecurityCard(holder);
        String document = download(holder, issued.id());
        String root = mvc.perform(get("/api/v1/certificates/root-ca.pem")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        java.nio.file.Path rootFile = java.nio.file.Files.writeString(directory.resolve("root.pem"), root);
        java.nio.file.Path file = java.nio.file.Files.writeString(directory.resolve("c.json"), document);
        var out = new java.io.ByteArrayOutputStream();

        assertThat(OfflineVerifier.run(new String[] { file.toString(), "--root", rootFile.toString() },
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("VALID: " + issued.identifier());
        assertThat(verifyDocument(document).get("status").asString()).isEqualTo("VALID");

        ObjectNode changed = (ObjectNode) JSON.readTree(document);
        ((ObjectNode) changed.get("payload")).put("ZZYXQJZRQ", "2099-12-31");
        java.nio.file.Path tampered = java.nio.file.Files.writeString(directory.resolve("t.json"), changed.toString());
        assertThat(OfflineVerifier.run(new String[] { tampered.toString(), "--root", rootFile.toString() },
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true))).isEqualTo(1);
        assertThat(OfflineVerifier.verify(changed.toString(), org.tongban.certificates.internal.Sm2.readCertificate(
                root), java.time.Instant.now()).status()).isEqualTo("TAMPERED");
        assertThat(verifyDocument(changed.toString()).get("status").asString()).isEqualTo("TAMPERED");

        var otherKeys = org.tongban.certificates.internal.Sm2.newKeyPair();
        var otherRoot = org.tongban.certificates.internal.Sm2.certificate("别的根", null, otherKeys.getPublic(), null,
                otherKeys.getPrivate(), true, java.time.Instant.now().minusSeconds(86_400),
                java.time.Instant.now().plusSeconds(86_400));
        assertThat(OfflineVerifier.verify(document, otherRoot, java.time.Instant.now()).status())
                .isEqualTo("UNTRUSTED");
    }

    @Test
    void certificatesSignedAfterTheIssuerKeyWasRevokedAreInvalidAndEarlierOnesStayValid() throws Exception {
        // The natural-resources body is used by no other test, so revoking its key disturbs nothing else.
        BodySummary body = hunnan(BodyCategory.NATURAL_RESOURCES);
        java.util.function.Supplier<CertificateView> permit = () -> certificates.issue(new IssueRequest(
                "11100000MB0T000500001", body.id(), Holder.company("沈阳规划测试有限公司", creditCode()),
                Map.of("JSXM", "测试楼", "JSWZ", "浑南区", "JSGM", "1000平方米"), null, "OFFICER", null, null));
        CertificateView before = permit.get();
        java.time.Instant revokedAt = java.time.Instant.now();
        CertificateView after = permit.get();

        trust.retire(body.id(), revokedAt);

        assertThat(verify(before.identifier(), before.verificationCode()).get("status").asString()).isEqualTo("VALID");
        assertThat(verify(after.identifier(), after.verificationCode()).get("status").asString())
                .isEqualTo("KEY_REVOKED");
        CertificateView fresh = permit.get();
        assertThat(verify(fresh.identifier(), fresh.verificationCode()).get("status").asString()).isEqualTo("VALID");
    }
}

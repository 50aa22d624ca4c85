package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.internal.transfer.ImplementationListExport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/** The administrators' API: drafts, publication with deviations, status changes, import, attachments. */
@TongbanIntegrationTest
class CatalogAdminApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalog catalog;
    @Autowired
    Organization organization;
    @Autowired
    ImplementationListExport export;

    private Cookie signIn(String phone) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).param("identifier", phone).param("password", "Tongban#Demo2026"))
                .andExpect(redirectedUrl(phone.equals("13800000010") ? "/account" : "/workbench"))
                .andReturn().getResponse().getCookie("SESSION");
    }

    private ImplementationListRow row(String bodyName, String division, String item) {
        BodySummary body = organization.searchBodies(bodyName, DivisionCode.of(division), 1).getFirst();
        return export.rowsOfBody(body.id()).stream().filter(r -> item.equals(r.name())).findFirst().orElseThrow();
    }

    /** One item as the API takes it: the object of an implementation-list file's {@code items}. */
    private static String json(ImplementationListRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferFormat.JSON.write(List.of(row), out);
        String file = out.toString(StandardCharsets.UTF_8);
        String items = file.substring(file.indexOf('[') + 1, file.lastIndexOf(']')).strip();
        return items;
    }

    private static ImplementationListRow withConditions(ImplementationListRow r, List<String> conditions) {
        return new ImplementationListRow(r.implementationCode(), r.name(), r.basicCode(), r.bodyCreditCode(), r.level(),
                r.divisionCode(), conditions, r.materials(), r.process(), r.legalDays(), r.legalDayKind(),
                r.promisedDays(), r.promisedDayKind(), r.handling(), r.fees(), r.visits(), r.onlineDepth(), r.mailIn(),
                r.reach(), r.jointBodies(), r.resultType(), r.resultName(), r.resultSample(), r.offlineReason(), r.faq(),
                r.venue(), r.assuranceLevel());
    }

    @Test
    void aDraftGoesThroughSubmissionAndIsRefusedPublicationWithItsDeviationsUntilJustified() throws Exception {
        ImplementationListRow row = row("沈阳市苏家屯区市场监督管理局", "210111", "食品经营许可");
        List<String> conditions = new ArrayList<>(row.conditions());
        conditions.add("须在本区纳税满一年");
        Cookie admin = signIn("13800000002");
        String code = row.implementationCode();

        mvc.perform(post("/api/v1/catalog/admin/items").with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content(json(withConditions(row, conditions))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.version").value(2));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/versions/2/publish", code).with(csrf()).cookie(admin))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("catalog.publication.not-submitted"));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/versions/2/submit", code).with(csrf()).cookie(admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/versions/2/publish", code).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("catalog.publication.deviations"))
                .andExpect(jsonPath("$.deviations[0].code").value("catalog.deviation.extra-condition"))
                .andExpect(jsonPath("$.deviations[0].message", containsString("须在本区纳税满一年")));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/versions/2/publish", code).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"justification\": \"区政府试点决定\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        assertThat(catalog.item(ImplementationCode.of(code)).guide().conditions()).contains("须在本区纳税满一年");

        mvc.perform(get("/api/v1/catalog/admin/items/{code}/versions", code).cookie(admin))
                .andExpect(jsonPath("$.versions[0].status").value("PUBLISHED"))
                .andExpect(jsonPath("$.versions[1].status").value("SUPERSEDED"));
        mvc.perform(get("/api/v1/catalog/admin/items/{code}/diff", code).param("from", "1").param("to", "2")
                        .cookie(admin))
                .andExpect(jsonPath("$[0].element").value("conditions"))
                .andExpect(jsonPath("$[0].added[0]").value("须在本区纳税满一年"));

        mvc.perform(post("/api/v1/catalog/admin/items/{code}/suspend", code).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/suspend", code).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"系统升级\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/repeal", code).with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"事项调整\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/resume", code).with(csrf()).cookie(admin))
                .andExpect(status().isConflict());
    }

    @Test
    void badCodesAreRejectedNamingTheFieldAndUnknownItemsAre404() throws Exception {
        Cookie admin = signIn("13800000002");
        mvc.perform(post("/api/v1/catalog/admin/items").with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"basicCode\": \"0100100010\", \"bodyCreditCode\": \"11210000000000000A\", "
                                + "\"level\": \"COUNTY\", \"divisionCode\": \"210102\", "
                                + "\"materials\": [{\"name\": \"申请书\", \"necessity\": \"maybe\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("catalog.admin.item-invalid"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("basicCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("bodyCreditCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("materials[0].necessity")));
        mvc.perform(post("/api/v1/catalog/admin/items/{code}/suspend", "ABC").with(csrf()).cookie(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("code"));
        String unknown = organization.searchBodies("沈阳市苏家屯区市场监督管理局", DivisionCode.of("210111"), 1)
                .getFirst().creditCode() + "4" + "019999999900";
        mvc.perform(get("/api/v1/catalog/admin/items/{code}/versions", unknown).cookie(admin))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/catalog/admin/items/{code}/versions", "x").cookie(signIn("13800000003")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/catalog/admin/items/{code}/versions", "x"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anImportThroughTheApiIsAllOrNothingWithRowAndColumn() throws Exception {
        ImplementationListRow row = row("沈阳市大东区市场监督管理局", "210104", "食品经营许可");
        ImplementationListRow bad = withConditions(row, row.conditions());
        bad = new ImplementationListRow(bad.implementationCode(), bad.name(), bad.basicCode(), bad.bodyCreditCode(),
                bad.level(), bad.divisionCode(), bad.conditions(), bad.materials(), bad.process(), bad.legalDays(),
                bad.legalDayKind(), bad.promisedDays(), bad.promisedDayKind(), bad.handling(), bad.fees(), 5,
                bad.onlineDepth(), bad.mailIn(), bad.reach(), bad.jointBodies(), bad.resultType(), bad.resultName(),
                bad.resultSample(), bad.offlineReason(), bad.faq(), bad.venue(), bad.assuranceLevel());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferFormat.XLSX.write(List.of(bad), out);
        mvc.perform(multipart("/api/v1/catalog/admin/imports").file(new MockMultipartFile("file", "list.xlsx",
                        TransferFormat.XLSX.mediaType(), out.toByteArray())).with(csrf()).cookie(signIn("13800000002")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].sheet").value("事项"))
                .andExpect(jsonPath("$.errors[0].row").value(3))
                .andExpect(jsonPath("$.errors[0].column").value("到办事现场次数"));
    }

    @Test
    void theAdministrationApiIsDocumentedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/catalog/admin/items'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/catalog/admin/items/{code}/versions/{version}/publish'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/catalog/admin/items/{code}/repeal'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/catalog/admin/imports'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/catalog/admin/attachments'].post").exists());
    }

    private static byte[] zip(String... entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void uploadedFormsAreRecognisedByContentAndDownloadWithTheirName() throws Exception {
        Cookie admin = signIn("13800000002");
        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        String path = com.jayway.jsonpath.JsonPath.read(mvc.perform(multipart("/api/v1/catalog/admin/attachments")
                        .file(new MockMultipartFile("file", "食品经营许可申请书.pdf", "text/plain", pdf))
                        .with(csrf()).cookie(admin))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("application/pdf"))
                .andExpect(jsonPath("$.sha256").value(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(pdf))))
                .andReturn().getResponse().getContentAsString(), "$.path");
        mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString(
                        "filename*=UTF-8''%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5%E8%AE%B8%E5%8F%AF%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf")))
                .andExpect(header().string("Content-Disposition", containsString("attachment; filename=\"")))
                .andExpect(content().bytes(pdf));

        mvc.perform(multipart("/api/v1/catalog/admin/attachments").file(new MockMultipartFile("file", "seal.ofd",
                        "application/octet-stream", zip("OFD.xml", "Doc_0/Document.xml"))).with(csrf()).cookie(admin))
                .andExpect(jsonPath("$.contentType").value("application/ofd"));
        mvc.perform(multipart("/api/v1/catalog/admin/attachments").file(new MockMultipartFile("file", "form.docx",
                        "application/octet-stream", zip("[Content_Types].xml", "word/document.xml")))
                        .with(csrf()).cookie(admin))
                .andExpect(jsonPath("$.contentType").value(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        mvc.perform(multipart("/api/v1/catalog/admin/attachments").file(new MockMultipartFile("file", "photo.png",
                        "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).cookie(admin))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.code").value("catalog.attachment.type"));
        // From the item form (htmx): the field comes back holding the file's path.
        mvc.perform(multipart("/admin/catalog/attachments").file(new MockMultipartFile("file", "样表.pdf",
                        "application/pdf", pdf)).param("field", "materials[2].sample").with(csrf()).cookie(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + path + "\"")));
    }
}

package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import jakarta.servlet.http.Cookie;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.shared.CitizenIdNumber;

/** Several images in one material slot: kept in the applicant's order, shown so to the officer, combined so. */
@TongbanIntegrationTest
class MaterialPagesIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(400);
    private static final String SOLE_TRADER = "011070003000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;
    @Autowired
    CaseAcceptance acceptance;

    private String itemCode;
    private int level;

    @BeforeEach
    void hunnanSoleTraderItem() {
        itemCode = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, SOLE_TRADER);
        level = jdbc.queryForObject("select assurance_level from catalog_implementation_item where code = ? "
                + "and status = 'PUBLISHED'", Integer.class, itemCode);
    }

    record Person(String name, String id, String phone, Cookie session, SignedIn who) {
    }

    private Person person(String name) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        CaseFixtures.Resident r = CaseFixtures.register(mvc, jdbc, name, "21011419730303" + "%03d".formatted(n), "1334%07d".formatted(n), PASSWORD,
                level);
        return new Person(name, r.idNumber(), r.phone(), r.session(), r.signedIn(level));
    }

    /** An image {@code width} pixels wide: the width tells the pages of the combined PDF apart. */
    private static byte[] image(int width, String format) throws Exception {
        BufferedImage image = new BufferedImage(width, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(width % 255, 90, 160));
        g.fillRect(0, 0, width, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private Map<String, String> values(Person person) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("applicant.name", person.name());
        values.put("applicant.phone", person.phone());
        values.put("business.form", "PERSONAL");
        values.put("business.operatorId", person.id());
        values.put("business.scope", "日用百货零售");
        values.put("business.capital", "50000.00");
        values.put("business.address.division", "210112");
        values.put("business.address.detail", "智慧四街 1 号");
        return values;
    }

    private List<String> names(SignedIn who, UUID id, int slot) {
        return applications.view(who, id).slots().get(slot).files().stream()
                .map(ApplicationView.MaterialFile::fileName).toList();
    }

    @Test
    void theApplicantOrdersTheImagesOfAMaterialAndTheOfficerSeesAndPrintsThemInThatOrder() throws Exception {
        Person person = person("多页甲");
        SignedIn who = person.who();
        UUID id = applications.start(who, ImplementationCode.of(itemCode), "pages-" + UUID.randomUUID());
        applications.save(who, id, values(person));
        applications.upload(who, id, 0, "申请书.pdf", Samples.pdf());
        // Three images into the same slot: pages, in upload order.
        UUID front = applications.upload(who, id, 1, "正面.jpg", image(110, "jpg")).id();
        UUID back = applications.upload(who, id, 1, "反面.png", image(120, "png"), true).id();
        // From the page: the "add an image" button of the upload form.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/account/cases/" + id + "/materials/1")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "第三张.png", "image/png",
                                image(130, "png")))
                        .param("add", "true").with(csrf()).cookie(person.session()))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#material-1"));
        UUID third = applications.view(who, id).slots().get(1).files().get(2).id();
        assertThat(names(who, id, 1)).containsExactly("正面.jpg", "反面.png", "第三张.png");
        assertThat(applications.view(who, id).slots().get(1).paged()).isTrue();

        // The page offers up/down buttons as plain forms (no script needed), each named for the image it moves.
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/materials/1/files/" + third + "/move")))
                .andExpect(content().string(containsString("将第 3 张（第三张.png）上移一位")))
                .andExpect(content().string(containsString("将第 1 张（正面.jpg）下移一位")));
        mvc.perform(post("/account/cases/" + id + "/materials/1/files/" + third + "/move").with(csrf())
                        .cookie(person.session()).param("direction", "up"))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#file-" + third));
        assertThat(names(who, id, 1)).containsExactly("正面.jpg", "第三张.png", "反面.png");
        // Moving the first one up changes nothing; an unknown direction is a field error.
        applications.move(who, id, 1, front, true);
        assertThat(names(who, id, 1)).containsExactly("正面.jpg", "第三张.png", "反面.png");
        mvc.perform(post("/account/cases/" + id + "/materials/1/files/" + third + "/move").with(csrf())
                        .cookie(person.session()).param("direction", "sideways"))
                .andExpect(status().isBadRequest());

        // The API sets the whole order, and refuses one that is not a permutation of the slot's files.
        mvc.perform(put("/api/v1/cases/applications/" + id + "/materials/1/order").with(csrf())
                        .cookie(person.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"files\":[\"" + back + "\",\"" + front + "\",\"" + third + "\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].fileName").value("反面.png"))
                .andExpect(jsonPath("$[2].fileName").value("第三张.png"));
        mvc.perform(put("/api/v1/cases/applications/" + id + "/materials/1/order").with(csrf())
                        .cookie(person.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"files\":[\"" + back + "\",\"" + front + "\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.material.order-mismatch"));
        assertThat(names(who, id, 1)).containsExactly("反面.png", "正面.jpg", "第三张.png");

        // Submitted, the order is what the window officer sees and what the combined PDF's pages follow.
        applications.upload(who, id, 2, "场所证明.png", Samples.png());
        applications.submit(who, id, "submit-" + UUID.randomUUID(), Channel.WEB);
        // Kept as filed: the applicant cannot reorder a submitted application.
        assertThatThrownBy(() -> applications.move(who, id, 1, front, true)).isInstanceOf(CaseRefusedException.class);
        UUID body = applications.view(who, id).bodyId();
        SignedIn officer = CaseFixtures.officer("多页窗口", body, StaffRole.WINDOW_OFFICER);
        assertThat(acceptance.view(officer, id).slots().get(1).files()).extracting(ApplicationView.MaterialFile::id)
                .containsExactly(back, front, third);
        String review = mvc.perform(CaseFixtures.page(mvc, officer, "/workbench/cases/" + id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(review.indexOf("反面.png")).isLessThan(review.indexOf("正面.jpg"));
        assertThat(review.indexOf("正面.jpg")).isLessThan(review.indexOf("第三张.png"));
        assertThat(review).contains("/workbench/cases/" + id + "/slots/1/combined");
        byte[] combined = mvc.perform(get("/workbench/cases/" + id + "/slots/1/combined")
                        .with(CaseFixtures.as(officer)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(combined)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3);
            assertThat(List.of(pdf.getPage(0).getMediaBox().getWidth(), pdf.getPage(1).getMediaBox().getWidth(),
                    pdf.getPage(2).getMediaBox().getWidth())).containsExactly(120f, 110f, 130f);
        }
        // Another citizen gets nothing; a slot with one file has no combined PDF.
        Person other = person("多页乙");
        mvc.perform(get("/account/cases/" + id + "/slots/1/combined").cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/account/cases/" + id + "/slots/0/combined").cookie(person.session()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anUploadReplacesTheImagesUnlessAddedAsAPageAndImagesAreRemovedOneByOne() throws Exception {
        Person person = person("多页丙");
        SignedIn who = person.who();
        UUID id = applications.start(who, ImplementationCode.of(itemCode), "pages-" + UUID.randomUUID());
        UUID first = applications.upload(who, id, 1, "一.png", image(101, "png")).id();
        applications.upload(who, id, 1, "二.png", image(102, "png"), true);
        mvc.perform(post("/account/cases/" + id + "/materials/1/files/" + first + "/delete").with(csrf())
                        .cookie(person.session()))
                .andExpect(status().is3xxRedirection());
        assertThat(names(who, id, 1)).containsExactly("二.png");
        applications.upload(who, id, 1, "三.png", image(103, "png"), true);
        // A plain upload (a corrected scan, a PDF) replaces every image of the material.
        applications.upload(who, id, 1, "清晰.png", image(104, "png"));
        assertThat(names(who, id, 1)).containsExactly("清晰.png");
        applications.upload(who, id, 1, "全部.pdf", Samples.pdf());
        assertThat(names(who, id, 1)).containsExactly("全部.pdf");
        // Only images make pages.
        assertThatThrownBy(() -> applications.upload(who, id, 1, "四.png", image(105, "png"), true))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.material.page-not-image"));
        applications.upload(who, id, 1, "五.png", image(105, "png"));
        assertThatThrownBy(() -> applications.upload(who, id, 1, "六.pdf", Samples.pdf(), true))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.material.page-not-image"));
        // At most MAX_PAGES images.
        for (int i = 1; i < Applications.MAX_PAGES; i++) {
            applications.upload(who, id, 1, "页" + i + ".png", image(104, "png"), true);
        }
        assertThatThrownBy(() -> applications.upload(who, id, 1, "多余.png", image(105, "png"), true))
                .isInstanceOfSatisfying(CaseRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("cases.material.too-many-pages"));
        assertThat(names(who, id, 1)).hasSize(Applications.MAX_PAGES);
        // Nothing of the refused uploads is left in the storage directory's rows.
        assertThat(jdbc.queryForObject("select count(*) from cases_material where application_id = ?", Integer.class,
                id)).isEqualTo(Applications.MAX_PAGES);
    }
}

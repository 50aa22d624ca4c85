package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.NotFoundException;

/** 我的材料: submitted files are kept per subject, reused without upload, and seen by nobody else. */
@TongbanIntegrationTest
class MaterialLibraryIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);
    /** 个体工商户登记 (serves persons and companies). */
    private static final String SOLE_TRADER = "011070003000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;
    @Autowired
    MaterialLibrary library;

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

    /** A PDF no other test uploads: its SHA-256 identifies it. */
    private static byte[] pdf(String marker) {
        return ("%PDF-1.4\n% " + marker + "\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
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

    /** Files an application of the person (or the company they act for) with a marked PDF in slot 0. */
    private UUID filed(SignedIn who, Person person, String marker) throws Exception {
        UUID id = applications.start(who, ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        applications.save(who, id, values(person));
        applications.upload(who, id, 0, "申请书-" + marker + ".pdf", pdf(marker));
        applications.upload(who, id, 1, "身份证.jpg", Samples.jpeg());
        applications.upload(who, id, 2, "场所证明.png", Samples.png());
        applications.submit(who, id, "submit-" + UUID.randomUUID(), Channel.WEB);
        return id;
    }

    private MaterialLibrary.LibraryEntry entryOf(SignedIn who, String marker) {
        String sha = Applications.sha256(pdf(marker));
        return library.entries(who).stream().filter(e -> e.sha256().equals(sha)).findFirst().orElseThrow();
    }

    @Test
    void submittedFilesAreKeptAndReusedInTheNextApplicationWithoutUploadingAgain() throws Exception {
        Person person = person("材料库甲");
        SignedIn who = person.who();
        String marker = "lib-" + UUID.randomUUID();
        UUID first = filed(who, person, marker);
        String name = applications.view(who, first).slots().get(0).requirement().name();

        MaterialLibrary.LibraryEntry kept = entryOf(who, marker);
        assertThat(kept.materialName()).isEqualTo(name);
        assertThat(kept.fileName()).isEqualTo("申请书-" + marker + ".pdf");
        assertThat(kept.contentType()).isEqualTo("application/pdf");
        assertThat(kept.sourceCase()).isEqualTo(applications.view(who, first).caseNumber());
        // Three uploads, three entries; a second submission of the same files adds none.
        assertThat(library.entries(who)).hasSize(3);

        // The next application offers the kept file at the slot of the same material, and takes it without upload.
        UUID second = applications.start(who, ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        Map<Integer, MaterialLibrary.SlotOffer> offers = library.offers(who, applications.view(who, second));
        assertThat(offers.get(0).matching()).extracting(MaterialLibrary.LibraryEntry::id).containsExactly(kept.id());
        assertThat(offers.get(0).others()).hasSize(2);
        mvc.perform(get("/account/cases/" + second + "/edit").cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/account/cases/" + second + "/materials/0/library")))
                .andExpect(content().string(containsString("value=\"" + kept.id() + "\"")));
        mvc.perform(post("/account/cases/" + second + "/materials/0/library").with(csrf()).cookie(person.session())
                        .param("entry", kept.id().toString()))
                .andExpect(status().is3xxRedirection());
        ApplicationView.MaterialFile reused = applications.view(who, second).slots().get(0).file();
        assertThat(reused.sha256()).isEqualTo(kept.sha256());
        // No copy: the application's material refers to the same stored file as the library entry.
        assertThat(jdbc.queryForObject("select storage_key from cases_material where id = ?", String.class,
                reused.id())).isEqualTo(jdbc.queryForObject("select storage_key from cases_material_library "
                        + "where id = ?", String.class, kept.id()));
        assertThat(applications.view(who, second).timeline()).anyMatch(s -> s.kind().equals("MATERIAL_REUSED"));

        // The page lists it; downloading is audited.
        mvc.perform(get("/account/materials").cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("申请书-" + marker + ".pdf")));
        byte[] downloaded = mvc.perform(get("/account/materials/" + kept.id()).cookie(person.session()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(pdf(marker));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'LIBRARY_DOWNLOADED' "
                + "and target_id = ?", Integer.class, kept.id().toString())).isEqualTo(1);

        // Deleting the entry keeps the file for the filed application and for the draft that reused it.
        mvc.perform(post("/account/materials/" + kept.id() + "/delete").with(csrf()).cookie(person.session()))
                .andExpect(status().is3xxRedirection());
        assertThat(library.entries(who)).noneMatch(e -> e.id().equals(kept.id()));
        UUID filedMaterial = applications.view(who, first).slots().get(0).file().id();
        try (var in = applications.material(who, first, filedMaterial).content()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf(marker));
        }
        try (var in = applications.material(who, second, reused.id()).content()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf(marker));
        }
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'LIBRARY_DELETED' "
                + "and target_id = ?", Integer.class, kept.id().toString())).isEqualTo(1);
    }

    @Test
    void aDraftThatReusedAFileIsDeletedWithoutTakingTheFileFromTheLibrary() throws Exception {
        Person person = person("材料库乙");
        SignedIn who = person.who();
        String marker = "lib-" + UUID.randomUUID();
        filed(who, person, marker);
        MaterialLibrary.LibraryEntry kept = entryOf(who, marker);
        UUID draft = applications.start(who, ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        library.attach(who, draft, 0, kept.id());
        // Replaced by an upload, then the draft deleted: the library's file stays.
        applications.upload(who, draft, 0, "新申请书.pdf", pdf("other-" + marker));
        library.attach(who, draft, 1, kept.id());
        applications.deleteDraft(who, draft);
        try (var in = library.download(who, kept.id()).content()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf(marker));
        }
    }

    @Test
    void expiredEntriesAreNotOfferedNorAttached() throws Exception {
        Person person = person("材料库丙");
        SignedIn who = person.who();
        String marker = "lib-" + UUID.randomUUID();
        filed(who, person, marker);
        MaterialLibrary.LibraryEntry kept = entryOf(who, marker);
        mvc.perform(put("/api/v1/cases/library/" + kept.id() + "/validity").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"validUntil\":\"2020-01-31\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expired").value(true));
        mvc.perform(put("/api/v1/cases/library/" + kept.id() + "/validity").with(csrf()).cookie(person.session())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"validUntil\":\"31/01/2020\"}"))
                .andExpect(status().isBadRequest());
        UUID draft = applications.start(who, ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        assertThat(library.offers(who, applications.view(who, draft)).get(0).matching()).isEmpty();
        mvc.perform(post("/api/v1/cases/applications/" + draft + "/materials/0/library").with(csrf())
                        .cookie(person.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entry\":\"" + kept.id() + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.library.expired"));
        library.setValidUntil(who, kept.id(), org.tongban.ChinaTime.today().plusYears(1));
        mvc.perform(post("/api/v1/cases/applications/" + draft + "/materials/0/library").with(csrf())
                        .cookie(person.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entry\":\"" + kept.id() + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sha256").value(kept.sha256()));
    }

    @Test
    void anotherCitizenNeitherSeesNorUsesSomeoneElsesLibrary() throws Exception {
        Person owner = person("材料库丁");
        Person other = person("材料库戊");
        String marker = "lib-" + UUID.randomUUID();
        filed(owner.who(), owner, marker);
        MaterialLibrary.LibraryEntry kept = entryOf(owner.who(), marker);

        assertThat(library.entries(other.who())).noneMatch(e -> e.id().equals(kept.id()));
        mvc.perform(get("/api/v1/cases/library").cookie(other.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(kept.id().toString()))));
        mvc.perform(get("/api/v1/cases/library/" + kept.id()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases/library/" + kept.id() + "/content").cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/account/materials/" + kept.id()).cookie(other.session()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/cases/library/" + kept.id()).with(csrf()).cookie(other.session()))
                .andExpect(status().isNotFound());
        UUID draft = applications.start(other.who(), ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        mvc.perform(post("/api/v1/cases/applications/" + draft + "/materials/0/library").with(csrf())
                        .cookie(other.session()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entry\":\"" + kept.id() + "\"}"))
                .andExpect(status().isNotFound());
        assertThat(applications.view(other.who(), draft).slots().get(0).file()).isNull();
        // Nor into the owner's draft through the owner's application id.
        UUID ownersDraft = applications.start(owner.who(), ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        assertThatThrownBy(() -> library.attach(other.who(), ownersDraft, 0, kept.id()))
                .isInstanceOf(NotFoundException.class);
        // The owner still has it.
        mvc.perform(get("/api/v1/cases/library/" + kept.id()).cookie(owner.session()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sha256").value(kept.sha256()));
    }

    @Test
    void anAgentUsesTheCompanysLibraryOnlyWhileActingForItWithAnAuthorizationToApply() throws Exception {
        Person agent = person("材料库经办");
        Person colleague = person("材料库同事");
        UUID company = UUID.randomUUID();
        ActingFor authorized = new ActingFor(company, "沈阳材料库测试有限公司", "91210112MA0TB00116", Set.of(),
                org.tongban.ChinaTime.today().plusDays(30));
        SignedIn acting = agent.who().actingFor(authorized);
        String marker = "lib-" + UUID.randomUUID();
        UUID filed = filed(acting, agent, marker);
        assertThat(applications.view(acting, filed).companyName()).isEqualTo("沈阳材料库测试有限公司");

        // The company's library holds it; the agent's own does not.
        MaterialLibrary.LibraryEntry kept = entryOf(acting, marker);
        assertThat(library.entries(agent.who())).noneMatch(e -> e.id().equals(kept.id()));
        assertThatThrownBy(() -> library.entry(agent.who(), kept.id())).isInstanceOf(NotFoundException.class);
        // Another agent of the same company, acting for it, sees the company's file.
        SignedIn colleagueActing = colleague.who().actingFor(authorized);
        assertThat(library.entry(colleagueActing, kept.id()).sha256()).isEqualTo(kept.sha256());
        // An authorization that does not cover applying, or has expired, opens no library of the company.
        SignedIn viewOnly = agent.who().actingFor(new ActingFor(company, "沈阳材料库测试有限公司", "91210112MA0TB00116",
                Set.of("view"), org.tongban.ChinaTime.today().plusDays(30)));
        assertThatThrownBy(() -> library.entries(viewOnly)).isInstanceOf(CaseRefusedException.class)
                .satisfies(e -> assertThat(((CaseRefusedException) e).code())
                        .isEqualTo("cases.library.company-not-authorized"));
        SignedIn expired = agent.who().actingFor(new ActingFor(company, "沈阳材料库测试有限公司", "91210112MA0TB00116",
                Set.of(), org.tongban.ChinaTime.today().minusDays(2)));
        assertThatThrownBy(() -> library.entries(expired)).isInstanceOf(CaseRefusedException.class);

        // A company file never goes into the agent's personal application, and the company's draft gets it.
        UUID personal = applications.start(agent.who(), ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        assertThat(library.offers(agent.who(), applications.view(agent.who(), personal))).isEmpty();
        assertThatThrownBy(() -> library.attach(agent.who(), personal, 0, kept.id()))
                .isInstanceOf(NotFoundException.class);
        UUID forCompany = applications.start(acting, ImplementationCode.of(itemCode), "lib-" + UUID.randomUUID());
        assertThat(library.attach(acting, forCompany, 0, kept.id()).sha256()).isEqualTo(kept.sha256());
        List<MaterialLibrary.LibraryEntry> companyEntries = library.entries(acting);
        assertThat(companyEntries).extracting(MaterialLibrary.LibraryEntry::id).contains(kept.id());
    }
}

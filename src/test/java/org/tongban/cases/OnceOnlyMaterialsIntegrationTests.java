package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;

/**
 * Once-only materials (免提交, issue 8 "Done when"): the demo company's representative applies for 食品经营许可 and
 * submits neither the business licence nor the ID card — both are fetched from government sources, previewed and
 * consented to — sees the fetches in "who looked at my data", and the officer sees where the materials came from.
 * Declining, withdrawing the consent and every failure fall back to an upload.
 */
@TongbanIntegrationTest
class OnceOnlyMaterialsIntegrationTests {

    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final String COMPANY_CODE = "91210112MA0TB00116";
    /** 食品经营许可: 1 营业执照 (certificate library), 6 经办人居民身份证 (population data). */
    private static final String FOOD = "011070001000";
    private static final int LICENCE = 1;
    private static final int ID_CARD = 6;
    private static final String ZHANG_SAN_ID = org.tongban.shared.CitizenIdNumber
            .withCheckCharacter("21011219950606906").value();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.tongban.identity.PersonalData protection;
    @Autowired
    org.tongban.identity.LegalPersons legalPersons;
    @Autowired
    org.tongban.organization.Organization organization;
    @Autowired
    org.tongban.exchange.SharedData sharedData;
    @Autowired
    org.tongban.exchange.internal.SharingRequests sharingRequests;

    private Cookie signIn(String phone) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", phone)
                        .param("password", DEMO_PASSWORD))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    /** 张三, acting for his demo company (claimed as its legal representative first if nobody has yet). */
    private Integer originalLevel;

    /** Other tests rely on the demo resident's level as the demo data sets it. */
    @org.junit.jupiter.api.AfterEach
    void restoreLevel() {
        if (originalLevel != null) {
            jdbc.update("update identity_account set assurance_level = ? where phone_masked = '138****0010'",
                    originalLevel);
        }
    }

    private Cookie representative() throws Exception {
        // Claiming a company and applying for the licence need a real-name level (DOMAIN §8); 张三 is in the
        // population data, so passing it is a formality the test skips (and undoes afterwards).
        originalLevel = jdbc.queryForObject("select assurance_level from identity_account "
                + "where phone_masked = '138****0010'", Integer.class);
        jdbc.update("update identity_account set assurance_level = greatest(assurance_level, 2, (select max("
                + "assurance_level) from catalog_implementation_item where basic_code = ?)) "
                + "where phone_masked = '138****0010'", FOOD);
        Cookie session = signIn("13800000010");
        if (jdbc.queryForObject("select count(*) from identity_company where credit_code = ?", Integer.class,
                COMPANY_CODE) == 0) {
            mvc.perform(post("/account/companies").with(csrf()).cookie(session).param("creditCode", COMPANY_CODE))
                    .andExpect(status().is3xxRedirection());
        }
        UUID company = jdbc.queryForObject("select id from identity_company where credit_code = ?", UUID.class,
                COMPANY_CODE);
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(session).param("company", company.toString())
                        .param("return", "/account"))
                .andExpect(redirectedUrl("/account"));
        return session;
    }

    private String foodItem() {
        return jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, FOOD);
    }

    private UUID start(Cookie session) throws Exception {
        String location = mvc.perform(post("/apply/" + foodItem()).with(csrf()).cookie(session)
                        .param("startKey", UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return UUID.fromString(location.substring("/account/cases/".length(), location.length() - "/edit".length()));
    }

    private void upload(Cookie session, UUID id, int slot) throws Exception {
        mvc.perform(multipart("/api/v1/cases/applications/" + id + "/materials/" + slot)
                        .file(new MockMultipartFile("file", "材料.pdf", "application/pdf", Samples.pdf()))
                        .with(csrf()).cookie(session))
                .andExpect(status().isCreated());
    }

    @Test
    void theRepresentativeSubmitsNeitherLicenceNorIdCardAndSeesWhoFetchedThem() throws Exception {
        Cookie zhangSan = representative();
        UUID id = start(zhangSan);
        String api = "/api/v1/cases/applications/" + id;

        // Both government-issued materials are offered; nothing has been fetched yet.
        mvc.perform(get(api + "/shared-materials").cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offers[*].index", org.hamcrest.Matchers.containsInAnyOrder(LICENCE, ID_CARD)))
                .andExpect(jsonPath("$.materials").isEmpty());
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("从政府部门获取并预览")));

        // The business licence, on the page: fetched for preview, then consented to.
        mvc.perform(post("/account/cases/" + id + "/materials/" + LICENCE + "/shared/fetch").with(csrf())
                        .cookie(zhangSan))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#material-" + LICENCE));
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(zhangSan))
                .andExpect(content().string(containsString("营业执照（电子证照）")))
                .andExpect(content().string(containsString("电子证照标识")))
                .andExpect(content().string(containsString("1.2.156.3005.2.11100000MB0T00010U001")))
                .andExpect(content().string(containsString("同意使用")));
        assertThat(jdbc.queryForObject("select count(*) from cases_material where application_id = ?", Integer.class,
                id)).as("nothing attached before the consent").isZero();
        mvc.perform(post("/account/cases/" + id + "/materials/" + LICENCE + "/shared/consent").with(csrf())
                        .cookie(zhangSan))
                .andExpect(redirectedUrl("/account/cases/" + id + "/edit#material-" + LICENCE));

        // The ID card, through the API: the preview masks the ID number; the consent attaches a PDF copy.
        mvc.perform(post(api + "/materials/" + ID_CARD + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PREVIEW"))
                .andExpect(jsonPath("$.resourceName").value("人口基本信息"))
                .andExpect(jsonPath("$.items[?(@.key == 'idNumber')].value",
                        hasItem(org.tongban.identity.IdDocumentType.mask(ZHANG_SAN_ID))))
                .andExpect(content().string(not(containsString(ZHANG_SAN_ID))));
        mvc.perform(post(api + "/materials/" + ID_CARD + "/shared/consent").with(csrf()).cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONSENTED"))
                .andExpect(jsonPath("$.items").isEmpty());
        String sealed = jdbc.queryForObject("select coalesce(items_sealed, '') from cases_shared_material "
                + "where application_id = ? and requirement_index = ?", String.class, id, ID_CARD);
        assertThat(sealed).as("the fetched items are wiped once used").isEmpty();

        // The rest of the application; the two shared materials are never uploaded.
        upload(zhangSan, id, 0);
        upload(zhangSan, id, 2);
        mvc.perform(put(api + "/values").with(csrf()).cookie(zhangSan).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"applicant.phone": "13800000010", "food.category": "CANTEEN",
                                 "food.premisesArea": "120", "food.address.division": "210112",
                                 "food.address.detail": "智慧四街 1 号", "food.items": "热食类食品制售"}"""))
                .andExpect(status().isOk());
        mvc.perform(post(api + "/submission").with(csrf()).cookie(zhangSan).header("Idempotency-Key",
                        UUID.randomUUID().toString()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.caseNumber").isNotEmpty());
        assertThat(jdbc.queryForList("select file_name from cases_material where application_id = ? "
                + "order by requirement_index", String.class, id))
                .contains("营业执照（共享获取）.pdf", "经办人居民身份证（共享获取）.pdf");
        UUID copy = jdbc.queryForObject("select id from cases_material where application_id = ? and "
                + "requirement_index = ?", UUID.class, id, LICENCE);
        byte[] pdf = mvc.perform(get("/account/cases/" + id + "/materials/" + copy).cookie(zhangSan))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? "
                + "and kind = 'SHARED_MATERIAL_USED'", Integer.class, id)).isEqualTo(2);

        // Who looked at my data: the company's licence and the representative's own identity data, with the reason.
        mvc.perform(get("/api/v1/exchange/access-log/mine").cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.resource == '营业执照（电子证照）' && @.caseReference == '申请 " + id
                        + "')].about", hasItem("沈阳浑南通办科技有限公司（演示）")))
                .andExpect(jsonPath("$[?(@.resource == '人口基本信息' && @.caseReference == '申请 " + id
                        + "')].purpose", hasItem("政务服务事项申请材料免提交")));
        // The certificate's own ledger shows the body's use next to the holder's authorizations.
        assertThat(jdbc.queryForObject("select count(*) from certificates_use u join certificates_certificate c "
                + "on c.id = u.certificate_id where c.type_code = '11100000MB0T00010U001' and u.purpose = ? "
                + "and u.allowed", Integer.class, "政务服务事项申请材料免提交（数据共享交换）")).isPositive();

        // The window officer of 浑南区市场监督管理局 sees where the materials came from.
        Cookie officer = signIn("13800000003");
        mvc.perform(get("/workbench/cases/" + id).cookie(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("免提交：来自“营业执照（电子证照）”")))
                .andExpect(content().string(containsString("免提交：来自“人口基本信息”")));
    }

    /**
     * 税务登记（一照一码户信息确认） of the 浑南区 tax bureau, for companies: 0 营业执照, 1 居民身份证 — the legal
     * representative's, the population data serving it once the bureau holds a grant for applications' materials
     * (the provider, the province's public security department, approves the request here).
     */
    private String taxRegistrationWithIdCardGrant() {
        var hunnan = organization.bodies(org.tongban.shared.DivisionCode.of("210112"), false, 0, 50).getContent()
                .stream().filter(b -> b.category() == org.tongban.organization.BodyCategory.TAXATION).findFirst()
                .orElseThrow();
        var police = organization.bodies(organization.province(), false, 0, 200).getContent().stream()
                .filter(b -> b.category() == org.tongban.organization.BodyCategory.PUBLIC_SECURITY).findFirst()
                .orElseThrow();
        if (!sharedData.usable(hunnan.id(), org.tongban.exchange.SharedData.POPULATION,
                org.tongban.exchange.SharedData.APPLICATION_MATERIALS)) {
            var request = sharingRequests.request(new org.tongban.exchange.internal.SharingRequests.Actor(
                    UUID.randomUUID(), "测试人员", hunnan.id(), hunnan.name(), false, false),
                    org.tongban.exchange.SharedData.POPULATION, java.util.List.of("name", "idNumber", "sex",
                            "birthDate"), org.tongban.exchange.SharedData.APPLICATION_MATERIALS,
                    "《国务院关于在线政务服务的若干规定》第十一条", java.time.LocalDate.now().plusYears(1));
            sharingRequests.decide(new org.tongban.exchange.internal.SharingRequests.Actor(UUID.randomUUID(),
                    "测试审核人", police.id(), police.name(), true, false), request.id(), true, null);
        }
        return jdbc.queryForObject("select code from catalog_implementation_item where basic_code = '201600001000' "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class);
    }

    @Test
    void anAgentFilingForTheCompanyGetsTheLegalRepresentativesIdCardNotTheirOwn() throws Exception {
        representative(); // 张三 has claimed the demo company as its legal representative
        UUID zhangSanAccount = jdbc.queryForObject("select id from identity_account where id_number_hash = ?",
                UUID.class, protection.idNumberHash(org.tongban.identity.IdDocumentType.RESIDENT_ID, ZHANG_SAN_ID));
        UUID company = jdbc.queryForObject("select id from identity_company where credit_code = ?", UUID.class,
                COMPANY_CODE);

        // 赵经办, a real-name resident in the population data, whom 张三 authorizes as the company's agent.
        org.tongban.shared.CitizenIdNumber agentId = org.tongban.shared.CitizenIdNumber
                .withCheckCharacter("21011219880303" + "%03d".formatted(700 + (int) Math.floorMod(System.nanoTime(), 200L)));
        jdbc.update("insert into exchange_person (id_number_hash, id_number_cipher, id_number_masked, name, sex, "
                + "birth_date, ethnicity, household_division, address, marital_status, updated_on) values (?, ?, ?, "
                + "'赵经办', 'M', ?, '汉族', '210112', '辽宁省沈阳市浑南区测试路2号', 'SINGLE', current_date) "
                + "on conflict do nothing", protection.residentIdHash(agentId), protection.encrypt(agentId.value()),
                agentId.masked(), agentId.birthDate());
        String phone = "136%08d".formatted(Math.floorMod(agentId.value().hashCode(), 100_000_000));
        mvc.perform(post("/register").with(csrf()).param("name", "赵经办").param("idType", "RESIDENT_ID")
                        .param("idNumber", agentId.value()).param("phone", phone)
                        .param("password", "Liaoning#2026ok").param("passwordAgain", "Liaoning#2026ok"))
                .andExpect(status().is3xxRedirection());
        jdbc.update("update identity_account set assurance_level = greatest(assurance_level, 2, (select max("
                + "assurance_level) from catalog_implementation_item where basic_code = '201600001000')) "
                + "where id_number_hash = ?", protection.idNumberHash(
                        org.tongban.identity.IdDocumentType.RESIDENT_ID, agentId.value()));
        legalPersons.authorize(zhangSanAccount, company, new org.tongban.identity.LegalPersons.Grant(phone,
                java.util.Set.of(), java.time.LocalDate.now().plusDays(30)));
        Cookie agent = mvc.perform(post("/signin").with(csrf()).param("identifier", phone)
                        .param("password", "Liaoning#2026ok"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(agent).param("company", company.toString())
                        .param("return", "/account"))
                .andExpect(redirectedUrl("/account"));

        String location = mvc.perform(post("/apply/" + taxRegistrationWithIdCardGrant()).with(csrf())
                        .cookie(agent).param("startKey", UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/account/cases/".length(),
                location.length() - "/edit".length()));
        String api = "/api/v1/cases/applications/" + id;
        mvc.perform(get(api + "/shared-materials").cookie(agent))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offers[*].index", hasItem(1)));

        // The preview shows the legal representative's identity, masked, never the agent's own.
        String masked = org.tongban.identity.IdDocumentType.mask(ZHANG_SAN_ID);
        mvc.perform(post(api + "/materials/1/shared").with(csrf()).cookie(agent))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PREVIEW"))
                .andExpect(jsonPath("$.resourceName").value("人口基本信息"))
                .andExpect(jsonPath("$.items[?(@.key == 'name')].value", hasItem("张三")))
                .andExpect(jsonPath("$.items[?(@.key == 'idNumber')].value", hasItem(masked)))
                .andExpect(content().string(not(containsString(ZHANG_SAN_ID))))
                .andExpect(content().string(not(containsString("赵经办"))))
                .andExpect(content().string(not(containsString(
                        org.tongban.identity.IdDocumentType.mask(agentId.value())))));
        mvc.perform(get("/account/cases/" + id + "/edit").cookie(agent))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(masked)))
                .andExpect(content().string(containsString("同意使用")));
        mvc.perform(post(api + "/materials/1/shared/consent").with(csrf()).cookie(agent))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONSENTED"));
        assertThat(jdbc.queryForList("select file_name from cases_material where application_id = ?", String.class,
                id)).containsExactly("居民身份证（共享获取）.pdf");

        // The representative sees the fetch of his identity data in "who looked at my data"; the agent does not.
        Cookie zhangSan = signIn("13800000010");
        mvc.perform(get("/api/v1/exchange/access-log/mine").cookie(zhangSan))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.resource == '人口基本信息' && @.caseReference == '申请 " + id
                        + "')].purpose", hasItem("政务服务事项申请材料免提交")));
        mvc.perform(get("/api/v1/exchange/access-log/mine").cookie(agent))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.resource == '人口基本信息' && @.caseReference == '申请 " + id
                        + "')]").isEmpty());
        assertThat(jdbc.queryForObject("select count(*) from exchange_access_log where case_reference = ? "
                + "and subject_key = ? and result = 'SERVED' and consumer_actor like 'account:%'", Integer.class,
                "申请 " + id, protection.residentIdHash(org.tongban.shared.CitizenIdNumber.of(ZHANG_SAN_ID))))
                .isEqualTo(1);
    }

    @Test
    void declinedWithdrawnAndImpossibleFetchesLeaveTheUploadAndAttachNothing() throws Exception {
        Cookie zhangSan = representative();
        UUID id = start(zhangSan);
        String api = "/api/v1/cases/applications/" + id;

        // Declined after the preview: nothing attached, the items wiped, the material is to be uploaded.
        mvc.perform(post(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isCreated());
        mvc.perform(delete(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isNoContent());
        mvc.perform(get(api + "/shared-materials").cookie(zhangSan))
                .andExpect(jsonPath("$.materials[0].status").value("DECLINED"))
                .andExpect(jsonPath("$.materials[0].items").isEmpty());
        mvc.perform(post(api + "/submission").with(csrf()).cookie(zhangSan).header("Idempotency-Key",
                        UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'material.1')].code").value("cases.material.missing"))
                .andExpect(jsonPath("$.errors[?(@.field == 'material.6')].code").value("cases.material.missing"));

        // Consent withdrawn: the attached copy goes away again.
        mvc.perform(post(api + "/materials/" + ID_CARD + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isCreated());
        mvc.perform(post(api + "/materials/" + ID_CARD + "/shared/consent").with(csrf()).cookie(zhangSan))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from cases_material where application_id = ?", Integer.class,
                id)).isEqualTo(1);
        mvc.perform(delete(api + "/materials/" + ID_CARD + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isNoContent());
        assertThat(jdbc.queryForObject("select count(*) from cases_material where application_id = ?", Integer.class,
                id)).isZero();

        // A consent with nothing previewed; a material the guide does not map to a shared resource.
        mvc.perform(post(api + "/materials/" + ID_CARD + "/shared/consent").with(csrf()).cookie(zhangSan))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cases.shared.not-previewed"));
        mvc.perform(post(api + "/materials/0/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("cases.shared.not-offered"));
        // An upload replaces a shared copy: the applicant chose to supply it themself.
        mvc.perform(post(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isCreated());
        upload(zhangSan, id, LICENCE);
        mvc.perform(get(api + "/shared-materials").cookie(zhangSan))
                .andExpect(jsonPath("$.materials[?(@.index == 1)]").isEmpty());

        // The licence's provider down (its department system refuses connections): a clear 503, nothing attached,
        // the upload stays; the attempt is in the access log.
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        jdbc.update("update exchange_resource set endpoint_url = ? where code = '104001-00001'",
                "http://127.0.0.1:" + deadPort + "/licences");
        try {
            mvc.perform(post(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(zhangSan))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("cases.shared.unavailable"));
        } finally {
            jdbc.update("update exchange_resource set endpoint_url = null where code = '104001-00001'");
        }
        assertThat(jdbc.queryForObject("select count(*) from cases_shared_material where application_id = ? "
                + "and requirement_index = ?", Integer.class, id, LICENCE)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from exchange_access_log where case_reference = ? "
                + "and result = 'UNAVAILABLE'", Integer.class, "申请 " + id)).isEqualTo(1);

        // The representative back to acting as himself: the company's data is no longer his to fetch.
        mvc.perform(post("/account/acting-for").with(csrf()).cookie(zhangSan).param("return", "/account"))
                .andExpect(redirectedUrl("/account"));
        mvc.perform(post(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(zhangSan))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("cases.apply.company-mismatch"));

        // Someone else's application is not found, whatever the step.
        Cookie other = signIn("13800000001");
        mvc.perform(post(api + "/materials/" + LICENCE + "/shared").with(csrf()).cookie(other))
                .andExpect(status().isNotFound());
        mvc.perform(get(api + "/shared-materials").cookie(other))
                .andExpect(status().isNotFound());
    }
}

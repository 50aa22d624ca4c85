package org.tongban.cases;

import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * The official documents of a case as PDF, read back with PDFBox: the acceptance-stage notices (行政许可法 Art. 32)
 * and the licensing decisions (Art. 37–38) on the demo 开餐馆 process of 浑南区, their numbers kept across downloads,
 * and who may download them.
 */
@TongbanIntegrationTest
class CaseDocumentsIntegrationTests {

    private static final String FOOD = "011070001000";
    private static final Pattern ACCEPTANCE_NUMBER = Pattern.compile("浑南市监受字〔2026〕第\\d+号");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    CaseDocuments documents;

    private String itemCode;
    private UUID itemBody;
    private SignedIn window;
    private SignedIn marketReviewer;
    private SignedIn approver;
    private SignedIn fireReviewer;
    private SignedIn healthReviewer;

    @BeforeEach
    void hunnanRestaurantProcess() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        window = officer("文书窗口", itemBody, StaffRole.WINDOW_OFFICER);
        marketReviewer = officer("文书市监审查", itemBody, StaffRole.REVIEWER);
        approver = officer("文书市监负责人", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        fireReviewer = officer("文书住建审查", body("HOUSING_URBAN_RURAL"), StaffRole.REVIEWER);
        healthReviewer = officer("文书卫健审查", body("HEALTH"), StaffRole.REVIEWER);
    }

    @Test
    void theAcceptanceNoticeStatesTheLimitsAndDueDateWithTheMaskedIdAndKeepsItsNumberOnEveryDownload()
            throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书受理甲");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));

        MvcResult first = mvc.perform(get("/account/cases/" + id + "/documents/acceptance").with(as(person(applicant))))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Disposition",
                        containsString("filename*=UTF-8''%E5%8F%97%E7%90%86%E9%80%9A%E7%9F%A5%E4%B9%A6")))
                .andReturn();
        String text = text(first);
        assertThat(text).contains("沈阳市浑南区市场监督管理局", "受理通知书", "文书受理甲：", "申请材料齐全、符合法定形式",
                "第三十二条", "居民身份证210112********1234", "2026年3月2日");
        // Joint handling: 45 working days in law (Art. 42 para. 2); promised 5, so the decision is due on 9 March.
        assertThat(text).contains("法定办理时限", "45个工作日", "承诺办理时限", "5个工作日", "2026年3月9日前");
        assertThat(text).doesNotContain("210112198001011234");
        String number = number(text, ACCEPTANCE_NUMBER);

        // Downloaded again (here by the window officer, through the API): the same number and the same text.
        MvcResult again = mvc.perform(get("/api/v1/cases/applications/" + id + "/documents/acceptance")
                        .with(as(window)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn();
        assertThat(text(again)).isEqualTo(text);
        assertThat(jdbc.queryForObject("select count(*) from cases_document where application_id = ?", Integer.class,
                id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select number from cases_document where application_id = ?", String.class,
                id)).isEqualTo(number);
        // Each download is on the audit trail (the document names the applicant).
        assertThat(jdbc.queryForList("select detail from platform_audit_event where action = 'DOCUMENT_DOWNLOADED' "
                + "and target_id = ?", String.class, id.toString())).hasSize(2).allMatch(d -> d.contains(number));

        // The font is embedded, as a subset, for archiving.
        try (PDDocument pdf = Loader.loadPDF(first.getResponse().getContentAsByteArray())) {
            PDResources resources = pdf.getPage(0).getResources();
            PDFont font = resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
        }
        // The case page links the notice; the decision documents are not there yet.
        mvc.perform(CaseFixtures.page(mvc, person(applicant), "/account/cases/" + id))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/account/cases/" + id + "/documents/acceptance")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("/documents/grant"))));
        mvc.perform(get("/api/v1/cases/applications/" + id + "/documents/grant").with(as(person(applicant))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("cases.document.not-available"));
        mvc.perform(get("/api/v1/cases/applications/" + id + "/documents/licence").with(as(person(applicant))))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("cases.document.not-found"));
    }

    @Test
    void twoFirstDownloadsAtOnceIssueOneDocumentAndTheBodysNumbersStayGapFree() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书并发庚");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        java.util.concurrent.Callable<String> download = () -> documents.download(person(applicant), id,
                CaseDocumentKind.ACCEPTANCE, "http://localhost/account/cases/" + id).number();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<String> numbers = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : pool.invokeAll(List.of(download, download))) {
                numbers.add(f.get());
            }
            assertThat(numbers).hasSize(2).containsOnly(numbers.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from cases_document where application_id = ?", Integer.class,
                id)).isEqualTo(1);
        // Gap-free: the body's acceptance notices of 2026 are numbered 1..n without a hole.
        Map<String, Object> sequence = jdbc.queryForMap("""
                select count(*) as issued, max(sequence) as highest,
                    (select last_value from cases_document_sequence s where s.body_id = d.body_id
                        and s.kind = 'ACCEPTANCE' and s.year = 2026) as last_value
                from cases_document d where body_id = ? and kind = 'ACCEPTANCE' and year = 2026
                group by body_id""", itemBody);
        assertThat(((Number) sequence.get("issued")).intValue())
                .isEqualTo(((Number) sequence.get("highest")).intValue())
                .isEqualTo(((Number) sequence.get("last_value")).intValue());
    }

    @Test
    void onlyTheApplicantTheCompanysAgentsAndStaffOfAHandlingBodyMayDownload() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID company = UUID.randomUUID();
        UUID id = submitted(applicant, "文书授权乙");
        jdbc.update("update cases_application set company_account = ?, company_name = '沈阳文书餐饮有限公司', "
                + "company_credit_code = '91210112MA0TEST01X' where id = ?", company, id);
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, version(id));
        String url = "/api/v1/cases/applications/" + id + "/documents/acceptance";

        // Another citizen: as if the case did not exist.
        mvc.perform(get(url).with(as(person(UUID.randomUUID()))))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("cases.application.not-found"));
        mvc.perform(get("/account/cases/" + id + "/documents/acceptance").with(as(person(UUID.randomUUID()))))
                .andExpect(status().isNotFound());
        // Staff of a body that has nothing to do with the case (another district's market regulation).
        UUID otherBody = jdbc.queryForObject("select id from org_body where category = 'MARKET_REGULATION' "
                + "and division_code <> '210112' limit 1", UUID.class);
        mvc.perform(get(url).with(as(officer("他区窗口", otherBody, StaffRole.WINDOW_OFFICER))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/workbench/cases/" + id + "/documents/acceptance")
                        .with(as(officer("他区窗口", otherBody, StaffRole.WINDOW_OFFICER))))
                .andExpect(status().isNotFound());
        // Signed out.
        mvc.perform(get(url)).andExpect(status().isUnauthorized());

        // A body with a branch of the parallel review may; so may the company's agent acting for it.
        mvc.perform(get(url).with(as(fireReviewer))).andExpect(status().isOk());
        SignedIn agent = new SignedIn(UUID.randomUUID(), "经办人", false, 2, Set.of(), null, null,
                new ActingFor(company, "沈阳文书餐饮有限公司", "91210112MA0TEST01X", Set.of(), null));
        // (Through the service: the web filter re-checks acting-for against stored authorizations, which this
        // fixture company does not have.)
        CaseDocuments.Download forCompany = documents.download(agent, id, CaseDocumentKind.ACCEPTANCE,
                "http://localhost/account/cases/" + id);
        assertThat(text(forCompany.pdf())).contains("沈阳文书餐饮有限公司：", "统一社会信用代码", "经办人");
        mvc.perform(get("/api/v1/cases/applications/" + id + "/documents").with(as(person(applicant))))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].kind").value("acceptance"))
                .andExpect(jsonPath("$[0].title").value("受理通知书"));
    }

    @Test
    void theCorrectionNoticeListsEveryDeficiencyWithItsReasonAtOnce() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书补正丙");
        acceptance.withClock(at("2026-03-03T10:00")).requestCorrections(window, id, version(id), List.of(
                new ApplicationView.Deficiency("MATERIAL", "0", "营业执照复印件", "已过有效期，请提交有效期内的营业执照"),
                new ApplicationView.Deficiency("FIELD", "address", "经营场所", "未写明门牌号")));

        String text = text(mvc.perform(get("/account/cases/" + id + "/documents/correction")
                .with(as(person(applicant)))).andExpect(status().isOk()).andReturn());
        assertThat(text).contains("补正材料通知书", "一次性告知", "营业执照复印件", "已过有效期，请提交有效期内的营业执照",
                "经营场所", "未写明门牌号", "2026年3月3日", "不再要求补正");
        number(text, Pattern.compile("浑南市监补字〔2026〕第\\d+号"));
    }

    @Test
    void theNoticeOfNonAcceptanceGivesTheReasonAndTheRightsToReconsiderationAndLitigation() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书不受理丁");
        acceptance.withClock(at("2026-03-03T10:00")).notAccept(window, id, version(id),
                "申请事项依法不需要取得行政许可", "可向本机关咨询相关备案手续。");

        String text = text(mvc.perform(get("/account/cases/" + id + "/documents/not-accepted")
                .with(as(person(applicant)))).andExpect(status().isOk()).andReturn());
        assertThat(text).contains("不予受理通知书", "申请事项依法不需要取得行政许可", "可向本机关咨询相关备案手续",
                "六十日内", "行政复议", "六个月内", "行政诉讼");
        number(text, Pattern.compile("浑南市监不受字〔2026〕第\\d+号"));
    }

    @Test
    void theRefusalDecisionGivesEveryBranchOpinionOfTheParallelReviewAndTheRemedies() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书不予许可戊");
        Clock day = at("2026-03-02T09:00");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        act(engine, fireReviewer, id, TaskAction.REJECT, "厨房未设置独立排烟管道，不符合消防要求");
        act(engine, healthReviewer, id, TaskAction.APPROVE, "从业人员健康证明齐全");
        act(engine, marketReviewer, id, TaskAction.APPROVE, "经营场所布局合理");
        TaskView decide = only(engine.todo(approver), id);
        engine.act(approver, decide.id(), decide.version(), TaskAction.REFUSE, new CaseProcessing.ActionInput(
                "消防安全检查不合格", null, null, "《中华人民共和国行政许可法》第三十八条第二款",
                "如不服本决定，可以自收到本决定之日起六十日内申请行政复议，或者六个月内提起行政诉讼。"));

        String text = text(mvc.perform(get("/account/cases/" + id + "/documents/refusal")
                .with(as(person(applicant)))).andExpect(status().isOk()).andReturn());
        assertThat(text).contains("不予行政许可决定书", "消防安全检查不合格", "消防安全检查", "厨房未设置独立排烟管道",
                "从业人员健康证明齐全", "经营场所布局合理", "不同意", "六十日内", "六个月内", "2026年3月2日");
        number(text, Pattern.compile("浑南市监许字〔2026〕第\\d{5}号"));
        // The officer's task page links the decision.
        mvc.perform(CaseFixtures.page(mvc, approver, "/workbench/tasks/" + decide.id()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/workbench/cases/" + id + "/documents/refusal")));
    }

    @Test
    void theLicenceDecisionNamesTheBasisAndTheLicenceToBeIssued() throws Exception {
        UUID applicant = UUID.randomUUID();
        UUID id = submitted(applicant, "文书准予己");
        Clock day = at("2026-03-02T09:00");
        acceptance.withClock(day).accept(window, id, version(id));
        CaseProcessing engine = processing.withClock(day);
        for (SignedIn reviewer : List.of(fireReviewer, healthReviewer, marketReviewer)) {
            act(engine, reviewer, id, TaskAction.APPROVE, null);
        }
        TaskView decide = only(engine.todo(approver), id);
        engine.act(approver, decide.id(), decide.version(), TaskAction.GRANT, new CaseProcessing.ActionInput(
                "符合《食品经营许可和备案管理办法》规定的条件", null, null, "《中华人民共和国食品安全法》第三十五条", null));

        String text = text(mvc.perform(get("/account/cases/" + id + "/documents/grant")
                .with(as(person(applicant)))).andExpect(status().isOk()).andReturn());
        assertThat(text).contains("准予行政许可决定书", "符合《食品经营许可和备案管理办法》规定的条件",
                "《中华人民共和国食品安全法》第三十五条", "决定准予行政许可", "食品经营许可证", "第四十四条");
        String decisionNumber = jdbc.queryForObject("select decision_number from cases_case where application_id = ?",
                String.class, id);
        assertThat(text).contains(decisionNumber);
        number(text, Pattern.compile("浑南市监许字〔2026〕第\\d{5}号"));
    }

    // --- fixtures

    private void act(CaseProcessing engine, SignedIn reviewer, UUID id, TaskAction action, String opinion) {
        TaskView t = only(engine.todo(reviewer), id);
        engine.act(reviewer, t.id(), t.version(), action, CaseProcessing.ActionInput.opinion(opinion));
    }

    /** The document's text without line breaks and spaces (lines wrap anywhere in Chinese text). */
    private static String text(MvcResult result) throws IOException {
        return text(result.getResponse().getContentAsByteArray());
    }

    private static String text(byte[] document) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(document)) {
            return new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
        }
    }

    private static String number(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("document number %s in %s", pattern, text).isTrue();
        return matcher.group();
    }

    private UUID submitted(UUID applicant, String name) {
        return CaseFixtures.submitted(jdbc, itemCode, applicant, name);
    }

    private UUID body(String category) {
        return CaseFixtures.body(jdbc, category);
    }

    private long version(UUID id) {
        return CaseFixtures.version(jdbc, id);
    }
}

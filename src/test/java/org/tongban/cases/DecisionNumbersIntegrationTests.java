package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;
import static org.tongban.cases.CaseFixtures.person;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.internal.DecisionNumbers;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;

/**
 * Numbers (文号) of licensing decisions (行政许可法 Art. 37–38): given when the decision is made, inside its transaction,
 * one gap-free sequence per deciding body and year, printed on the decision document and shown with the case.
 */
@TongbanIntegrationTest
class DecisionNumbersIntegrationTests {

    private static final String FOOD = "011070001000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    DecisionNumbers numbers;
    @Autowired
    Organization organization;
    @Autowired
    TransactionTemplate transactions;

    private String itemCode;
    private UUID itemBody;
    private SignedIn window;
    private SignedIn approver;

    @BeforeEach
    void hunnanRestaurantProcess() {
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        window = officer("文号窗口", itemBody, StaffRole.WINDOW_OFFICER);
        approver = officer("文号负责人", itemBody, StaffRole.APPROVER);
    }

    @Test
    void eachBodyAndYearHasItsOwnGapFreeSequenceAndARolledBackNumberIsGivenBack() {
        // Bodies named as the demo's market regulation and housing bodies of 浑南区, with sequences of their own.
        BodySummary market = fresh(organization.body(itemBody));
        BodySummary housing = fresh(organization.body(CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL")));

        assertThat(next(market, 2026).number()).isEqualTo("浑南市监许字〔2026〕第00001号");
        assertThat(next(market, 2026).number()).isEqualTo("浑南市监许字〔2026〕第00002号");
        assertThat(next(housing, 2026).number()).isEqualTo("浑南住建许字〔2026〕第00001号");
        assertThat(next(market, 2027).number()).isEqualTo("浑南市监许字〔2027〕第00001号");

        // Drawn by a transaction that rolls back: the number is not used up.
        String rolledBack = transactions.execute(status -> {
            String number = numbers.next(market, 2026).number();
            status.setRollbackOnly();
            return number;
        });
        assertThat(rolledBack).isEqualTo("浑南市监许字〔2026〕第00003号");
        DecisionNumbers.Assigned after = next(market, 2026);
        assertThat(after.sequence()).isEqualTo(3);
        assertThat(after.number()).isEqualTo("浑南市监许字〔2026〕第00003号");
    }

    @Test
    void decisionsAreNumberedInTheOrderTheyAreMadeAndADecisionThatRollsBackTakesNoNumber() throws Exception {
        UUID rolledBack = atDecision("文号申请人甲");
        UUID granted = atDecision("文号申请人乙");
        int before = lastValue();
        CaseProcessing engine = processing.withClock(at("2026-03-04T10:00"));

        // A decision whose transaction rolls back (here: the caller's, which the decision joins).
        TaskView first = only(engine.todo(approver), rolledBack);
        transactions.executeWithoutResult(status -> {
            engine.act(approver, first.id(), first.version(), TaskAction.GRANT, grant());
            assertThat(decisionNumber(rolledBack)).isNotNull();
            status.setRollbackOnly();
        });
        assertThat(decisionNumber(rolledBack)).isNull();
        assertThat(lastValue()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select state from cases_case where application_id = ?", String.class,
                rolledBack)).isEqualTo("RUNNING");

        // The next decision gets the next number; the one decided after it the one after.
        TaskView second = only(engine.todo(approver), granted);
        engine.act(approver, second.id(), second.version(), TaskAction.GRANT, grant());
        TaskView again = only(engine.todo(approver), rolledBack);
        engine.act(approver, again.id(), again.version(), TaskAction.REFUSE, new CaseProcessing.ActionInput(
                "经营场所不符合要求", null, null, "《中华人民共和国行政许可法》第三十八条第二款",
                "如不服本决定，可以自收到本决定之日起六十日内申请行政复议，或者六个月内提起行政诉讼。"));
        assertThat(decisionNumber(granted)).isEqualTo("浑南市监许字〔2026〕第%05d号".formatted(before + 1));
        assertThat(decisionNumber(rolledBack)).isEqualTo("浑南市监许字〔2026〕第%05d号".formatted(before + 2));
        assertThat(jdbc.queryForList("select decision_sequence from cases_case where application_id in (?, ?) "
                + "order by decision_sequence", Integer.class, granted, rolledBack))
                .containsExactly(before + 1, before + 2);

        // The number is shown with the case (API and page) and printed on the decision document.
        String number = decisionNumber(granted);
        UUID applicant = jdbc.queryForObject("select applicant_account from cases_application where id = ?",
                UUID.class, granted);
        mvc.perform(get("/api/v1/cases/applications/" + granted + "/progress").with(as(person(applicant))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.decisionNumber").value(number));
        mvc.perform(get("/api/v1/cases/tasks/" + second.id()).with(as(approver)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.progress.decisionNumber").value(number));
        byte[] pdf = mvc.perform(get("/api/v1/cases/applications/" + granted + "/documents/grant")
                        .with(as(person(applicant))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(text(pdf)).contains(number, "准予行政许可决定书");
        assertThat(jdbc.queryForObject("select number from cases_document where application_id = ? and kind = 'GRANT'",
                String.class, granted)).isEqualTo(number);
        // Downloading the decision document draws no number of its own.
        assertThat(lastValue()).isEqualTo(before + 2);
    }

    // --- fixtures

    private DecisionNumbers.Assigned next(BodySummary body, int year) {
        return transactions.execute(status -> numbers.next(body, year));
    }

    private static BodySummary fresh(BodySummary body) {
        return new BodySummary(UUID.randomUUID(), null, body.name(), body.category(), body.level(),
                body.divisionCode(), body.divisionName(), body.phone(), body.sample());
    }

    private static CaseProcessing.ActionInput grant() {
        return new CaseProcessing.ActionInput("符合条件", null, null, "《中华人民共和国食品安全法》第三十五条", null);
    }

    /** An application of 开餐馆 accepted and reviewed by the three bodies: its decision task is open. */
    private UUID atDecision(String applicantName) {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, UUID.randomUUID(), applicantName);
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        CaseProcessing engine = processing.withClock(at("2026-03-03T10:00"));
        for (SignedIn reviewer : List.of(officer("文号市监审查", itemBody, StaffRole.REVIEWER),
                officer("文号住建审查", CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL"), StaffRole.REVIEWER),
                officer("文号卫健审查", CaseFixtures.body(jdbc, "HEALTH"), StaffRole.REVIEWER))) {
            TaskView task = only(engine.todo(reviewer), id);
            engine.act(reviewer, task.id(), task.version(), TaskAction.APPROVE, null);
        }
        return id;
    }

    private String decisionNumber(UUID id) {
        return jdbc.queryForObject("select decision_number from cases_case where application_id = ?", String.class,
                id);
    }

    private int lastValue() {
        return jdbc.queryForList("select last_value from cases_decision_sequence where body_id = ? and year = 2026",
                Integer.class, itemBody).stream().findFirst().orElse(0);
    }

    private static String text(byte[] document) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(document)) {
            return new PDFTextStripper().getText(pdf).replaceAll("\\s", "");
        }
    }
}

package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.only;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseDelivery;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.DeliveryMethod;
import org.tongban.cases.DeliveryView;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;

/**
 * 电子送达 through the wallet: a case is decided, the e-certificate for it is issued to the applicant, and the
 * applicant opening it in 我的证照 delivers the result chosen online and completes the case — once, and only when the
 * delivery step is open; public verification of the certificate delivers nothing.
 */
@TongbanIntegrationTest
class WalletDeliveryIntegrationTests {

    private static final String PASSWORD = "Liaoning#2026ok";
    private static final String SOCIAL_SECURITY = "11100000MB0T00040Y001";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(300);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Certificates certificates;
    @Autowired
    Organization organization;
    @Autowired
    CaseAcceptance acceptance;
    @Autowired
    CaseProcessing processing;
    @Autowired
    CaseDelivery delivery;

    @Test
    void theApplicantOpeningTheCertificateInTheWalletDeliversTheResultOnline() throws Exception {
        // A registered resident (with an ID number, so the wallet finds what is issued to them).
        int n = SEQUENCE.incrementAndGet();
        String idNumber = CitizenIdNumber.withCheckCharacter("21010619770808" + "%03d".formatted(n)).value();
        String phone = "1337708%04d".formatted(n);
        mvc.perform(post("/register").with(csrf()).param("name", "钱包送达").param("idType", "RESIDENT_ID")
                        .param("idNumber", idNumber).param("phone", phone).param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().is3xxRedirection());
        UUID account = jdbc.queryForObject("select id from identity_account where id_number_masked = ? and name = ?",
                UUID.class, idNumber.substring(0, 4) + "**********" + idNumber.substring(14), "钱包送达");
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", phone)
                .param("password", PASSWORD)).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getCookie("SESSION");

        // The case, delivery chosen online, through review and the grant.
        Map<String, Object> item = jdbc.queryForMap("""
                select i.code, i.body_id from catalog_implementation_item i
                where i.division_code = '210112' and i.status = 'PUBLISHED' and i.guide ->> 'handling' = 'PROMISED'
                  and i.basic_code <> '011070001000'
                  and not exists (select 1 from cases_process_template t where t.basic_code = i.basic_code)
                order by i.code limit 1""");
        UUID body = (UUID) item.get("body_id");
        SignedIn window = CaseFixtures.officer("证照送达窗口", body, StaffRole.WINDOW_OFFICER);
        SignedIn reviewer = CaseFixtures.officer("证照送达审查", body, StaffRole.REVIEWER);
        SignedIn approver = CaseFixtures.officer("证照送达负责人", body, StaffRole.REVIEWER, StaffRole.APPROVER);
        UUID id = CaseFixtures.submitted(jdbc, (String) item.get("code"), account, "钱包送达");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        SignedIn applicant = CaseFixtures.person(account);
        delivery.choose(applicant, id, new CaseDelivery.Choice(DeliveryMethod.ONLINE, null, null, null, null));
        TaskView review = only(processing.todo(reviewer), id);
        processing.act(reviewer, review.id(), review.version(), TaskAction.APPROVE, null);
        TaskView decide = only(processing.todo(approver), id);
        processing.act(approver, decide.id(), decide.version(), TaskAction.GRANT,
                new CaseProcessing.ActionInput("符合条件", null, null, "《中华人民共和国行政许可法》第三十八条", null));
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);

        // The certificate for the case, issued to the applicant by the body of its category.
        UUID issuer = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY).findFirst().orElseThrow()
                .id();
        CertificateView issued = certificates.issue(new IssueRequest(SOCIAL_SECURITY, issuer, Holder.account(account),
                Map.of("SBKH", "210106D1561" + n, "CBD", "辽宁省沈阳市"), null, "CASE", caseNumber, null));

        // Opened while the certificate is still being made (制证): nothing to deliver yet.
        mvc.perform(get("/account/certificates/" + issued.id()).cookie(session)).andExpect(status().isOk());
        assertThat(state(id)).isEqualTo("DECIDED");
        TaskView certify = only(processing.todo(window), id);
        processing.act(window, certify.id(), certify.version(), TaskAction.APPROVE, null);
        TaskView deliver = only(processing.todo(window), id);
        assertThat(deliver.nodeName()).isEqualTo("送达");

        // Someone verifying the certificate publicly does not deliver it.
        mvc.perform(get("/api/v1/certificates/verification").param("identifier", issued.identifier())
                .param("code", issued.verificationCode())).andExpect(status().isOk());
        assertThat(state(id)).isEqualTo("DECIDED");

        // The holder opening it in the wallet does: delivered online, case completed, the certificate named.
        mvc.perform(get("/account/certificates/" + issued.id()).cookie(session)).andExpect(status().isOk());
        DeliveryView delivered = delivery.forApplicant(applicant, id);
        assertThat(delivered.stage()).isEqualTo(DeliveryView.Stage.DELIVERED);
        assertThat(delivered.method()).isEqualTo(DeliveryMethod.ONLINE);
        assertThat(delivered.confirmation()).isEqualTo("OPENED");
        assertThat(delivered.completedAt()).isNotNull();
        assertThat(state(id)).isEqualTo("COMPLETED");
        assertThat(processing.todo(window)).noneMatch(t -> t.id().equals(deliver.id()));
        assertThat(jdbc.queryForList("select note from cases_step where application_id = ? and kind = 'DELIVERED'",
                String.class, id)).containsExactly("ONLINE " + issued.identifier());

        // Opening it again (page, PDF, API) changes nothing.
        mvc.perform(get("/api/v1/certificates/" + issued.id()).cookie(session)).andExpect(status().isOk());
        assertThat(delivery.resultCertificateOpened(applicant, caseNumber, issued.identifier())).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from cases_step where application_id = ? and kind = "
                + "'DELIVERED'", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void onlyTheApplicantAndOnlyAnOnlineChoiceCount() {
        Map<String, Object> item = jdbc.queryForMap("""
                select i.code, i.body_id from catalog_implementation_item i
                where i.division_code = '210112' and i.status = 'PUBLISHED' and i.guide ->> 'handling' = 'PROMISED'
                  and (i.guide ->> 'mailIn')::boolean and i.basic_code <> '011070001000'
                  and not exists (select 1 from cases_process_template t where t.basic_code = i.basic_code)
                order by i.code limit 1""");
        UUID body = (UUID) item.get("body_id");
        SignedIn window = CaseFixtures.officer("证照邮寄窗口", body, StaffRole.WINDOW_OFFICER);
        SignedIn reviewer = CaseFixtures.officer("证照邮寄审查", body, StaffRole.REVIEWER);
        SignedIn approver = CaseFixtures.officer("证照邮寄负责人", body, StaffRole.REVIEWER, StaffRole.APPROVER);
        UUID account = UUID.randomUUID();
        SignedIn applicant = CaseFixtures.person(account);
        UUID id = CaseFixtures.submitted(jdbc, (String) item.get("code"), account, "证照邮寄");
        acceptance.withClock(at("2026-03-02T09:00")).accept(window, id, CaseFixtures.version(jdbc, id));
        delivery.choose(applicant, id, new CaseDelivery.Choice(DeliveryMethod.MAIL, null, "证照邮寄", "13912345670",
                new CaseDelivery.Address("210112", "智慧三街 9 号")));
        TaskView review = only(processing.todo(reviewer), id);
        processing.act(reviewer, review.id(), review.version(), TaskAction.APPROVE, null);
        TaskView decide = only(processing.todo(approver), id);
        processing.act(approver, decide.id(), decide.version(), TaskAction.GRANT,
                new CaseProcessing.ActionInput("符合条件", null, null, "《中华人民共和国行政许可法》第三十八条", null));
        TaskView certify = only(processing.todo(window), id);
        processing.act(window, certify.id(), certify.version(), TaskAction.APPROVE, null);
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);
        // Staff, someone else, and the applicant who chose mail: the result stays to be delivered as chosen.
        assertThat(delivery.resultCertificateOpened(window, caseNumber, "X")).isFalse();
        assertThat(delivery.resultCertificateOpened(CaseFixtures.person(UUID.randomUUID()), caseNumber, "X"))
                .isFalse();
        assertThat(delivery.resultCertificateOpened(applicant, caseNumber, "X")).isFalse();
        assertThat(delivery.resultCertificateOpened(applicant, "NO-SUCH-CASE", "X")).isFalse();
        assertThat(state(id)).isEqualTo("DECIDED");
        assertThat(delivery.forApplicant(applicant, id).stage()).isEqualTo(DeliveryView.Stage.READY);
    }

    private String state(UUID id) {
        return jdbc.queryForObject("select state from cases_case where application_id = ?", String.class, id);
    }
}

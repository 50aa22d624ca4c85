package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseDecided;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * A granted 食品经营许可 case becomes a signed 食品经营许可证 in the company's wallet, filled from what the applicant
 * entered under the licence's own field names; a case for no company is left to the officers and says why.
 */
@TongbanIntegrationTest
class CaseResultIssuanceIntegrationTests {

    private static final String COMPANY = "91210112MA0TB001"; // the demo company; its check characters come from the register

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Applications applications;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    PersonalDataCipher cipher;

    private Map<String, Object> foodItem() {
        return jdbc.queryForMap("select code, version, name, body_id, body_name from catalog_implementation_item "
                + "where basic_code = '011070001000' and division_code = '210112' and status = 'PUBLISHED'");
    }

    private UUID decidedApplication(Map<String, Object> item, String companyName, String creditCode, String number) {
        applications.form(ImplementationCode.of((String) item.get("code"))); // the item's form, as when applying
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into cases_application (id, applicant_account, applicant_name, company_name, company_credit_code,
                    item_code, item_version, item_name, body_id, body_name, status, form_values, case_number, channel,
                    created_at, updated_at, received_at, received_on, decision_due)
                values (?, ?, '张三', ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', cast(? as jsonb), ?, 'WEB', now(), now(), now(),
                    current_date, current_date + 7)""",
                id, UUID.randomUUID(), companyName, creditCode, item.get("code"), item.get("version"), item.get("name"),
                item.get("body_id"), item.get("body_name"), """
                        {"food.category":"CATERING","food.premisesArea":"120","food.address.division":"210112",
                         "food.address.detail":"智慧三街 8 号","food.items":"热食类食品制售"}""", number);
        return id;
    }

    private void decide(UUID id, Map<String, Object> item, String creditCode, String number) {
        transactions.executeWithoutResult(status -> events.publishEvent(new CaseDecided(id, number,
                (String) item.get("code"), (UUID) item.get("body_id"), (String) item.get("body_name"), UUID.randomUUID(),
                "张三", null, creditCode, "GRANTED", "D" + number, org.tongban.ChinaTime.today(), "LICENCE", "食品经营许可证")));
    }

    private List<Map<String, Object>> awaitRows(String sql, Object... args) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Map<String, Object>> rows = jdbc.queryForList(sql, args);
            if (!rows.isEmpty()) {
                return rows;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing arrived for " + sql);
    }

    @Test
    void aGrantedFoodBusinessCaseIssuesTheSignedLicenceFilledFromTheApplication() throws Exception {
        Map<String, Object> item = foodItem();
        String creditCode = jdbc.queryForObject("select credit_code from identity_enterprise_register "
                + "where credit_code like ? limit 1", String.class, COMPANY + "%");
        String number = item.get("code") + "20261124" + "991001";
        UUID id = decidedApplication(item, "沈阳浑南通办科技有限公司（演示）", creditCode, number);
        decide(id, item, creditCode, number);

        Map<String, Object> issued = awaitRows("select * from certificates_certificate where case_reference = ?",
                number).getFirst();
        assertThat(issued.get("source")).isEqualTo("CASE");
        assertThat(issued.get("status")).isEqualTo("VALID");
        assertThat(issued.get("holder_kind")).isEqualTo("COMPANY");
        assertThat(issued.get("holder_name")).isEqualTo("沈阳浑南通办科技有限公司（演示）");
        assertThat(issued.get("issuer_body_id")).isEqualTo(item.get("body_id"));
        assertThat(issued.get("type_code")).isEqualTo(jdbc.queryForObject(
                "select code from certificates_type where name = '食品经营许可证'", String.class));
        String payload = cipher.decrypt((String) issued.get("payload_cipher"));
        assertThat(payload).contains("热食类食品制售", "餐饮服务经营者", "智慧三街 8 号", "浑南区", "张三");
    }

    @Test
    void aGrantedCaseForNoCompanyIsLeftToTheOfficersWithTheReason() throws Exception {
        Map<String, Object> item = foodItem();
        String number = item.get("code") + "20261124" + "991002";
        UUID id = decidedApplication(item, null, null, number);
        decide(id, item, null, number);
        Map<String, Object> noted = awaitRows("select * from platform_audit_event where action = "
                + "'certificate.not-issued-from-case' and target_id = ?", number).getFirst();
        assertThat((String) noted.get("detail")).contains("食品经营许可证", "certificates.case.no-company");
        assertThat(jdbc.queryForObject("select count(*) from certificates_certificate where case_reference = ?",
                Integer.class, number)).isZero();
    }
}

package org.tongban.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.PersonalData;

/**
 * Form values written in clear (before sealing began, or by hand) are sealed by the background job (DOMAIN §8); the
 * job finds them through a partial index that holds only such rows, so it costs nothing once all are sealed.
 */
@TongbanIntegrationTest
class FormValueSealingIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FormValueSealing sealing;
    @Autowired
    PersonalData personalData;

    @Test
    void clearFormValuesAreSealedOnceAndTheIndexOfClearRowsEmpties() {
        String item = jdbc.queryForObject("select code from catalog_implementation_item where status = 'PUBLISHED' "
                + "and code like '%011070001000' order by code limit 1", String.class);
        UUID account = jdbc.queryForObject("select id from identity_account order by created_at limit 1", UUID.class);
        UUID id = CaseFixtures.submitted(jdbc, item, account, "封存前");
        jdbc.update("update cases_application set form_values = '{\"scope\": \"餐饮服务\"}'::jsonb, "
                + "form_values_sealed = null where id = ?", id);
        assertThat(clearRows()).isPositive();

        assertThat(sealing.sealClearValues()).isPositive();

        Map<String, Object> row = jdbc.queryForMap("select form_values::text as clear, form_values_sealed "
                + "from cases_application where id = ?", id);
        assertThat(row.get("clear")).isEqualTo("{}");
        assertThat(personalData.decrypt((String) row.get("form_values_sealed"))).contains("餐饮服务");
        assertThat(clearRows()).isZero();
        assertThat(sealing.sealClearValues()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = "
                + "'cases_application_clear_values'", Integer.class)).isEqualTo(1);
    }

    private int clearRows() {
        return jdbc.queryForObject("select count(*) from cases_application where form_values_sealed is null "
                + "and form_values <> '{}'::jsonb", Integer.class);
    }
}

package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tongban.identity.ActingFor;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

class TongbanClaimsTests {

    private final SignedIn person = new SignedIn(UUID.randomUUID(), "张三", false, 2, Set.of(), null, null, null);

    @Test
    void aPersonActingForThemselfIsANaturalPersonWithTheirLevel() {
        assertThat(TongbanClaims.of(person)).containsEntry("tongban_subject_type", "natural_person")
                .containsEntry("tongban_level", 2).containsEntry("acr", "urn:tongban:loa:2")
                .doesNotContainKeys("tongban_company_credit_code", "tongban_company_name");
    }

    @Test
    void anAgentCarriesTheCompanysCreditCodeAndName() {
        SignedIn agent = person.actingFor(new ActingFor(UUID.randomUUID(), "沈阳示例科技有限公司", "91210100MA0XXXXX0X",
                Set.of(), LocalDate.of(2027, 1, 1)));
        assertThat(TongbanClaims.of(agent)).containsEntry("tongban_subject_type", "legal_person_agent")
                .containsEntry("tongban_company_credit_code", "91210100MA0XXXXX0X")
                .containsEntry("tongban_company_name", "沈阳示例科技有限公司");
    }

    @Test
    void staffAreStaff() {
        SignedIn staff = new SignedIn(UUID.randomUUID(), "窗口", true, 3, Set.of(StaffRole.WINDOW_OFFICER),
                UUID.randomUUID(), "210112", null);
        assertThat(TongbanClaims.of(staff)).containsEntry("tongban_subject_type", "staff");
    }
}

package org.tongban.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tongban.cases.CasesProperties;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.shared.DivisionLevel;

/** The prefix and form of decision numbers (文号), without the database. */
class DecisionNumbersTests {

    @Test
    void theDefaultPrefixIsThePlaceAndTheDepartmentsShortNameFromTheBodysName() {
        assertThat(DecisionNumbers.defaultPrefix(body("沈阳市浑南区市场监督管理局", BodyCategory.MARKET_REGULATION,
                "沈阳市浑南区"))).isEqualTo("浑南市监许字");
        assertThat(DecisionNumbers.defaultPrefix(body("沈阳市浑南区住房和城乡建设局", BodyCategory.HOUSING_URBAN_RURAL,
                "浑南区"))).isEqualTo("浑南住建许字");
        assertThat(DecisionNumbers.defaultPrefix(body("大连市卫生健康委员会", BodyCategory.HEALTH, "大连市")))
                .isEqualTo("大连卫健许字");
        // A name that is no known kind of department: the body's category decides.
        assertThat(DecisionNumbers.defaultPrefix(body("沈阳市浑南区某某中心", BodyCategory.MARKET_REGULATION,
                "沈阳市浑南区"))).isEqualTo("浑南市监许字");
    }

    @Test
    void aConfiguredPrefixOfTheBodyWinsAndTheSequenceIsZeroPadded() {
        CasesProperties.DecisionNumbers settings = new CasesProperties.DecisionNumbers(
                Map.of("11210112MB0000000X", "浑南市监审许字"), 4);
        DecisionNumbers numbers = new DecisionNumbers(null, properties(settings));
        BodySummary configured = new BodySummary(UUID.randomUUID(), "11210112MB0000000X", "沈阳市浑南区市场监督管理局",
                BodyCategory.MARKET_REGULATION, DivisionLevel.COUNTY, "210112", "沈阳市浑南区", null, false);
        assertThat(numbers.prefix(configured)).isEqualTo("浑南市监审许字");
        assertThat(numbers.prefix(body("沈阳市浑南区市场监督管理局", BodyCategory.MARKET_REGULATION, "沈阳市浑南区")))
                .isEqualTo("浑南市监许字");
        assertThat(DecisionNumbers.format("浑南市监许字", 2026, 12, 5)).isEqualTo("浑南市监许字〔2026〕第00012号");
        assertThatThrownBy(() -> new CasesProperties.DecisionNumbers(Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CasesProperties.DecisionNumbers(Map.of("X", " "), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CasesProperties properties(CasesProperties.DecisionNumbers numbers) {
        CasesProperties defaults = new CasesProperties(null, 5, null, null, numbers);
        return defaults;
    }

    private static BodySummary body(String name, BodyCategory category, String division) {
        return new BodySummary(UUID.randomUUID(), null, name, category, DivisionLevel.COUNTY, "210112", division, null,
                false);
    }
}

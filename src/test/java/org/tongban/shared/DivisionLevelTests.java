package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 行使层级 codes carried by implementation codes: 2 province, 3 city, 4 county; 5 township, 6 village (DOMAIN §2). */
class DivisionLevelTests {

    @Test
    void theLevelsRunTopDown() {
        assertThat(DivisionLevel.values()).containsExactly(DivisionLevel.PROVINCE, DivisionLevel.CITY,
                DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP, DivisionLevel.VILLAGE);
    }

    @ParameterizedTest
    @CsvSource({ "PROVINCE,2", "CITY,3", "COUNTY,4", "TOWNSHIP,5", "VILLAGE,6" })
    void eachLevelHasItsExerciseLevelCodeAndIsFoundByIt(DivisionLevel level, int code) {
        assertThat(level.exerciseLevelCode()).isEqualTo(code);
        assertThat(DivisionLevel.ofExerciseLevelCode(code)).isSameAs(level);
    }

    @ParameterizedTest
    @ValueSource(ints = { Integer.MIN_VALUE, -2, 0, 1, 7, 10, 1000 })
    void anyOtherCodeIsUnknown(int code) {
        InvalidValueException e = rejected(() -> DivisionLevel.ofExerciseLevelCode(code));

        assertThat(e.code()).isEqualTo("shared.division-level.unknown");
        assertThat(e.value()).isEqualTo(String.valueOf(code));
        // {0} of the message: the code as typed, not a number that MessageFormat would group as "1,000".
        assertThat(e.arguments()).containsExactly(String.valueOf(code));
    }
}

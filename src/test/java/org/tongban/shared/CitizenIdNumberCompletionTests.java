package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CitizenIdNumberCompletionTests {

    @Test
    void completesTheStandardsExampleWithItsCheckCharacter() {
        // GB 11643-1999's example: 11010519491231002 + X (sum 167, 167 mod 11 = 2 → X).
        assertThat(CitizenIdNumber.withCheckCharacter("11010519491231002").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void refusesAnythingButSeventeenDigitsOrAnImpossibleBirthDate() {
        assertThatThrownBy(() -> CitizenIdNumber.withCheckCharacter("1101051949123100"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("shared.citizen-id.format"));
        assertThatThrownBy(() -> CitizenIdNumber.withCheckCharacter("11010519490231002"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("shared.citizen-id.birth-date"));
    }
}

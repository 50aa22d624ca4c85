package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Waybill numbers are checked per carrier when an officer records a posting. */
class CarrierTests {

    @Test
    void acceptsAnEmsS10NumberOnlyWithItsCheckDigit() {
        // 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7 = 204; 204 mod 11 = 6; 11 − 6 = 5
        assertThat(Carrier.EMS.normalize("EA123456785CN")).isEqualTo("EA123456785CN");
        assertThat(Carrier.EMS.normalize("ea 1234 5678 5cn")).isEqualTo("EA123456785CN");
        assertThat(Carrier.EMS.normalize("EA123456784CN")).isNull();
        assertThat(Carrier.EMS.normalize("1234567890123")).isEqualTo("1234567890123");
    }

    @Test
    void checkDigitTenBecomesZeroAndElevenBecomesFive() {
        // 00000001: sum 7, 11 − 7 = 4
        assertThat(Carrier.s10CheckDigitValid("RR000000014CN")).isTrue();
        // 02000000: sum 12, 12 mod 11 = 1, 11 − 1 = 10 → 0
        assertThat(Carrier.s10CheckDigitValid("RR020000000CN")).isTrue();
        assertThat(Carrier.s10CheckDigitValid("RR020000001CN")).isFalse();
        // 00000000: sum 0, 11 − 0 = 11 → 5
        assertThat(Carrier.s10CheckDigitValid("RR000000005CN")).isTrue();
        // 00000020: sum 18, 18 mod 11 = 7, 11 − 7 = 4
        assertThat(Carrier.s10CheckDigitValid("RR000000204CN")).isTrue();
    }

    @Test
    void refusesNumbersOfAnotherShape() {
        assertThat(Carrier.SF.normalize("SF1234567890123")).isEqualTo("SF1234567890123");
        assertThat(Carrier.SF.normalize("SF12")).isNull();
        assertThat(Carrier.YTO.normalize("1234567890123")).isNull();
        assertThat(Carrier.JD.normalize("JDVA12345678901")).isEqualTo("JDVA12345678901");
        assertThat(Carrier.ZTO.normalize("")).isNull();
        assertThat(Carrier.ZTO.normalize(null)).isNull();
    }
}

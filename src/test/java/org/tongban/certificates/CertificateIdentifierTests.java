package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CertificateIdentifierTests {

    private static final String TYPE = "11100000MB0T00010U001";
    private static final String ISSUER = "91210112MA0TB00116";

    /**
     * Vectors worked by hand with ISO/IEC 7064 MOD 37,36 (p = 36; s = (p + v) mod 36, 0 read as 36; p = 2s mod 37;
     * check = (37 − p) mod 36): "A" → v=10, s=10, p=20, check 17 = H; "0" → s=36, p=35, check 2; "12" → s=1, p=2,
     * then s=4, p=8, check 29 = T.
     */
    @Test
    void computesTheMod3736CheckCharacterOfHandWorkedVectors() {
        assertThat(CertificateIdentifier.checkCharacter("A")).isEqualTo('H');
        assertThat(CertificateIdentifier.checkCharacter("0")).isEqualTo('2');
        assertThat(CertificateIdentifier.checkCharacter("12")).isEqualTo('T');
        assertThat(CertificateIdentifier.checkCharacter(TYPE + ISSUER + "202600000001" + "001")).isEqualTo('F');
    }

    @Test
    void buildsTheGbt36904StructureWithVersionAndCheckCharacter() {
        var identifier = new CertificateIdentifier(TYPE, ISSUER, "202600000001", 1);

        assertThat(identifier.value()).isEqualTo("1.2.156.3005.2." + TYPE + "." + ISSUER + ".202600000001.001.F");
        assertThat(CertificateIdentifier.parse(identifier.value())).isEqualTo(identifier);
        assertThat(identifier.nextVersion().value()).startsWith("1.2.156.3005.2." + TYPE + "." + ISSUER
                + ".202600000001.002.");
    }

    @Test
    void everyCorrectIdentifierEndsTheCheckRunAtOne() {
        // The defining property of the hybrid system: running over data and check character leaves s = 1.
        for (String serial : new String[] { "1", "202600000042", "ABCXYZ0099" }) {
            var identifier = new CertificateIdentifier(TYPE, ISSUER, serial, 7);
            assertThat(CertificateIdentifier.parse(identifier.value().toLowerCase())).isEqualTo(identifier);
        }
    }

    @Test
    void rejectsAWrongCheckCharacterNamingTheExpectedOne() {
        String wrong = "1.2.156.3005.2." + TYPE + "." + ISSUER + ".202600000001.001.G";

        assertThatThrownBy(() -> CertificateIdentifier.parse(wrong))
                .isInstanceOfSatisfying(CertificateRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("certificates.identifier.check");
                    assertThat(e.reason()).isEqualTo(CertificateRefusedException.Reason.BAD_REQUEST);
                    assertThat(e.arguments()).containsExactly("G", "F");
                });
    }

    @Test
    void rejectsAMistypedCharacterThroughTheCheck() {
        String typo = "1.2.156.3005.2." + TYPE + "." + ISSUER + ".202600000002.001.F";

        assertThatThrownBy(() -> CertificateIdentifier.parse(typo))
                .isInstanceOfSatisfying(CertificateRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("certificates.identifier.check"));
    }

    @Test
    void rejectsWhatIsNotShapedLikeAnIdentifier() {
        for (String text : new String[] { null, "", "1.2.156.3005.2.123.456.1.001.A", "not an identifier",
                "1.2.156.3005.2." + TYPE + "." + ISSUER + ".2026.1.F" }) {
            assertThatThrownBy(() -> CertificateIdentifier.parse(text))
                    .isInstanceOfSatisfying(CertificateRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo("certificates.identifier.format"));
        }
    }
}

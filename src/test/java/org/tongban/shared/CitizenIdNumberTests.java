package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GB 11643-1999 citizen identity numbers: check character ISO 7064 MOD 11-2, i.e. weights
 * {@code 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2} (2^(17−i) mod 11) and check {@code 10X98765432}[Σ mod 11]. Every expected
 * check character below is worked out by hand in the comment next to it.
 */
class CitizenIdNumberTests {

    /** The weights as printed in GB 11643, written out so that the tests do not derive them. */
    private static final int[] GB11643_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECKS = "10X98765432";

    /**
     * The example of GB 11643-1999 itself: 北京市朝阳区, born 1949-12-31, sequence 002 (a woman).
     *
     * <pre>
     * 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
     *   = 7 + 9 + 5 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 4 = 167;  167 = 15·11 + 2;  table[2] = X
     * </pre>
     */
    static final String STANDARD_EXAMPLE = "11010519491231002X";

    /** The standard example with sequence 001 (a man): 167 − 2·2 + 1·2 = 165 = 15·11; table[0] = 1. */
    static final String STANDARD_EXAMPLE_MAN = "110105194912310011";

    /**
     * Born on a leap day, 2000-02-29, 沈阳市浑南区, sequence 003 (a man).
     * 2·7 + 1·9 + 0 + 1·5 + 1·8 + 2·4 + 2·2 + 0 + 0 + 0 + 0 + 2·9 + 2·10 + 9·5 + 0 + 0 + 3·2 = 137; 137 = 12·11 + 5;
     * table[5] = 7.
     */
    static final String LEAP_DAY = "210112200002290037";

    /**
     * The second example of GB 11643-1999: 广东省汕头市潮阳县, born 1880-01-01, sequence 001.
     * 4·7 + 4·9 + 0 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0 + 0 + 1·9 + 0 + 1·5 + 0 + 0 + 1·2 = 195; 195 = 17·11 + 8;
     * table[8] = 4. Its check character is right, but the platform refuses births before 1900.
     */
    static final String BORN_1880 = "440524188001010014";

    private static char referenceCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * GB11643_WEIGHTS[i];
        }
        return CHECKS.charAt(sum % 11);
    }

    @Nested
    class ValidNumbers {

        @Test
        void theStandardsExampleIsAWomanBornOnTheLastDayOf1949() {
            CitizenIdNumber id = CitizenIdNumber.of(STANDARD_EXAMPLE);

            assertThat(id.value()).isEqualTo("11010519491231002X");
            assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
            assertThat(id.male()).isFalse();
            assertThat(CitizenIdNumber.isValid(STANDARD_EXAMPLE)).isTrue();
        }

        @Test
        void anOddSequenceNumberIsAMan() {
            CitizenIdNumber id = CitizenIdNumber.of(STANDARD_EXAMPLE_MAN);

            assertThat(id.male()).isTrue();
            assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        }

        @Test
        void aLeapDayBirthIsAccepted() {
            CitizenIdNumber id = CitizenIdNumber.of(LEAP_DAY);

            assertThat(id.birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
            assertThat(id.male()).isTrue();
        }

        @Test
        void moreNumbersFromTheTargetProvincesAreAccepted() {
            // 昆明市五华区 530102, 1980-01-01, seq 123: 35+27+0+5+0+8+2+9+48+0+0+9+0+5+8+8+6 = 170 = 15·11 + 5 → 7
            assertThat(CitizenIdNumber.of("530102198001011237").male()).isTrue();
            // 兰州市城关区 620102, 1999-12-31, seq 456: 42+18+0+5+0+8+2+9+54+27+7+18+30+5+32+20+12 = 289 = 26·11 + 3 → 9
            CitizenIdNumber lanzhou = CitizenIdNumber.of("620102199912314569");
            assertThat(lanzhou.male()).isFalse();
            assertThat(lanzhou.birthDate()).isEqualTo(LocalDate.of(1999, 12, 31));
        }

        @Test
        void aLowerCaseXAndSurroundingWhitespaceAreNormalised() {
            CitizenIdNumber id = CitizenIdNumber.of(" 11010519491231002x\t");

            assertThat(id.value()).isEqualTo(STANDARD_EXAMPLE);
            assertThat(id).isEqualTo(CitizenIdNumber.of(STANDARD_EXAMPLE))
                    .hasSameHashCodeAs(CitizenIdNumber.of(STANDARD_EXAMPLE));
            assertThat(id).isNotEqualTo(CitizenIdNumber.of(STANDARD_EXAMPLE_MAN)).isNotEqualTo(STANDARD_EXAMPLE);
        }

        @Test
        void theNumberIsShownAndLoggedMaskedOnly() {
            CitizenIdNumber id = CitizenIdNumber.of(STANDARD_EXAMPLE);

            assertThat(id.masked()).isEqualTo("1101**********002X").hasSize(18);
            assertThat(id.toString()).isEqualTo("1101**********002X").doesNotContain("19491231");
        }
    }

    @Nested
    class FirstGenerationNumbers {

        @Test
        void aFifteenDigitNumberIsUpgradedWithCenturyAndCheckCharacter() {
            // 110105 491231 002 → 110105 19491231 002 + check: the standard example, check X (worked out above).
            CitizenIdNumber id = CitizenIdNumber.of("110105491231002");

            assertThat(id.value()).isEqualTo(STANDARD_EXAMPLE);
            assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
            assertThat(id).isEqualTo(CitizenIdNumber.of(STANDARD_EXAMPLE));
            assertThat(CitizenIdNumber.of("110105491231001").value()).isEqualTo(STANDARD_EXAMPLE_MAN);
        }

        @Test
        void aFifteenDigitNumberWithANonExistentDateIsABirthDateError() {
            // 000229 means 1900-02-29, and 1900 was not a leap year.
            InvalidValueException e = rejected(() -> CitizenIdNumber.of("210112000229003"));

            assertThat(e.code()).isEqualTo("shared.citizen-id.birth-date");
            assertThat(e.value()).isEqualTo("210112000229003");
            assertThat(rejected(() -> CitizenIdNumber.of("110105491331002")).code())
                    .isEqualTo("shared.citizen-id.birth-date");
        }

        @ParameterizedTest
        @ValueSource(strings = { "11010549123100", "1101054912310021", "11010549123100X" })
        void fourteenSixteenOrAnXInFifteenAreFormatErrors(String text) {
            assertThat(rejected(() -> CitizenIdNumber.of(text)).code()).isEqualTo("shared.citizen-id.format");
        }
    }

    @Nested
    class Rejection {

        @ParameterizedTest
        @ValueSource(strings = { "", "1101051949123100", "11010519491231002", "11010519491231002X1",
                "11010519491231002Y", "1101051949123100XX", "X10105194912310021", "110105-19491231002X",
                "11010519491231 002X", "１１０１０５１９４９１２３１００２Ｘ", "abcdefghijklmnopqr" })
        void anythingButSeventeenDigitsAndACheckCharacterIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> CitizenIdNumber.of(text));

            assertThat(e.code()).isEqualTo("shared.citizen-id.format");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).as("the number is never echoed into messages").isEmpty();
            assertThat(CitizenIdNumber.isValid(text)).isFalse();
        }

        @ParameterizedTest
        @NullSource
        void nullIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> CitizenIdNumber.of(text));

            assertThat(e.code()).isEqualTo("shared.citizen-id.format");
            assertThat(e.value()).isNull();
            assertThat(CitizenIdNumber.isValid(null)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                // 1949-02-31: 7+9+0+5+0+20+2+9+24+27+0+18+30+5+0+0+4 = 160 = 14·11 + 6 → 6 (check right, date wrong)
                "110105194902310026",
                // 1900-02-29: 14+9+0+5+8+8+2+9+0+0+0+18+20+45+0+0+6 = 144 = 13·11 + 1 → 0 (1900 is no leap year)
                "210112190002290030",
                // month 13, month 00, day 00, day 32
                "110105194913310021", "110105194900310021", "110105194912000021", "110105194912320021" })
        void aBirthDateThatDoesNotExistIsABirthDateError(String text) {
            InvalidValueException e = rejected(() -> CitizenIdNumber.of(text));

            assertThat(e.code()).isEqualTo("shared.citizen-id.birth-date");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).isEmpty();
        }

        @Test
        void aBirthBefore1900IsABirthDateErrorEvenWithTheRightCheckCharacter() {
            InvalidValueException e = rejected(() -> CitizenIdNumber.of(BORN_1880));

            assertThat(e.code()).isEqualTo("shared.citizen-id.birth-date");
            assertThat(referenceCheck(BORN_1880.substring(0, 17))).isEqualTo('4');
            // 1900-01-01 is the first day accepted: 2·7+1·9+0+1·5+1·8+2·4+1·2+9·1+0+0+0+1·9+0+1·5+0+0+1·2 = 71 = 6·11 + 5 → 7
            assertThat(CitizenIdNumber.of("210112190001010017").birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = { "110105194912310021", "110105194912310020", "110105194912310029",
                "11010519491231001X", "110105194912310012", "210112200002290036", "21011220000229003X" })
        void aWrongCheckCharacterIsACheckError(String text) {
            InvalidValueException e = rejected(() -> CitizenIdNumber.of(text));

            assertThat(e.code()).isEqualTo("shared.citizen-id.check");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).isEmpty();
            assertThat(e.getMessage()).contains("shared.citizen-id.check");
        }
    }

    @Nested
    class Properties {

        private static String randomFirst17(Random random) {
            StringBuilder first17 = new StringBuilder(17);
            for (int i = 0; i < 6; i++) {
                first17.append(random.nextInt(10));
            }
            LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(45_000));
            first17.append("%04d%02d%02d".formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth()));
            first17.append("%03d".formatted(random.nextInt(1000)));
            return first17.toString();
        }

        @Test
        void exactlyOneOfTheElevenCheckCharactersIsAcceptedForAnyNumber() {
            Random random = new Random(11643);
            for (int n = 0; n < 3_000; n++) {
                String first17 = randomFirst17(random);
                List<Character> accepted = new ArrayList<>();
                for (char check : "0123456789X".toCharArray()) {
                    if (CitizenIdNumber.isValid(first17 + check)) {
                        accepted.add(check);
                    }
                }
                assertThat(accepted).as(first17).containsExactly(referenceCheck(first17));
            }
        }

        @Test
        void everySingleDigitSubstitutionIsDetected() {
            // MOD 11-2: weights are non-zero mod 11 and digits differ by less than 11, so the sum always changes; a
            // changed birth date may be refused even earlier as a date that does not exist.
            Random random = new Random(7064);
            for (int n = 0; n < 500; n++) {
                String first17 = randomFirst17(random);
                String valid = first17 + referenceCheck(first17);
                assertThat(CitizenIdNumber.isValid(valid)).as(valid).isTrue();
                for (int position = 0; position < 18; position++) {
                    for (char typed : "0123456789X".toCharArray()) {
                        if (typed == valid.charAt(position) || (typed == 'X' && position < 17)) {
                            continue;
                        }
                        String changed = valid.substring(0, position) + typed + valid.substring(position + 1);
                        InvalidValueException e = rejected(() -> CitizenIdNumber.of(changed));
                        assertThat(e.code()).as(changed).isIn("shared.citizen-id.check", "shared.citizen-id.birth-date");
                        if (position < 6 || position >= 14) {
                            assertThat(e.code()).as(changed).isEqualTo("shared.citizen-id.check");
                        }
                    }
                }
            }
        }

        @Test
        void everyTranspositionOfTwoNeighbouringDigitsIsDetected() {
            // (a − b)(w_i − w_{i+1}) with w_i = 2·w_{i+1} mod 11 is (a − b)·w_{i+1}, never 0 mod 11.
            Random random = new Random(112);
            for (int n = 0; n < 1_000; n++) {
                String first17 = randomFirst17(random);
                String valid = first17 + referenceCheck(first17);
                for (int i = 0; i < 16; i++) {
                    if (valid.charAt(i) == valid.charAt(i + 1)) {
                        continue;
                    }
                    String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i)
                            + valid.substring(i + 2);
                    assertThat(CitizenIdNumber.isValid(swapped)).as(swapped).isFalse();
                }
            }
        }

        @Test
        void theBirthDateAndSexAreReadFromTheirPositions() {
            Random random = new Random(1999);
            for (int n = 0; n < 1_000; n++) {
                String first17 = randomFirst17(random);
                CitizenIdNumber id = CitizenIdNumber.of(first17 + referenceCheck(first17));
                assertThat(id.birthDate()).isEqualTo(LocalDate.of(Integer.parseInt(first17.substring(6, 10)),
                        Integer.parseInt(first17.substring(10, 12)), Integer.parseInt(first17.substring(12, 14))));
                assertThat(id.male()).isEqualTo("13579".indexOf(first17.charAt(16)) >= 0);
                assertThat(id.masked()).startsWith(first17.substring(0, 4)).endsWith(id.value().substring(14))
                        .contains("*".repeat(10)).doesNotContain("*".repeat(11));
            }
        }
    }
}

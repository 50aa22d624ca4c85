package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GB 32100-2015 unified social credit codes and the GB 11714 organization code inside them.
 *
 * <p>Check character (GB 32100 §5): C18 = 31 − (Σ Ci·Wi mod 31), 31 meaning 0, over the symbol values
 * 0–9 → 0–9, A B C D E F G H J K L M N P Q R T U W X Y → 10 … 30 and the weights (GB 32100 Table 3)
 * {@code 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28}. The expected values below are worked by hand from that
 * table, not produced by the class under test.
 */
class UnifiedSocialCreditCodeTests {

    /** The weights as printed in GB 32100 (3^i mod 31), written out so that the tests do not derive them. */
    private static final int[] GB32100_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
    private static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /**
     * 清华大学 (public institution, 事业单位: registration authority 1 = 机构编制, category 2 = 事业单位, region 100000 =
     * central). Printed on the university's invoices as its taxpayer number.
     *
     * <pre>
     * 1·1 + 2·3 + 1·9 + 0·27 + 0·19 + 0·26 + 0·16 + 0·17 + 4·20 + 0·29 + 0·25 + 0·13 + 0·8 + 0·24 + 6·10 + 2·30 + 4·28
     *   = 1 + 6 + 9 + 80 + 60 + 60 + 112 = 328;  328 = 10·31 + 18;  31 − 18 = 13 → D
     * </pre>
     * Organization code 40000062-4: 4·3 + 6·4 + 2·2 = 40; 40 mod 11 = 7; 11 − 7 = 4.
     */
    static final String TSINGHUA = "12100000400000624D";

    /**
     * 华为技术有限公司 (enterprise, 9 = 工商, 1 = 企业, region 440300 深圳市).
     *
     * <pre>
     * 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 + 3·24 + 8·10 + 2·30 + 1·28
     *   = 9 + 3 + 36 + 108 + 78 + 20 + 261 + 50 + 26 + 72 + 80 + 60 + 28 = 831;  831 = 26·31 + 25;  31 − 25 = 6 → 6
     * </pre>
     * Organization code 19220382-1: 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 164; 164 mod 11 = 10; 11 − 10 = 1.
     */
    static final String HUAWEI = "914403001922038216";

    /**
     * 深圳市腾讯计算机系统有限公司 (Tencent; also the producer code in Tencent's AIGC labels).
     *
     * <pre>
     * 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 7·20 + 0·29 + 8·25 + 4·13 + 6·8 + 1·24 + 1·10 + 3·30 + 6·28
     *   = 9 + 3 + 36 + 108 + 78 + 140 + 200 + 52 + 48 + 24 + 10 + 90 + 168 = 966;  966 = 31·31 + 5;  31 − 5 = 26 → T
     * </pre>
     * Organization code 70846113-6: 7·3 + 8·9 + 4·10 + 6·5 + 1·8 + 1·4 + 3·2 = 181; 181 mod 11 = 5; 11 − 5 = 6.
     */
    static final String TENCENT = "91440300708461136T";

    /**
     * A real code of a public university in Shanghai whose sum happens to be a multiple of 31, so its check character is
     * the "31 means 0" case, and whose organization code has the check X.
     *
     * <pre>
     * 1·1 + 2·3 + 1·9 + 0 + 0 + 0 + 0 + 0 + 4·20 + 2·29 + 5·25 + 0·13 + 0·8 + 6·24 + 1·10 + 5·30 + X(29)·28
     *   = 1 + 6 + 9 + 80 + 58 + 125 + 144 + 10 + 150 + 812 = 1395 = 45·31;  1395 mod 31 = 0 → 31 → 0
     * </pre>
     * Organization code 42500615-X: 4·3 + 2·7 + 5·9 + 0·10 + 0·5 + 6·8 + 1·4 + 5·2 = 133; 133 mod 11 = 1; 11 − 1 = 10 → X.
     */
    static final String CHECK_ZERO = "1210000042500615X0";

    /** Independent reference implementation straight from the standard's formula and table. */
    private static char referenceCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += SYMBOLS.indexOf(first17.charAt(i)) * GB32100_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return SYMBOLS.charAt(c == 31 ? 0 : c);
    }

    @Nested
    class RealCodes {

        @ParameterizedTest
        @ValueSource(strings = { TSINGHUA, HUAWEI, TENCENT, CHECK_ZERO })
        void realCodesOfRealOrganisationsAreAccepted(String text) {
            UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of(text);

            assertThat(code.value()).isEqualTo(text);
            assertThat(code).hasToString(text);
            assertThat(UnifiedSocialCreditCode.isValid(text)).isTrue();
        }

        @Test
        void theRegionAndOrganizationCodeAreCutOutOfTheCode() {
            UnifiedSocialCreditCode huawei = UnifiedSocialCreditCode.of(HUAWEI);

            assertThat(huawei.region()).isEqualTo("440300");
            assertThat(huawei.organizationCode()).isEqualTo("192203821");
            assertThat(UnifiedSocialCreditCode.of(TSINGHUA).region()).isEqualTo("100000");
            assertThat(UnifiedSocialCreditCode.of(TSINGHUA).organizationCode()).isEqualTo("400000624");
            assertThat(UnifiedSocialCreditCode.of(CHECK_ZERO).organizationCode()).isEqualTo("42500615X");
        }

        @Test
        void withCheckCharacterCompletesTheFirstSeventeenSymbolsAsWorkedOutByHand() {
            assertThat(UnifiedSocialCreditCode.withCheckCharacter("12100000400000624").value()).isEqualTo(TSINGHUA);
            assertThat(UnifiedSocialCreditCode.withCheckCharacter("91440300192203821").value()).isEqualTo(HUAWEI);
            assertThat(UnifiedSocialCreditCode.withCheckCharacter("91440300708461136").value()).isEqualTo(TENCENT);
            assertThat(UnifiedSocialCreditCode.withCheckCharacter("1210000042500615X").value()).isEqualTo(CHECK_ZERO);
            assertThat(UnifiedSocialCreditCode.withCheckCharacter("1210000042500615x").value()).isEqualTo(CHECK_ZERO);
        }

        @Test
        void lowerCaseAndSurroundingWhitespaceAreNormalised() {
            UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of("  91440300708461136t\n");

            assertThat(code.value()).isEqualTo(TENCENT);
            assertThat(code).isEqualTo(UnifiedSocialCreditCode.of(TENCENT))
                    .hasSameHashCodeAs(UnifiedSocialCreditCode.of(TENCENT));
            assertThat(code).isNotEqualTo(UnifiedSocialCreditCode.of(HUAWEI)).isNotEqualTo(TENCENT);
        }

        @Test
        void theAlphabetIsTheThirtyOneSymbolsOfTheStandardInValueOrder() {
            assertThat(UnifiedSocialCreditCode.ALPHABET).isEqualTo(SYMBOLS).hasSize(31)
                    .doesNotContain("I", "O", "S", "V", "Z");
        }
    }

    @Nested
    class Rejection {

        @ParameterizedTest
        @ValueSource(strings = { "914403001922038217", "914403001922038210", "91440300192203821Y",
                "12100000400000624C", "12100000400000624c", "91440300708461136U", "1210000042500615X1" })
        void aWrongCheckCharacterIsACheckError(String text) {
            InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.of(text));

            assertThat(e.code()).isEqualTo("shared.credit-code.check");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).containsExactly(text);
            assertThat(UnifiedSocialCreditCode.isValid(text)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = { "", "9144030019220382", "91440300192203821", "9144030019220382166",
                "91440300192203821I", "91440300192203821O", "91440300192203821S", "91440300192203821V",
                "91440300192203821Z", "9144030019220382-6", "9144030019220382 6", "91440A001922038216",
                "9144030O1922038216", "91X40300192203821Q", "１２１０００００４００００００６２４Ｄ" })
        void anythingButEighteenSymbolsWithADigitRegionIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.of(text));

            assertThat(e.code()).isEqualTo("shared.credit-code.format");
            assertThat(e.value()).isEqualTo(text);
            assertThat(UnifiedSocialCreditCode.isValid(text)).isFalse();
        }

        @ParameterizedTest
        @NullSource
        void nullIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.of(text));

            assertThat(e.code()).isEqualTo("shared.credit-code.format");
            assertThat(e.value()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = { "", "1210000040000062", "121000004000006244", "1210000040000062I",
                "12100A0040000062D" })
        void withCheckCharacterRefusesAnythingButSeventeenSymbols(String text) {
            InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.withCheckCharacter(text));

            assertThat(e.code()).isEqualTo("shared.credit-code.format");
            assertThat(e.value()).isEqualTo(text);
        }

        @Test
        void withCheckCharacterRefusesNull() {
            assertThat(rejected(() -> UnifiedSocialCreditCode.withCheckCharacter(null)).code())
                    .isEqualTo("shared.credit-code.format");
        }
    }

    @Nested
    class OrganizationCode {

        @Test
        void theEmbeddedOrganizationCodesOfTheRealCodesGetTheirHandWorkedCheck() {
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("40000062")).isEqualTo("400000624");
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("19220382")).isEqualTo("192203821");
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("70846113")).isEqualTo("708461136");
        }

        @Test
        void tenIsWrittenX() {
            // 4·3 + 2·7 + 5·9 + 6·8 + 1·4 + 5·2 = 133; 133 mod 11 = 1; 11 − 1 = 10 → X
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("42500615")).isEqualTo("42500615X");
        }

        @Test
        void elevenIsWrittenZero() {
            // sum 0; 11 − 0 = 11 → 0.   And 1·3 + 0 … + 4·2 = 11; 11 mod 11 = 0 → 11 → 0.
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("00000000")).isEqualTo("000000000");
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("10000004")).isEqualTo("100000040");
        }

        @Test
        void lettersCountTenToThirtyFive() {
            // M = 22, A = 10: 22·3 + 10·7 = 136; 136 = 12·11 + 4; 11 − 4 = 7
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("MA000000")).isEqualTo("MA0000007");
            // Z = 35: 35·2 = 70; 70 = 6·11 + 4; 11 − 4 = 7
            assertThat(UnifiedSocialCreditCode.organizationCodeWithCheck("0000000Z")).isEqualTo("0000000Z7");
        }

        @ParameterizedTest
        @ValueSource(strings = { "", "4000006", "400000624", "4000006a", "ma000000", "4000-062", "4000 062" })
        void aBodyThatIsNotEightDigitsOrCapitalsIsRefused(String body) {
            InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.organizationCodeWithCheck(body));

            assertThat(e.code()).isEqualTo("shared.organization-code.format");
            assertThat(e.value()).isEqualTo(body);
            assertThat(e.arguments()).containsExactly(body);
        }

        @Test
        void aNullBodyIsRefused() {
            assertThat(rejected(() -> UnifiedSocialCreditCode.organizationCodeWithCheck(null)).code())
                    .isEqualTo("shared.organization-code.format");
        }
    }

    @Nested
    class Properties {

        private static String randomPrefix(Random random) {
            StringBuilder prefix = new StringBuilder(17);
            for (int i = 0; i < 17; i++) {
                prefix.append(i >= 2 && i < 8 ? (char) ('0' + random.nextInt(10))
                        : SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
            }
            return prefix.toString();
        }

        @Test
        void exactlyOneOfTheThirtyOneCheckCharactersIsAcceptedForAnyPrefix() {
            Random random = new Random(32100);
            for (int n = 0; n < 3_000; n++) {
                String prefix = randomPrefix(random);
                List<Character> accepted = new ArrayList<>();
                for (char check : SYMBOLS.toCharArray()) {
                    if (UnifiedSocialCreditCode.isValid(prefix + check)) {
                        accepted.add(check);
                    }
                }
                assertThat(accepted).as(prefix).containsExactly(referenceCheck(prefix));
            }
        }

        @Test
        void everySingleSubstitutionOfAValidCodeIsDetected() {
            // The weights are non-zero mod 31 and 31 is prime, so replacing one symbol by another changes the sum by
            // (a − b)·w ≢ 0 (mod 31): a substitution is always caught by the check, or earlier by the format rule when
            // a letter lands in the region or a symbol outside the alphabet is typed.
            Random random = new Random(11714);
            String allTyped = SYMBOLS + "IOSVZ";
            for (int n = 0; n < 300; n++) {
                String prefix = randomPrefix(random);
                String valid = prefix + referenceCheck(prefix);
                assertThat(UnifiedSocialCreditCode.isValid(valid)).as(valid).isTrue();
                for (int position = 0; position < 18; position++) {
                    for (char typed : allTyped.toCharArray()) {
                        if (typed == valid.charAt(position)) {
                            continue;
                        }
                        String changed = valid.substring(0, position) + typed + valid.substring(position + 1);
                        InvalidValueException e = rejected(() -> UnifiedSocialCreditCode.of(changed));
                        boolean formatBroken = SYMBOLS.indexOf(typed) < 0
                                || (position >= 2 && position < 8 && !Character.isDigit(typed));
                        assertThat(e.code()).as(changed)
                                .isEqualTo(formatBroken ? "shared.credit-code.format" : "shared.credit-code.check");
                    }
                }
            }
        }

        @Test
        void everyTranspositionOfTwoNeighboursAmongTheFirstSeventeenIsDetected() {
            // Swapping a and b at i, i+1 changes the sum by (a − b)(w_i − w_{i+1}) = (a − b)(w_i − 3w_i) = −2w_i(a − b),
            // never 0 mod 31.
            Random random = new Random(31);
            for (int n = 0; n < 1_000; n++) {
                String prefix = randomPrefix(random);
                String valid = prefix + referenceCheck(prefix);
                for (int i = 0; i < 16; i++) {
                    if (valid.charAt(i) == valid.charAt(i + 1)) {
                        continue;
                    }
                    String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i)
                            + valid.substring(i + 2);
                    assertThat(UnifiedSocialCreditCode.isValid(swapped)).as(swapped).isFalse();
                }
            }
        }

        @Test
        void withCheckCharacterAgreesWithTheReferenceForRandomPrefixes() {
            Random random = new Random(2015);
            for (int n = 0; n < 2_000; n++) {
                String prefix = randomPrefix(random);
                assertThat(UnifiedSocialCreditCode.withCheckCharacter(prefix).value())
                        .isEqualTo(prefix + referenceCheck(prefix));
            }
        }
    }
}

package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.shared.Rejections.rejected;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GB/T 2260 division codes (6 digits: province, city, county) and the National Bureau of Statistics 12-digit codes
 * below them (county + 3-digit township + 3-digit village), DOMAIN §2. The real codes used here are from the NBS
 * 2023 release (the same data as {@code organization/divisions-liaoning.csv}).
 */
class DivisionCodeTests {

    /** 辽宁省. */
    static final String LIAONING = "210000";
    /** 沈阳市. */
    static final String SHENYANG = "210100";
    /** 沈阳市浑南区. */
    static final String HUNNAN = "210112";
    /** 浑南区东湖街道 (NBS statistical code). */
    static final String DONGHU = "210112009000";
    /** A village / community code below 东湖街道 (township 009, village 001). */
    static final String DONGHU_VILLAGE = "210112009001";

    private static List<String> lineage(DivisionCode code) {
        List<String> values = new ArrayList<>();
        for (Optional<DivisionCode> at = Optional.of(code); at.isPresent(); at = at.get().parent()) {
            values.add(at.get().value());
        }
        return values;
    }

    @Nested
    class EachLevel {

        @Test
        void aProvinceHasTwoSignificantDigitsAndNoParent() {
            DivisionCode code = DivisionCode.of(LIAONING);

            assertThat(code.value()).isEqualTo("210000");
            assertThat(code.level()).isEqualTo(DivisionLevel.PROVINCE);
            assertThat(code.prefix()).isEqualTo("21");
            assertThat(code.parent()).isEmpty();
            assertThat(code).hasToString("210000");
        }

        @Test
        void aCityHasFourSignificantDigitsAndItsProvinceAsParent() {
            DivisionCode code = DivisionCode.of(SHENYANG);

            assertThat(code.level()).isEqualTo(DivisionLevel.CITY);
            assertThat(code.prefix()).isEqualTo("2101");
            assertThat(code.parent()).map(DivisionCode::value).contains("210000");
            assertThat(code.parent()).map(DivisionCode::level).contains(DivisionLevel.PROVINCE);
        }

        @Test
        void aCountyUsesAllSixDigitsAndHasItsCityAsParent() {
            DivisionCode code = DivisionCode.of(HUNNAN);

            assertThat(code.level()).isEqualTo(DivisionLevel.COUNTY);
            assertThat(code.prefix()).isEqualTo("210112");
            assertThat(code.parent()).map(DivisionCode::value).contains("210100");
            assertThat(code.parent()).map(DivisionCode::level).contains(DivisionLevel.CITY);
        }

        @Test
        void aTownshipHasNineSignificantDigitsAndItsCountyAsParent() {
            DivisionCode code = DivisionCode.of(DONGHU);

            assertThat(code.value()).isEqualTo("210112009000");
            assertThat(code.level()).isEqualTo(DivisionLevel.TOWNSHIP);
            assertThat(code.prefix()).isEqualTo("210112009");
            assertThat(code.parent()).map(DivisionCode::value).contains("210112");
            assertThat(code.parent()).map(DivisionCode::level).contains(DivisionLevel.COUNTY);
        }

        @Test
        void aVillageUsesAllTwelveDigitsAndHasItsTownshipAsParent() {
            DivisionCode code = DivisionCode.of(DONGHU_VILLAGE);

            assertThat(code.level()).isEqualTo(DivisionLevel.VILLAGE);
            assertThat(code.prefix()).isEqualTo("210112009001");
            assertThat(code.parent()).map(DivisionCode::value).contains("210112009000");
            assertThat(code.parent()).map(DivisionCode::level).contains(DivisionLevel.TOWNSHIP);
        }

        @Test
        void theParentChainOfAVillageClimbsThroughEveryLevelToTheProvince() {
            assertThat(lineage(DivisionCode.of(DONGHU_VILLAGE)))
                    .containsExactly("210112009001", "210112009000", "210112", "210100", "210000");
            assertThat(DivisionCode.of(DONGHU_VILLAGE).lineage()).extracting(DivisionCode::value)
                    .containsExactly("210000", "210100", "210112", "210112009000", "210112009001");

            List<DivisionLevel> levels = new ArrayList<>();
            for (Optional<DivisionCode> at = Optional.of(DivisionCode.of(DONGHU_VILLAGE)); at.isPresent();
                    at = at.get().parent()) {
                levels.add(at.get().level());
            }
            assertThat(levels).containsExactly(DivisionLevel.VILLAGE, DivisionLevel.TOWNSHIP, DivisionLevel.COUNTY,
                    DivisionLevel.CITY, DivisionLevel.PROVINCE);
        }

        @Test
        void aCountyLevelCityDirectlyUnderTheProvinceIsACountyBelowThePseudoCity4290() {
            // 湖北省仙桃市 429004: a 省直辖县级行政单位; 4290 is the "省直辖县级行政区划" group, spelled as a city.
            DivisionCode xiantao = DivisionCode.of("429004");

            assertThat(xiantao.level()).isEqualTo(DivisionLevel.COUNTY);
            assertThat(lineage(xiantao)).containsExactly("429004", "429000", "420000");
            assertThat(DivisionCode.of("429000").contains(xiantao)).isTrue();
        }

        @Test
        void townshipsOfAPrefectureCityWithoutCountiesHangDirectlyBelowTheCity() {
            // 广东省东莞市 441900 has no counties: NBS codes its towns 441900xxx000 (东城街道 441900003000) and their
            // communities below them (岗贝社区居民委员会 441900003001). 中山市 442000 and 儋州市 460400 are the same.
            DivisionCode dongcheng = DivisionCode.of("441900003000");
            DivisionCode gangbei = DivisionCode.of("441900003001");

            assertThat(dongcheng.level()).isEqualTo(DivisionLevel.TOWNSHIP);
            assertThat(gangbei.level()).isEqualTo(DivisionLevel.VILLAGE);
            assertThat(lineage(gangbei)).containsExactly("441900003001", "441900003000", "441900", "440000");
            assertThat(DivisionCode.of("441900").contains(gangbei)).isTrue();
            assertThat(DivisionCode.of("440000").contains(dongcheng)).isTrue();
        }

        @Test
        void theParentOfACountyIsTheDivisionItsCodeSpellsEvenWithoutCityDigits() {
            // A county code with city digits 00 spells its province as the next division up; the parent must carry
            // the level that its own code has, or prefix() and contains() would answer for a city that is none.
            DivisionCode county = DivisionCode.of("210001");
            DivisionCode parent = county.parent().orElseThrow();

            assertThat(county.level()).isEqualTo(DivisionLevel.COUNTY);
            assertThat(parent.value()).isEqualTo("210000");
            assertThat(parent.level()).isEqualTo(DivisionLevel.PROVINCE);
            assertThat(parent.prefix()).isEqualTo("21");
            assertThat(parent.contains(DivisionCode.of(SHENYANG))).isTrue();
        }

        @Test
        void theMunicipalitiesAndSpecialAdministrativeRegionsAreProvinces() {
            assertThat(DivisionCode.of("110000").level()).isEqualTo(DivisionLevel.PROVINCE); // 北京市, lowest: 11
            assertThat(DivisionCode.of("500000").level()).isEqualTo(DivisionLevel.PROVINCE); // 重庆市
            assertThat(DivisionCode.of("820000").level()).isEqualTo(DivisionLevel.PROVINCE); // 澳门, highest: 82
            assertThat(lineage(DivisionCode.of("110105"))).containsExactly("110105", "110100", "110000"); // 朝阳区
        }
    }

    @Nested
    class Normalisation {

        @Test
        void aTwelveDigitCodeThatPadsAProvinceIsTheSixDigitProvince() {
            DivisionCode padded = DivisionCode.of("210000000000");

            assertThat(padded.value()).isEqualTo("210000");
            assertThat(padded.level()).isEqualTo(DivisionLevel.PROVINCE);
            assertThat(padded).isEqualTo(DivisionCode.of("210000")).hasSameHashCodeAs(DivisionCode.of("210000"));
        }

        @Test
        void twelveDigitCodesThatPadACityOrCountyAreNormalisedToo() {
            assertThat(DivisionCode.of("210100000000").value()).isEqualTo("210100");
            assertThat(DivisionCode.of("210100000000").level()).isEqualTo(DivisionLevel.CITY);
            assertThat(DivisionCode.of("210112000000").value()).isEqualTo("210112");
            assertThat(DivisionCode.of("210112000000").level()).isEqualTo(DivisionLevel.COUNTY);
        }

        @Test
        void surroundingWhitespaceIsIgnored() {
            assertThat(DivisionCode.of("  210112\t").value()).isEqualTo("210112");
            assertThat(DivisionCode.of("\n210112009000 ").value()).isEqualTo("210112009000");
        }
    }

    @Nested
    class Rejection {

        @ParameterizedTest
        @ValueSource(strings = { "21011", "2101120", "21011200900", "2101120090001", "", "   ", "21A100", "21o100",
                "2101l2", "-21011", "+210112", "2101 12", "210,112", "２１００００", "21011200900X" })
        void anythingButSixOrTwelveAsciiDigitsIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> DivisionCode.of(text));

            assertThat(e.code()).isEqualTo("shared.division-code.format");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).containsExactly(text);
            assertThat(DivisionCode.isValid(text)).isFalse();
        }

        @ParameterizedTest
        @NullSource
        void nullIsAFormatError(String text) {
            InvalidValueException e = rejected(() -> DivisionCode.of(text));

            assertThat(e.code()).isEqualTo("shared.division-code.format");
            assertThat(e.value()).isNull();
            assertThat(DivisionCode.isValid(null)).isFalse();
        }

        @Test
        void aVillageWithoutATownshipDoesNotNest() {
            InvalidValueException e = rejected(() -> DivisionCode.of("210112000001"));

            assertThat(e.code()).isEqualTo("shared.division-code.structure");
            assertThat(e.value()).isEqualTo("210112000001");
            assertThat(e.arguments()).containsExactly("210112000001");
        }

        @ParameterizedTest
        @ValueSource(strings = { "990000", "000000", "100000", "830000", "900101", "000000000000", "990000000000" })
        void aProvinceOutsideElevenToEightyTwoDoesNotExist(String text) {
            InvalidValueException e = rejected(() -> DivisionCode.of(text));

            assertThat(e.code()).isEqualTo("shared.division-code.structure");
            assertThat(e.value()).isEqualTo(text);
            assertThat(e.arguments()).containsExactly(text);
        }

        @Test
        void aTownshipDirectlyUnderAProvinceDoesNotNest() {
            InvalidValueException e = rejected(() -> DivisionCode.of("210000001000"));

            assertThat(e.code()).isEqualTo("shared.division-code.structure");
            assertThat(e.value()).isEqualTo("210000001000");
        }

        @Test
        void aTwelveDigitCodeBelowAnUnknownProvinceNamesTheWholeCodeNotItsHead() {
            // The message shows {0}: it must be what the user typed, not a part of it.
            InvalidValueException e = rejected(() -> DivisionCode.of("990101001001"));

            assertThat(e.code()).isEqualTo("shared.division-code.structure");
            assertThat(e.value()).isEqualTo("990101001001");
            assertThat(e.arguments()).containsExactly("990101001001");
        }

        @Test
        void isValidAnswersWithoutThrowing() {
            assertThat(DivisionCode.isValid("210112009000")).isTrue();
            assertThat(DivisionCode.isValid("210000000000")).isTrue();
            assertThat(DivisionCode.isValid("210112000001")).isFalse();
            assertThat(DivisionCode.isValid("990000")).isFalse();
        }
    }

    @Nested
    class Containment {

        @Test
        void aProvinceContainsEveryDivisionBelowItAndItself() {
            DivisionCode liaoning = DivisionCode.of(LIAONING);

            assertThat(liaoning.contains(liaoning)).isTrue();
            assertThat(liaoning.contains(DivisionCode.of(SHENYANG))).isTrue();
            assertThat(liaoning.contains(DivisionCode.of(HUNNAN))).isTrue();
            assertThat(liaoning.contains(DivisionCode.of(DONGHU))).isTrue();
            assertThat(liaoning.contains(DivisionCode.of(DONGHU_VILLAGE))).isTrue();
            assertThat(liaoning.contains(DivisionCode.of("211481"))).isTrue(); // 兴城市, 葫芦岛
        }

        @Test
        void aProvinceDoesNotContainAnotherProvincesDivisions() {
            DivisionCode liaoning = DivisionCode.of(LIAONING);

            assertThat(liaoning.contains(DivisionCode.of("220000"))).isFalse(); // 吉林省
            assertThat(liaoning.contains(DivisionCode.of("220102"))).isFalse(); // 长春市南关区
            assertThat(liaoning.contains(DivisionCode.of("110105"))).isFalse();
        }

        @Test
        void aCityContainsItsCountiesTownshipsAndVillagesOnly() {
            DivisionCode shenyang = DivisionCode.of(SHENYANG);

            assertThat(shenyang.contains(shenyang)).isTrue();
            assertThat(shenyang.contains(DivisionCode.of(HUNNAN))).isTrue();
            assertThat(shenyang.contains(DivisionCode.of(DONGHU_VILLAGE))).isTrue();
            assertThat(shenyang.contains(DivisionCode.of("210202"))).isFalse(); // 大连市中山区
            assertThat(shenyang.contains(DivisionCode.of("211002"))).isFalse(); // 辽阳市白塔区: 2110 ≠ 2101
            assertThat(shenyang.contains(DivisionCode.of("210200"))).isFalse();
        }

        @Test
        void aCountyContainsItsOwnTownshipsAndVillagesButNoSibling() {
            DivisionCode hunnan = DivisionCode.of(HUNNAN);

            assertThat(hunnan.contains(hunnan)).isTrue();
            assertThat(hunnan.contains(DivisionCode.of(DONGHU))).isTrue();
            assertThat(hunnan.contains(DivisionCode.of(DONGHU_VILLAGE))).isTrue();
            assertThat(hunnan.contains(DivisionCode.of("210113"))).isFalse(); // 沈北新区
            assertThat(hunnan.contains(DivisionCode.of("210102001000"))).isFalse(); // 和平区浑河湾街道
        }

        @Test
        void aTownshipContainsItsVillagesButNotThoseOfAnotherTownship() {
            DivisionCode donghu = DivisionCode.of(DONGHU);

            assertThat(donghu.contains(donghu)).isTrue();
            assertThat(donghu.contains(DivisionCode.of("210112009123"))).isTrue();
            assertThat(donghu.contains(DivisionCode.of("210112010001"))).isFalse(); // village of 五三街道
            assertThat(donghu.contains(DivisionCode.of("210112010000"))).isFalse();
        }

        @Test
        void aVillageContainsOnlyItself() {
            DivisionCode village = DivisionCode.of(DONGHU_VILLAGE);

            assertThat(village.contains(village)).isTrue();
            assertThat(village.contains(DivisionCode.of("210112009002"))).isFalse();
        }

        @Test
        void noDivisionContainsTheDivisionsAboveIt() {
            assertThat(DivisionCode.of(DONGHU_VILLAGE).contains(DivisionCode.of(DONGHU))).isFalse();
            assertThat(DivisionCode.of(DONGHU).contains(DivisionCode.of(HUNNAN))).isFalse();
            assertThat(DivisionCode.of(HUNNAN).contains(DivisionCode.of(SHENYANG))).isFalse();
            assertThat(DivisionCode.of(SHENYANG).contains(DivisionCode.of(LIAONING))).isFalse();
        }
    }

    @Nested
    class ValueSemantics {

        @Test
        void equalCodesAreEqualAndHashAlike() {
            assertThat(DivisionCode.of("210112")).isEqualTo(DivisionCode.of(" 210112 "))
                    .hasSameHashCodeAs(DivisionCode.of("210112"));
            assertThat(DivisionCode.of("210112")).isNotEqualTo(DivisionCode.of("210113"))
                    .isNotEqualTo("210112");
        }

        @Test
        void codesSortByTheirDigits() {
            List<DivisionCode> codes = new ArrayList<>(List.of(DivisionCode.of("210112009000"),
                    DivisionCode.of("210000"), DivisionCode.of("210112"), DivisionCode.of("210100")));
            codes.sort(null);

            assertThat(codes).extracting(DivisionCode::value)
                    .containsExactly("210000", "210100", "210112", "210112009000");
            assertThat(DivisionCode.of("210112").compareTo(DivisionCode.of("210112000000"))).isZero();
        }
    }

    @Nested
    class RealDivisionsOfLiaoning {

        /** {@code code,name,level,parent_code}: 31 provinces, Liaoning's cities, counties and townships (NBS 2023). */
        private static List<String[]> rows() throws IOException {
            InputStream in = DivisionCodeTests.class.getClassLoader()
                    .getResourceAsStream("organization/divisions-liaoning.csv");
            assertThat(in).as("organization/divisions-liaoning.csv on the classpath").isNotNull();
            List<String[]> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo("code,name,level,parent_code");
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        rows.add(line.split(",", -1));
                    }
                }
            }
            return rows;
        }

        @Test
        void everyPublishedCodeParsesToItsPublishedLevelAndParent() throws IOException {
            List<String[]> rows = rows();
            assertThat(rows).hasSize(31 + 14 + 100 + 1406);

            for (String[] row : rows) {
                DivisionCode code = DivisionCode.of(row[0]);
                assertThat(code.value()).as(row[1]).isEqualTo(row[0]);
                assertThat(code.level().name()).as(row[1]).isEqualToIgnoringCase(row[2]);
                assertThat(code.parent().map(DivisionCode::value).orElse("")).as(row[1]).isEqualTo(row[3].strip());
                code.parent().ifPresent(parent -> assertThat(parent.contains(code)).as(row[1]).isTrue());
            }
        }
    }

    @Nested
    class Invariants {

        /** Random well-formed codes of every shape, including odd ones (city digits 00, pseudo-city 90). */
        private static String randomCode(Random random) {
            String province = String.valueOf(11 + random.nextInt(72));
            String city = random.nextInt(5) == 0 ? "00" : "%02d".formatted(random.nextInt(100));
            String county = random.nextInt(4) == 0 ? "00" : "%02d".formatted(random.nextInt(100));
            String six = province + city + county;
            return switch (random.nextInt(3)) {
                case 0 -> six;
                case 1 -> six + "%03d".formatted(1 + random.nextInt(999)) + "000";
                default -> six + "%03d".formatted(1 + random.nextInt(999)) + "%03d".formatted(1 + random.nextInt(999));
            };
        }

        @Test
        void everyParentIsWhatItsOwnCodeSaysAndContainsTheChild() {
            Random random = new Random(2260);
            int checked = 0;
            for (int i = 0; i < 20_000; i++) {
                String text = randomCode(random);
                if (!DivisionCode.isValid(text)) {
                    continue;
                }
                checked++;
                DivisionCode code = DivisionCode.of(text);
                assertThat(DivisionCode.of(code.value())).as(text).isEqualTo(code);
                assertThat(DivisionCode.of(code.value()).level()).as(text).isEqualTo(code.level());
                assertThat(code.contains(code)).as(text).isTrue();
                assertThat(code.prefix()).as(text).isEqualTo(code.value().substring(0, code.prefix().length()));
                Optional<DivisionCode> parent = code.parent();
                assertThat(parent.isEmpty()).as(text).isEqualTo(code.level() == DivisionLevel.PROVINCE);
                if (parent.isPresent()) {
                    DivisionCode up = parent.get();
                    assertThat(up.level()).as(text).isEqualTo(DivisionCode.of(up.value()).level());
                    assertThat(up.level().ordinal()).as(text).isLessThan(code.level().ordinal());
                    assertThat(up.contains(code)).as(text).isTrue();
                    assertThat(code.contains(up)).as(text).isFalse();
                }
            }
            assertThat(checked).isGreaterThan(5_000);
        }
    }
}

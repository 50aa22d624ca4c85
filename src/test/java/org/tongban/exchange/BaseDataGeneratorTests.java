package org.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tongban.exchange.internal.BaseDataGenerator;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

class BaseDataGeneratorTests {

    private static final List<BaseDataGenerator.County> COUNTIES = List.of(
            new BaseDataGenerator.County("210102", "辽宁省沈阳市和平区"),
            new BaseDataGenerator.County("210112", "辽宁省沈阳市浑南区"),
            new BaseDataGenerator.County("210202", "辽宁省大连市中山区"));

    @Test
    void generatesTheSameResidentsAndCompaniesForTheSameSeedInAnyOrder() {
        var first = new BaseDataGenerator(42, COUNTIES);
        var second = new BaseDataGenerator(42, COUNTIES);
        for (long i = 999; i >= 0; i--) {
            assertThat(second.person(i)).isEqualTo(first.person(i));
        }
        for (long k = 0; k < 200; k++) {
            assertThat(second.company(k, 1000)).isEqualTo(first.company(k, 1000));
        }
        assertThat(new BaseDataGenerator(43, COUNTIES).person(7)).isNotEqualTo(first.person(7));
    }

    @Test
    void residentsHaveValidUniqueIdNumbersMatchingSexBirthDateAndCounty() {
        var generator = new BaseDataGenerator(20261124, COUNTIES);
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < 50_000; i++) {
            BaseDataGenerator.Person p = generator.person(i);
            String id = p.idNumber().value();
            assertThat(CitizenIdNumber.isValid(id)).as(id).isTrue();
            assertThat(ids.add(id)).as("unique " + id).isTrue();
            assertThat(p.idNumber().male()).isEqualTo(p.male());
            assertThat(p.idNumber().birthDate()).isEqualTo(p.birthDate());
            assertThat(id.substring(0, 6)).isEqualTo(p.division());
            assertThat(p.birthDate()).isBetween(LocalDate.of(1940, 1, 1), LocalDate.of(2007, 12, 31));
            // Sequences stay below 9xx, which the hand-made demo residents use.
            assertThat(Integer.parseInt(id.substring(14, 17))).isLessThan(900);
            assertThat(p.name()).hasSizeBetween(2, 3);
            assertThat(p.address()).startsWith(COUNTIES.stream().filter(c -> c.code().equals(p.division()))
                    .findFirst().orElseThrow().fullName());
        }
    }

    @Test
    void companiesHaveValidUniqueCreditCodesAndAdultRepresentativesFromThePopulation() {
        var generator = new BaseDataGenerator(20261124, COUNTIES);
        long people = 5_000;
        Set<String> population = new HashSet<>();
        for (long i = 0; i < people; i++) {
            population.add(generator.person(i).idNumber().value());
        }
        Set<String> codes = new HashSet<>();
        for (long k = 0; k < 20_000; k++) {
            BaseDataGenerator.Company c = generator.company(k, people);
            String code = c.creditCode().value();
            assertThat(UnifiedSocialCreditCode.isValid(code)).as(code).isTrue();
            assertThat(codes.add(code)).as("unique " + code).isTrue();
            assertThat(code.substring(8, 11)).isEqualTo("MA1"); // never the demo companies' MA0TB...
            assertThat(population).contains(c.representative().idNumber().value());
            assertThat(c.representative().birthDate()).isBefore(LocalDate.of(2008, 1, 1));
            assertThat(c.name()).endsWith(switch (c.kind()) {
                case "INDIVIDUAL" -> "店";
                case "COOPERATIVE" -> "合作社";
                default -> "公司";
            });
            assertThat(code.substring(0, 2)).isEqualTo(switch (c.kind()) {
                case "INDIVIDUAL" -> "92";
                case "COOPERATIVE" -> "93";
                default -> "91";
            });
        }
    }
}

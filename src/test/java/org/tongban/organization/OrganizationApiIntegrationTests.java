package org.tongban.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

@TongbanIntegrationTest
class OrganizationApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Organization organization;

    @Test
    void aLineageIsTheSameWhenAskedAgainAndAnUnknownDivisionStaysUnknown() {
        DivisionCode township = DivisionCode.of("210112009000");
        List<String> first = organization.lineageCodes(township);
        assertThat(first).containsExactly("210000", "210100", "210112", "210112009000")
                .isEqualTo(township.lineage().stream().map(DivisionCode::value).toList());
        assertThat(organization.lineageCodes(township)).isEqualTo(first);
        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> organization.lineageCodes(DivisionCode.of("210199")))
                    .isInstanceOf(org.tongban.shared.NotFoundException.class);
        }
    }

    @Test
    void aDivisionExistsWhenItIsKnownRememberedOrNotAndAnUnknownOneNever() {
        DivisionCode village = DivisionCode.of("210112009000");
        for (int i = 0; i < 2; i++) {
            assertThat(organization.divisionExists(DivisionCode.of("210112"))).isTrue();
            assertThat(organization.divisionExists(village)).isTrue();
            assertThat(organization.divisionExists(DivisionCode.of("210199"))).isFalse();
        }
        assertThat(organization.divisionExists(DivisionCode.of("210112"))).isEqualTo(
                organization.findDivision(DivisionCode.of("210112")).isPresent());
    }

    @Test
    void aDivisionsBodiesAndEachBodyAreTheSameWhenAskedAgainAndThroughEveryMethod() {
        DivisionCode hunnan = DivisionCode.of("210112");
        List<BodySummary> located = organization.bodiesIn(hunnan);
        assertThat(located).isNotEmpty().allMatch(b -> b.divisionCode().equals("210112"))
                .extracting(BodySummary::id)
                .containsExactlyInAnyOrderElementsOf(organization.bodies(hunnan, false, 0, 200).getContent().stream()
                        .map(BodySummary::id).toList());
        assertThat(organization.bodiesIn(hunnan)).isEqualTo(located);
        BodySummary first = located.getFirst();
        assertThat(organization.body(first.id())).isEqualTo(first).isEqualTo(organization.body(first.id()));
        List<java.util.UUID> ids = located.stream().map(BodySummary::id).toList();
        java.util.UUID unknown = java.util.UUID.randomUUID();
        java.util.List<java.util.UUID> asked = new java.util.ArrayList<>(ids);
        asked.add(unknown);
        java.util.Map<java.util.UUID, BodySummary> byId = organization.bodies(asked);
        assertThat(byId).hasSize(ids.size()).doesNotContainKey(unknown);
        located.forEach(b -> assertThat(byId.get(b.id())).isEqualTo(b));
        assertThat(organization.bodiesIn(DivisionCode.of("210199"))).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> organization.body(unknown))
                .isInstanceOf(org.tongban.shared.NotFoundException.class);
    }

    @Test
    void liaoningHasItsRealDivisionsAtEveryLevel() {
        List<DivisionSummary> cities = organization.children(DivisionCode.of("210000"));
        assertThat(cities).hasSize(14).allMatch(c -> c.level() == DivisionLevel.CITY);
        assertThat(cities).extracting(DivisionSummary::name).contains("沈阳市", "大连市", "葫芦岛市");
        List<DivisionSummary> counties = cities.stream()
                .flatMap(c -> organization.children(DivisionCode.of(c.code())).stream()).toList();
        assertThat(counties).hasSize(100).allMatch(c -> c.level() == DivisionLevel.COUNTY);
        long townships = counties.stream().mapToLong(DivisionSummary::childCount).sum();
        assertThat(townships).isEqualTo(1406);
        assertThat(organization.children(DivisionCode.of("210112009000")))
                .hasSize(3).allMatch(v -> v.level() == DivisionLevel.VILLAGE && v.sample());
    }

    @Test
    void aDivisionAnswersWithItsLevelParentAndChildCount() throws Exception {
        mvc.perform(get("/api/v1/divisions/210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("浑南区"))
                .andExpect(jsonPath("$.level").value("COUNTY"))
                .andExpect(jsonPath("$.parentCode").value("210100"))
                .andExpect(jsonPath("$.fullName").value("辽宁省沈阳市浑南区"))
                .andExpect(jsonPath("$.childCount").value(12));
        mvc.perform(get("/api/v1/divisions/210112009000/lineage"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(org.hamcrest.Matchers.contains(
                        "210000", "210100", "210112", "210112009000")));
    }

    @Test
    void aPaddedTwelveDigitCodeIsTheSameDivision() throws Exception {
        mvc.perform(get("/api/v1/divisions/210100000000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("210100"));
    }

    @Test
    void aMalformedCodeIsABadRequestNamingTheField() throws Exception {
        mvc.perform(get("/api/v1/divisions/21011"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.code").value("shared.division-code.format"))
                .andExpect(jsonPath("$.type").value("urn:tongban:problem:shared.division-code.format"))
                .andExpect(jsonPath("$.field").value("code"))
                .andExpect(jsonPath("$.errors[0].field").value("code"))
                .andExpect(jsonPath("$.detail").value(containsString("行政区划代码")));
    }

    @Test
    void problemsAreInEnglishWhenTheClientAsks() throws Exception {
        mvc.perform(get("/api/v1/divisions/210199").header("Accept-Language", "en"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organization.division.not-found"))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value(containsString("210199")));
    }

    @Test
    void anUnknownButWellFormedCodeIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/divisions/210199"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organization.division.not-found"));
    }

    @Test
    void divisionsAreFoundByName() throws Exception {
        mvc.perform(get("/api/v1/divisions").param("q", "浑南"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].code").value("210112"));
        mvc.perform(get("/api/v1/divisions").param("q", "东湖").param("within", "210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.startsWith("210112"))));
        mvc.perform(get("/api/v1/divisions").param("q", "浑南").param("within", "21x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("within"));
    }

    @Test
    void everyLevelDownToCountyHasItsBodiesWithValidCreditCodes() throws Exception {
        mvc.perform(get("/api/v1/bodies").param("division", "210112").param("size", "50"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(9)))
                .andExpect(jsonPath("$.items[*].name").value(org.hamcrest.Matchers.hasItem("沈阳市浑南区市场监督管理局")));
        var page = organization.bodies(DivisionCode.of("210000"), true, 0, 200);
        assertThat(page.getTotalElements()).isGreaterThan(1500);
        assertThat(page.getContent()).allSatisfy(b -> {
            assertThat(UnifiedSocialCreditCode.isValid(b.creditCode())).as(b.creditCode()).isTrue();
            assertThat(UnifiedSocialCreditCode.of(b.creditCode()).region()).isEqualTo(b.divisionCode().substring(0, 6));
            assertThat(b.sample()).isTrue();
        });
        assertThat(page.getContent()).extracting(BodySummary::creditCode).doesNotHaveDuplicates();
    }

    @Test
    void bodiesRunHallsWithWindows() throws Exception {
        BodySummary centre = organization.searchBodies("浑南区营商环境建设局", DivisionCode.of("210112"), 5).getFirst();
        mvc.perform(get("/api/v1/bodies/{id}/halls", centre.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("辽宁省沈阳市浑南区政务服务中心"))
                .andExpect(jsonPath("$[0].windows", hasSize(7)))
                .andExpect(jsonPath("$[0].windows[0].kind").value("ACCEPTANCE"));
        mvc.perform(get("/api/v1/halls").param("division", "210112009001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].windows", hasSize(1)));
        mvc.perform(get("/api/v1/bodies/{id}", "00000000-0000-0000-0000-000000000000"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organization.body.not-found"));
        mvc.perform(get("/api/v1/bodies/{id}", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("id"));
    }
}

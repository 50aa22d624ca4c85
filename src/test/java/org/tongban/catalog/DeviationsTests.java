package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tongban.catalog.Guide.DayKind;
import org.tongban.catalog.Guide.Handling;
import org.tongban.catalog.Guide.Material;
import org.tongban.catalog.Guide.MaterialForm;
import org.tongban.catalog.Guide.MaterialSource;
import org.tongban.catalog.Guide.MaterialType;
import org.tongban.catalog.Guide.Necessity;
import org.tongban.catalog.Guide.OnlineDepth;
import org.tongban.catalog.Guide.TimeLimit;

class DeviationsTests {

    private static Material material(String name, Necessity necessity, int copies) {
        return new Material(name, MaterialType.FORM, MaterialForm.BOTH, necessity, copies, MaterialSource.APPLICANT,
                null, null, null, null, null, null, null);
    }

    private static Guide guide(List<String> conditions, List<Material> materials, int legal, int promised, int visits,
            OnlineDepth depth, List<Guide.Fee> fees) {
        return new Guide(conditions, materials, List.of(new Guide.ProcessStep("受理", "窗口受理")),
                new TimeLimit(legal, DayKind.WORKING), new TimeLimit(promised, DayKind.WORKING), Handling.PROMISED,
                fees, visits, depth, true, Guide.Reach.PROVINCE, List.of(),
                new Guide.Result(Guide.ResultType.LICENCE, "许可证", null), null, List.of(), AssuranceLevel.L2);
    }

    private final Guide standard = guide(List.of("有固定经营场所"),
            List.of(material("申请书", Necessity.REQUIRED, 1), material("平面图", Necessity.DEFERRABLE, 1)),
            20, 10, 1, OnlineDepth.III, List.of());

    @Test
    void aStricterImplementationHasNoDeviation() {
        Guide stricter = guide(List.of("有固定经营场所"), List.of(material("申请书", Necessity.REQUIRED, 0)), 20, 5, 0,
                OnlineDepth.IV, List.of());
        assertThat(Deviations.of(stricter, standard)).isEmpty();
        assertThat(Deviations.of(standard, standard)).isEmpty();
    }

    @Test
    void everyLoosenedElementIsReported() {
        List<Material> materials = new ArrayList<>(List.of(material("申请书", Necessity.REQUIRED, 3),
                material("平 面 图", Necessity.REQUIRED, 1), material("无犯罪记录证明", Necessity.REQUIRED, 1)));
        Guide looser = guide(List.of("有固定经营场所", "本地户籍"), materials, 30, 15, 2, OnlineDepth.II,
                List.of(new Guide.Fee("咨询费", "100 元", "无", false)));
        assertThat(Deviations.of(looser, standard)).extracting(Deviations.Deviation::code).containsExactlyInAnyOrder(
                "catalog.deviation.legal-limit-longer", "catalog.deviation.promised-limit-longer",
                "catalog.deviation.more-copies", "catalog.deviation.material-required",
                "catalog.deviation.extra-material", "catalog.deviation.extra-condition",
                "catalog.deviation.more-visits", "catalog.deviation.lower-depth", "catalog.deviation.extra-fee");
        assertThat(Deviations.of(looser, standard)).filteredOn(d -> d.code().endsWith("extra-material"))
                .extracting(Deviations.Deviation::arguments).containsExactly(List.of("无犯罪记录证明"));
    }

    @Test
    void naturalDaysAreComparedWithWorkingDaysFairly() {
        Guide natural = new Guide(standard.conditions(), standard.materials(), standard.process(),
                new TimeLimit(28, DayKind.NATURAL), new TimeLimit(14, DayKind.NATURAL), Handling.PROMISED, List.of(),
                1, OnlineDepth.III, true, Guide.Reach.PROVINCE, List.of(), standard.result(), null, List.of(), standard.assuranceLevel());
        // 28 natural days are 4 weeks = 20 working days; 14 natural days = 10 working days: not looser.
        assertThat(Deviations.of(natural, standard)).isEmpty();
        Guide longer = new Guide(standard.conditions(), standard.materials(), standard.process(),
                new TimeLimit(30, DayKind.NATURAL), new TimeLimit(10, DayKind.WORKING), Handling.PROMISED, List.of(),
                1, OnlineDepth.III, true, Guide.Reach.PROVINCE, List.of(), standard.result(), null, List.of(), standard.assuranceLevel());
        assertThat(Deviations.of(longer, standard)).extracting(Deviations.Deviation::code)
                .containsExactly("catalog.deviation.legal-limit-longer");
    }

    @Test
    void anInconsistentGuideIsADeviationEvenIfNothingIsLooser() {
        Guide inconsistent = guide(standard.conditions(), standard.materials(), 20, 10, 1, OnlineDepth.IV, List.of());
        assertThat(Deviations.of(inconsistent, guide(standard.conditions(), standard.materials(), 20, 10, 1,
                OnlineDepth.IV, List.of()))).extracting(Deviations.Deviation::code)
                .containsExactly("catalog.guide.depth-iv-visits");
    }
}

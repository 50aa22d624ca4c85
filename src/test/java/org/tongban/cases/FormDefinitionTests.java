package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tongban.cases.FormField.Choice;
import org.tongban.cases.FormField.Condition;
import org.tongban.cases.FormField.Operator;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rules of application forms: conditions, repeating rows, and what makes a definition publishable. */
class FormDefinitionTests {

    private static final String OPERATOR_ID = "11010519491231002X";

    private static final FormField FORM_OF_ORGANIZATION = new FormField("business.form", FieldType.CHOICE, "组成形式",
            "Form", true, null, null, List.of(new Choice("PERSONAL", "个人经营", null), new Choice("FAMILY", "家庭经营", null)),
            null, 0);

    private static final FormField FAMILY = new FormField("business.family", FieldType.TABLE, "家庭成员", "Family",
            true, null, null, List.of(), null, 0, new Condition("business.form", Operator.EQUALS, List.of("FAMILY")),
            List.of(new FormField("name", FieldType.TEXT, "姓名", "Name", true, null, null, List.of(), null, 20),
                    new FormField("idNumber", FieldType.ID_NUMBER, "身份证号码", "ID", true, null, null, List.of(), null,
                            0)),
            3);

    private static final FormField CAPITAL = new FormField("business.capital", FieldType.MONEY, "资金数额", "Capital",
            true, null, null, List.of(), null, 0);

    private static final FormField GUARANTEE = new FormField("business.guarantee", FieldType.TEXT, "担保说明",
            "Guarantee", true, null, null, List.of(), null, 0,
            new Condition("business.capital", Operator.GREATER_THAN, List.of("100000")), List.of(), 0);

    private static final FormDefinition FORM = new FormDefinition("X", 1, 1,
            List.of(FORM_OF_ORGANIZATION, FAMILY, CAPITAL, GUARANTEE));

    private static List<FieldProblem> problems(Map<String, String> values) {
        return FormValidation.validate(FORM, values, code -> true);
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void aFieldWhoseConditionDoesNotHoldIsNeitherRequiredNorChecked() {
        Map<String, String> values = new HashMap<>(Map.of("business.form", "PERSONAL", "business.capital", "5000",
                "business.family.0.idNumber", "not an id"));
        assertThat(problems(values)).isEmpty();

        values.put("business.capital", "200000");
        assertThat(fields(problems(values))).containsExactly("business.guarantee");
        values.put("business.capital", "100000");
        assertThat(problems(values)).as("greater than, not equal").isEmpty();
    }

    @Test
    void aRequiredTableNeedsOneFilledRowAndEveryCellOfFilledRowsIsChecked() {
        Map<String, String> values = new HashMap<>(Map.of("business.form", "FAMILY", "business.capital", "1"));
        assertThat(problems(values)).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("business.family", "cases.field.rows-required"));

        values.put("business.family.0.name", "");
        values.put("business.family.1.name", "李四");
        values.put("business.family.1.idNumber", "110105194912310021");
        assertThat(fields(problems(values))).as("row 0 empty is ignored; row 1's ID fails its check digit")
                .containsExactly("business.family.1.idNumber");

        values.put("business.family.1.idNumber", OPERATOR_ID.toLowerCase());
        assertThat(problems(values)).isEmpty();
    }

    @Test
    void normalizingDropsFieldsThatDoNotApplyAndNumbersTableRowsWithoutGaps() {
        Map<String, String> values = new HashMap<>(Map.of("business.form", "FAMILY", "business.capital", "5000",
                "business.guarantee", "typed before the amount changed", "business.family.2.name", "王五",
                "business.family.2.idNumber", OPERATOR_ID.toLowerCase(), "business.family.0.name", " ",
                "business.family.7.name", "beyond the table's three rows"));
        Map<String, String> stored = FormValidation.normalize(FORM, values);
        assertThat(stored).containsEntry("business.family.0.name", "王五")
                .containsEntry("business.family.0.idNumber", OPERATOR_ID)
                .doesNotContainKeys("business.guarantee", "business.family.2.name", "business.family.7.name");

        values.put("business.form", "PERSONAL");
        assertThat(FormValidation.normalize(FORM, values)).doesNotContainKeys("business.family.2.name",
                "business.family.0.name");
    }

    @Test
    void removingARowEmptiesItsCells() {
        Map<String, String> values = Map.of("business.family.0.name", "甲", "business.family.1.name", "乙");
        Map<String, String> after = FormValidation.withoutRow(FORM, values, "business.family", 0);
        assertThat(after).containsEntry("business.family.0.name", "").containsEntry("business.family.1.name", "乙");
        assertThat(FormValidation.rows(FAMILY, after)).isEqualTo(2);
        assertThat(FormValidation.filled(FAMILY, 0, after)).isFalse();
    }

    @Test
    void fieldsReadFromJsonWithoutTheOptionalPartsGetTheirDefaults() {
        // As the API may send them, and as forms stored before conditions and tables existed read.
        List<FormField> read = JsonMapper.builder().build().readValue(
                "[{\"key\":\"applicant.name\",\"type\":\"TEXT\",\"label\":\"姓名\",\"maxLength\":50}]",
                new TypeReference<List<FormField>>() {
                });
        assertThat(read).singleElement().satisfies(f -> {
            assertThat(f.required()).isFalse();
            assertThat(f.maxLengthOrDefault()).isEqualTo(50);
            assertThat(f.maxRowsOrDefault()).isEqualTo(FormField.DEFAULT_MAX_ROWS);
            assertThat(f.columns()).isEmpty();
            assertThat(f.shownWhen()).isNull();
        });
    }

    @Test
    void aWellFormedDefinitionHasNoProblems() {
        assertThat(FORM.problems()).isEmpty();
    }

    @Test
    void definitionProblemsAreAllFoundAtOnce() {
        FormField badKey = new FormField("1st", FieldType.TEXT, "甲", null, false, null, null, List.of(), null, 0);
        FormField duplicate = new FormField("business.capital", FieldType.TEXT, "乙", null, false, null, null,
                List.of(), null, 0);
        FormField clash = new FormField("business.capital.extra", FieldType.TEXT, "丙", null, false, null, null,
                List.of(), null, 0);
        FormField noChoices = new FormField("kind", FieldType.CHOICE, "种类", null, false, null, null, List.of(), null, 0);
        FormField laterCondition = new FormField("early", FieldType.TEXT, "早", null, false, null, null, List.of(),
                null, 0, new Condition("late", Operator.FILLED, List.of()), List.of(), 0);
        FormField late = new FormField("late", FieldType.TEXT, "", null, false, null, null, List.of(), null, 0);
        FormField wrongChoice = new FormField("extra", FieldType.TEXT, "额外", null, false, null, null, List.of(), null,
                0, new Condition("business.form", Operator.EQUALS, List.of("COMPANY")), List.of(), 0);
        FormField greaterOnText = new FormField("more", FieldType.TEXT, "更多", null, false, null, null, List.of(),
                null, 0, new Condition("extra", Operator.GREATER_THAN, List.of("1")), List.of(), 0);
        FormField nestedTable = new FormField("rows", FieldType.TABLE, "行", null, false, null, null, List.of(), null,
                0, null, List.of(new FormField("where", FieldType.ADDRESS, "地址", null, false, null, null, List.of(),
                        null, 0)), 0);
        FormField emptyTable = new FormField("none", FieldType.TABLE, "空", null, false, null, null, List.of(), null,
                0, null, List.of(), 0);
        FormDefinition bad = new FormDefinition("X", 1, 0, List.of(FORM_OF_ORGANIZATION, CAPITAL, badKey, duplicate,
                clash, noChoices, laterCondition, late, wrongChoice, greaterOnText, nestedTable, emptyTable));

        assertThat(bad.problems()).extracting(FieldProblem::code).containsExactlyInAnyOrder(
                "cases.form-definition.key-invalid", "cases.form-definition.key-duplicate",
                "cases.form-definition.key-duplicate", "cases.form-definition.choices-missing",
                "cases.form-definition.condition-field", "cases.form-definition.label-missing",
                "cases.form-definition.condition-choice", "cases.form-definition.condition-number",
                "cases.form-definition.column-type", "cases.form-definition.columns-missing");
        assertThat(new FormDefinition("X", 1, 0, List.of()).problems()).extracting(FieldProblem::code)
                .containsExactly("cases.form-definition.empty");
    }
}

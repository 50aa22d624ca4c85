package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.catalog.transfer.TransferFixtures.HUNNAN;
import static org.tongban.catalog.transfer.TransferFixtures.SHENYANG;
import static org.tongban.catalog.transfer.TransferFixtures.body;
import static org.tongban.catalog.transfer.TransferFixtures.simpleItem;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tongban.catalog.Guide;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.transfer.TransferFixtures.Body;
import org.tongban.catalog.transfer.TransferFixtures.DemoItem;
import org.tongban.catalog.transfer.TransferFixtures.References;
import org.tongban.shared.DivisionLevel;

class ImplementationListValidatorTests {

    private final Body city = body(1, SHENYANG, "沈阳市测试局");
    private final Body county = body(2, HUNNAN, "沈阳市浑南区测试局");
    private final DemoItem countyItem = simpleItem(1, List.of(DivisionLevel.COUNTY));
    private final DemoItem cityItem = simpleItem(2, List.of(DivisionLevel.CITY));
    private final DemoItem unpublished = simpleItem(3, List.of(DivisionLevel.COUNTY));

    private List<ImportProblem> problems(References references, List<ImplementationListRow> rows) {
        return new ImplementationListValidator(references).validate(
                ImplementationListJsonTests.read(ImplementationListJsonTests.json(rows))).problems();
    }

    private static ImplementationListRow withDivision(ImplementationListRow row, String division) {
        return new ImplementationListRow(row.implementationCode(), row.name(), row.basicCode(), row.bodyCreditCode(),
                row.level(), division, row.conditions(), row.materials(), row.process(), row.legalDays(),
                row.legalDayKind(), row.promisedDays(), row.promisedDayKind(), row.handling(), row.fees(),
                row.visits(), row.onlineDepth(), row.mailIn(), row.reach(), row.jointBodies(), row.resultType(),
                row.resultName(), row.resultSample(), row.offlineReason(), row.faq(), row.venue(), row.assuranceLevel());
    }

    @Test
    void whatThePlatformHoldsIsCheckedOncePerCode() {
        References references = new References().publish(countyItem).publish(cityItem).add(city).add(county);
        Body stranger = body(3, HUNNAN, "未登记的局");
        ImplementationListRow renamed = county.implement(new DemoItem(countyItem.code(), "改过名字的事项",
                countyItem.levels(), countyItem.guide()));
        List<ImplementationListRow> rows = List.of(
                renamed,                                                      // item 1: name changed
                county.implement(cityItem),                                   // item 2: not a county item
                county.implement(unpublished),                                // item 3: basic item unpublished
                stranger.implement(simpleItem(4, List.of(DivisionLevel.COUNTY))), // item 4: unknown body
                withDivision(city.implement(cityItem), "210112"));            // item 5: body elsewhere, level

        List<ImportProblem> problems = problems(references.publish(simpleItem(4, List.of(DivisionLevel.COUNTY))),
                rows);

        assertThat(problems).extracting(ImportProblem::row, ImportProblem::column, ImportProblem::code)
                .containsExactlyInAnyOrder(
                        tuple(1, "name", "catalog.transfer.name-mismatch"),
                        tuple(2, "implementationCode", "catalog.transfer.level-not-allowed"),
                        tuple(3, "basicCode", "catalog.basic-item.not-found"),
                        tuple(4, "bodyCreditCode", "catalog.transfer.body-unknown"),
                        tuple(5, "divisionCode", "catalog.transfer.body-division-mismatch"));
        assertThat(problems.getFirst().sheet()).isEqualTo("$.items[0]");
        References counting = new References().publish(countyItem).add(county);
        problems(counting, List.of(county.implement(countyItem), county.implement(countyItem)));
        assertThat(counting.lookups).as("basic item, body and division, each looked up once").isEqualTo(3);
    }

    @Test
    void aCodeMustBeMadeOfTheBodysCreditCodeAndTheBasicCode() {
        References references = new References().publish(countyItem).publish(cityItem).add(city).add(county);
        ImplementationListRow row = county.implement(countyItem);
        ImplementationListRow otherBody = new ImplementationListRow(row.implementationCode(), null, row.basicCode(),
                city.creditCode().value(), DivisionLevel.CITY, "210100", row.conditions(), row.materials(),
                row.process(), 20, Guide.DayKind.WORKING, 5, Guide.DayKind.WORKING, Guide.Handling.PROMISED,
                row.fees(), 1, Guide.OnlineDepth.III, true, Guide.Reach.PROVINCE, List.of(),
                Guide.ResultType.LICENCE, "许可证", null, null, List.of(), row.venue(), row.assuranceLevel());
        ImplementationListRow derived = new ImplementationListRow("", null, cityItem.code(),
                county.creditCode().value(), null, "210112", List.of(), List.of(), row.process(), null, null, 0,
                null, Guide.Handling.IMMEDIATE, List.of(), 0, Guide.OnlineDepth.I, false, Guide.Reach.NONE,
                List.of(), Guide.ResultType.OTHER, "证明", null, null, List.of(), row.venue(), row.assuranceLevel());

        assertThat(problems(references, List.of(otherBody, derived)))
                .extracting(ImportProblem::row, ImportProblem::column, ImportProblem::code)
                .containsExactlyInAnyOrder(
                        tuple(1, "implementationCode", "catalog.transfer.code-credit-mismatch"),
                        tuple(1, "level", "catalog.transfer.code-level-mismatch"),
                        tuple(2, "level", "catalog.transfer.level-required"),
                        tuple(2, "promisedDayKind", "catalog.transfer.required-with"),
                        tuple(2, "offlineReason", "catalog.guide.offline-reason"),
                        tuple(2, "mailIn", "catalog.guide.zero-visits-no-mail"));
    }

    @Test
    void progressIsReportedWhileChecking() {
        References references = new References().publish(countyItem).add(county);
        List<int[]> reported = new java.util.ArrayList<>();

        new ImplementationListValidator(references).validate(
                ImplementationListJsonTests.read(ImplementationListJsonTests.json(List.of(county.implement(countyItem)))),
                (stage, done, total) -> reported.add(new int[] { done, total }));

        assertThat(reported).singleElement().satisfies(p -> assertThat(p).containsExactly(1, 1));
    }
}

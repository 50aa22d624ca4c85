package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.catalog.transfer.TransferFixtures.HUNNAN;
import static org.tongban.catalog.transfer.TransferFixtures.SHENYANG;
import static org.tongban.catalog.transfer.TransferFixtures.body;
import static org.tongban.catalog.transfer.TransferFixtures.demoItems;
import static org.tongban.catalog.transfer.TransferFixtures.simpleItem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tongban.catalog.Guide;
import org.tongban.catalog.internal.transfer.ImplementationListFile;
import org.tongban.catalog.internal.transfer.ImplementationListJson;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.catalog.transfer.TransferFixtures.Body;
import org.tongban.catalog.transfer.TransferFixtures.DemoItem;
import org.tongban.catalog.transfer.TransferFixtures.References;
import org.tongban.shared.DivisionLevel;

class ImplementationListJsonTests {

    private final Body city = body(1, SHENYANG, "沈阳市测试局");
    private final Body county = body(2, HUNNAN, "沈阳市浑南区测试局");

    static String json(List<ImplementationListRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImplementationListJson.write(rows, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static ImplementationListFile read(String json) {
        return ImplementationListJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExportedJsonFileReadsBackAsTheSameRows() {
        List<DemoItem> items = demoItems();
        List<ImplementationListRow> rows = new ArrayList<>();
        for (DemoItem item : items) {
            for (Body body : List.of(city, county)) {
                if (item.levels().contains(body.level())) {
                    rows.add(body.implement(item));
                }
            }
        }

        ImplementationListFile file = read(json(rows));

        assertThat(file.problems()).isEmpty();
        assertThat(file.rows()).isEqualTo(rows);
        assertThat(new ImplementationListValidator(new References().publishAll(items).add(city).add(county))
                .validate(file).problems()).isEmpty();
        assertThat(TransferFormat.ofFileName("清单.JSON")).contains(TransferFormat.JSON);
    }

    @Test
    void choicesAreWrittenAsEnumNamesAndListsNestInTheirItem() {
        String json = json(List.of(county.implement(simpleItem(1, List.of(DivisionLevel.COUNTY)))));

        assertThat(json).contains("\"format\" : \"tongban.implementation-list\"", "\"level\" : \"COUNTY\"",
                "\"necessity\" : \"DEFERRABLE\"", "\"legalDays\" : 20", "\"mailIn\" : true",
                "\"venue\" : {", "\"conditions\" : [ \"申请人具有完全民事行为能力\", \"有固定的经营场所\" ]");
        assertThat(json).doesNotContain("\"implementationCode\" : null", "\"offlineReason\"");
    }

    @Test
    void chineseLabelsAreAcceptedAndUnknownOrMistypedFieldsReportedWithTheirPath() {
        DemoItem item = simpleItem(1, List.of(DivisionLevel.COUNTY));
        String json = """
                {"items": [{
                  "basicCode": "%s", "bodyCreditCode": "%s", "level": "县级", "divisionCode": "210112",
                  "legalDays": "20", "legalDayKind": "工作日", "promisedDays": 5.0, "promisedDayKind": "WORKING",
                  "handling": "承诺件", "visits": 1, "onlineDepth": "Ⅲ", "mailIn": "是", "reach": "全市通办",
                  "resultType": "证件执照", "resultName": "许可证", "venue": {"hall": "大厅", "address": "地址", "fax": "1"},
                  "materials": [{"name": "申请书", "type": "2", "form": "纸质", "necessity": "必须", "source": "自备"},
                                {"name": "身份证", "type": "1", "form": "电子", "necessity": "必要",
                                 "source": "申请人自备", "paperCopies": [1]}],
                  "process": [{"name": "受理"}],
                  "fee": []
                }]}
                """.formatted(item.code(), county.creditCode().value());

        ImplementationListFile file = read(json);

        assertThat(file.problems()).extracting(ImportProblem::sheet, ImportProblem::row, ImportProblem::column,
                ImportProblem::code).containsExactlyInAnyOrder(
                        tuple("$.items[0]", 1, "fee", "catalog.transfer.unknown-property"),
                        tuple("$.items[0]", 1, "fax", "catalog.transfer.unknown-property"),
                        tuple("$.items[0].materials[1]", 1, "paperCopies", "catalog.transfer.json-type"));
        ImplementationListRow row = file.rows().getFirst();
        assertThat(row.onlineDepth()).isEqualTo(Guide.OnlineDepth.III);
        assertThat(row.reach()).isEqualTo(Guide.Reach.CITY);
        assertThat(row.promisedDays()).isEqualTo(5);
        assertThat(row.materials().getFirst().necessity()).isEqualTo(Guide.Necessity.REQUIRED);
        assertThat(row.effectiveCode()).isEqualTo(county.creditCode().value() + "4" + item.code());
    }

    @Test
    void aFileThatIsNoImplementationListIsRejectedAsAWhole() {
        assertThat(read("{\"items\": [").problems()).extracting(ImportProblem::code)
                .containsExactly("catalog.transfer.unreadable-json");
        assertThat(read("{\"format\": \"other\", \"items\": []}").problems()).extracting(ImportProblem::code)
                .containsExactly("catalog.transfer.not-a-list");
        assertThat(new ImplementationListValidator(new References()).validate(read("{\"items\": []}")).problems())
                .extracting(ImportProblem::code).containsExactly("catalog.transfer.empty");
    }
}

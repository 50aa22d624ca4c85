package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tongban.catalog.transfer.TransferFixtures.HUNNAN;
import static org.tongban.catalog.transfer.TransferFixtures.SHENYANG;
import static org.tongban.catalog.transfer.TransferFixtures.body;
import static org.tongban.catalog.transfer.TransferFixtures.demoItems;
import static org.tongban.catalog.transfer.TransferFixtures.simpleItem;
import static org.tongban.catalog.transfer.TransferFixtures.workbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.tongban.catalog.Guide;
import org.tongban.catalog.Guide.DayKind;
import org.tongban.catalog.Guide.MaterialForm;
import org.tongban.catalog.Guide.MaterialSource;
import org.tongban.catalog.Guide.MaterialType;
import org.tongban.catalog.Guide.Necessity;
import org.tongban.catalog.Guide.OnlineDepth;
import org.tongban.catalog.internal.transfer.ImplementationListFile;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImplementationListXlsx;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.internal.transfer.ListLayout;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;
import org.tongban.catalog.internal.transfer.ValidatedImplementationList;
import org.tongban.catalog.transfer.TransferFixtures.Body;
import org.tongban.catalog.transfer.TransferFixtures.DemoItem;
import org.tongban.catalog.transfer.TransferFixtures.References;
import org.tongban.shared.DivisionLevel;

class ImplementationListXlsxTests {

    private final Body city = body(1, SHENYANG, "沈阳市测试局");
    private final Body county = body(2, HUNNAN, "沈阳市浑南区测试局");

    static byte[] xlsx(List<ImplementationListRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImplementationListXlsx.write(rows, out);
        return out.toByteArray();
    }

    static ImplementationListFile read(byte[] file) {
        return ImplementationListXlsx.read(new ByteArrayInputStream(file));
    }

    @Test
    void anExportedWorkbookReadsBackAsTheSameRowsAndImportsTheSameGuides() {
        List<DemoItem> items = demoItems();
        List<ImplementationListRow> rows = new ArrayList<>();
        List<Guide> guides = new ArrayList<>();
        for (DemoItem item : items) {
            for (Body body : List.of(city, county)) {
                if (item.levels().contains(body.level())) {
                    rows.add(body.implement(item));
                    guides.add(item.guide());
                }
            }
        }

        ImplementationListFile file = read(xlsx(rows));

        assertThat(file.problems()).isEmpty();
        assertThat(file.rows()).hasSize(rows.size()).isEqualTo(rows);
        ImplementationListValidator.Result result = new ImplementationListValidator(
                new References().publishAll(items).add(city).add(county)).validate(file);
        assertThat(result.problems()).isEmpty();
        assertThat(result.accepted().items()).extracting(ValidatedImplementationList.Item::guide)
                .containsExactlyElementsOf(guides);
        assertThat(read(xlsx(file.rows())).rows()).as("exported again, unchanged").isEqualTo(rows);
    }

    @Test
    void theWorkbookHasASheetPerListWithChineseHeadersAHiddenRowOfFieldNamesAndChineseLabels() throws IOException {
        ImplementationListRow row = county.implement(simpleItem(1, List.of(DivisionLevel.COUNTY)));

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx(List.of(row))))) {
            assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName))
                    .containsExactly("事项", "材料", "流程", "收费", "常见问题", "填写说明");
            List<Row> items = workbook.getFirstSheet().read();
            assertThat(items.get(0).getCellText(0)).isEqualTo("实施编码");
            assertThat(items.get(1).getCellText(0)).isEqualTo("implementationCode");
            assertThat(items.get(1).isHidden()).isTrue();
            assertThat(items.get(2).getRowNum()).isEqualTo(3);
            assertThat(items.get(2).getCellText(0)).isEqualTo(row.implementationCode());
            assertThat(cell(items, ListLayout.LEVEL)).isEqualTo("县级");
            assertThat(cell(items, ListLayout.HANDLING)).isEqualTo("承诺件");
            assertThat(cell(items, ListLayout.LEGAL_DAY_KIND)).isEqualTo("工作日");
            assertThat(cell(items, ListLayout.ONLINE_DEPTH)).isEqualTo("III");
            assertThat(cell(items, ListLayout.MAIL_IN)).isEqualTo("是");
            assertThat(cell(items, ListLayout.CONDITIONS)).isEqualTo("申请人具有完全民事行为能力\n有固定的经营场所");
            List<Row> materials = workbook.getSheet(1).orElseThrow().read();
            assertThat(materials).hasSize(4);
            assertThat(cell(materials, ListLayout.NECESSITY)).isEqualTo("必要");
            assertThat(materials.get(3).getCellText(Sheet.MATERIALS.columns().indexOf(ListLayout.NECESSITY)))
                    .isEqualTo("容缺后补");
            assertThat(cell(materials, ListLayout.SOURCE)).isEqualTo("申请人自备");
            assertThat(workbook.getSheet(5).orElseThrow().read()).extracting(r -> r.getCellText(1))
                    .contains("必要性", "网上办理深度");
        }
    }

    private static String cell(List<Row> rows, Column<?, ?> column) {
        return rows.get(2).getCellText(column.sheet().columns().indexOf(column));
    }

    @Test
    void anOfficersWorkbookWithChineseLabelsCodesAndEnumNamesInItsOwnColumnOrderIsRead() {
        DemoItem licence = simpleItem(1, List.of(DivisionLevel.COUNTY));
        DemoItem other = simpleItem(2, List.of(DivisionLevel.COUNTY));
        String credit = county.creditCode().value();
        String otherCode = credit + "4" + other.code();
        byte[] file = workbook(sheets -> {
            sheets.sheet("事项", List.of(
                    new Object[] { "备注", "基本编码", "实施主体统一社会信用代码", "行使层级", "实施区划代码", "受理条件",
                            "法定办结时限", "法定时限单位", "承诺办结时限", "承诺时限单位", "办件类型", "到办事现场次数",
                            "网上办理深度", "支持邮寄", "通办范围", "办理结果类型", "办理结果名称", "办理地点", "详细地址",
                            "实施编码", "实名认证等级" },
                    new Object[] { "随便写", licence.code(), credit, "县级", "210112", "条件一\n\n条件二 ", 20, "工作日",
                            5, "自然日", "承诺件", 0, "Ⅳ", "是", "全县（区）通办", "证件执照", "许可证", "浑南区政务服务中心",
                            "智慧三街 1 号", null, "三级" },
                    new Object[] { null, other.code(), credit, "4", 210112, null, 0, "WORKING", 0, "natural", "即办件",
                            0, "全程网办（IV 级）", true, "PROVINCE", "LICENCE", "证明", "大厅", "地址", otherCode, 1 }));
            sheets.sheet("材料", List.of(
                    new Object[] { "实施编码", "材料名称", "材料类型", "材料形式", "必要性", "纸质份数", "来源渠道", "核发部门" },
                    new Object[] { licence.code(), "申请书", "申请表格文书", "纸质和电子", "容缺后补", 2, "申请人自备" },
                    new Object[] { otherCode.toLowerCase(), "身份证", "1", "3", "DEFERRABLE", null, "20", "公安机关" },
                    new Object[] { licence.code(), "照片", "certificate", "电子", "非必要", "1.0", "其他" }));
            sheets.sheet("流程", List.of(new Object[] { "实施编码", "环节名称", "环节说明" },
                    new Object[] { licence.code(), "受理", null }, new Object[] { otherCode, "即办", "当场办结" }));
        });

        ImplementationListFile read = read(file);

        assertThat(read.problems()).isEmpty();
        ImplementationListRow first = read.rows().get(0);
        assertThat(first.effectiveCode()).isEqualTo(credit + "4" + licence.code());
        assertThat(first.conditions()).containsExactly("条件一", "条件二");
        assertThat(first.legalDayKind()).isEqualTo(DayKind.WORKING);
        assertThat(first.promisedDayKind()).isEqualTo(DayKind.NATURAL);
        assertThat(first.onlineDepth()).isEqualTo(OnlineDepth.IV);
        assertThat(first.reach()).isEqualTo(Guide.Reach.COUNTY);
        assertThat(first.assuranceLevel()).isEqualTo(org.tongban.catalog.AssuranceLevel.L3);
        assertThat(read.rows().get(1).assuranceLevel()).isEqualTo(org.tongban.catalog.AssuranceLevel.L1);
        assertThat(first.materials()).extracting(Guide.Material::name, Guide.Material::type, Guide.Material::form,
                Guide.Material::necessity, Guide.Material::paperCopies, Guide.Material::source).containsExactly(
                        tuple("申请书", MaterialType.FORM, MaterialForm.BOTH, Necessity.DEFERRABLE, 2,
                                MaterialSource.APPLICANT),
                        tuple("照片", MaterialType.CERTIFICATE, MaterialForm.ELECTRONIC, Necessity.OPTIONAL, 1,
                                MaterialSource.OTHER));
        ImplementationListRow second = read.rows().get(1);
        assertThat(second.level()).isEqualTo(DivisionLevel.COUNTY);
        assertThat(second.divisionCode()).isEqualTo("210112");
        assertThat(second.handling()).isEqualTo(Guide.Handling.IMMEDIATE);
        assertThat(second.mailIn()).isTrue();
        assertThat(second.materials()).singleElement().satisfies(m -> {
            assertThat(m.necessity()).isEqualTo(Necessity.DEFERRABLE);
            assertThat(m.form()).isEqualTo(MaterialForm.BOTH);
            assertThat(m.source()).isEqualTo(MaterialSource.GOVERNMENT);
            assertThat(m.paperCopies()).isZero();
        });
        assertThat(new ImplementationListValidator(new References().publish(licence).publish(other).add(county))
                .validate(read).problems()).isEmpty();
    }

    @Test
    void everyProblemOfTheFileIsReportedWithItsSheetRowAndColumn() {
        DemoItem a = simpleItem(1, List.of(DivisionLevel.COUNTY));
        DemoItem b = simpleItem(2, List.of(DivisionLevel.COUNTY));
        DemoItem c = simpleItem(3, List.of(DivisionLevel.COUNTY));
        DemoItem e = simpleItem(4, List.of(DivisionLevel.COUNTY));
        String credit = county.creditCode().value();
        String codeA = credit + "4" + a.code();
        String wrongCredit = credit.substring(0, 17) + (credit.charAt(17) == '0' ? '1' : '0');
        byte[] file = workbook(sheets -> {
            List<Object[]> items = new ArrayList<>();
            items.add(headers(Sheet.ITEMS));
            items.add(fields(Sheet.ITEMS));
            items.add(item(Map.of(ListLayout.CODE, codeA, ListLayout.BASIC_CODE, a.code(),
                    ListLayout.PROMISED_DAYS, 30)));                                                   // row 3
            items.add(item(Map.of(ListLayout.BASIC_CODE, b.code(), ListLayout.BODY_CREDIT_CODE, wrongCredit,
                    ListLayout.LEVEL, "县级")));                                                       // row 4
            items.add(item(Map.of(ListLayout.CODE, credit + "4" + c.code(), ListLayout.BASIC_CODE, c.code(),
                    ListLayout.HANDLING, "", ListLayout.ONLINE_DEPTH, "V级")));                        // row 5
            items.add(item(Map.of(ListLayout.CODE, codeA, ListLayout.BASIC_CODE, a.code())));          // row 6
            items.add(item(Map.of(ListLayout.CODE, credit + "4" + b.code(), ListLayout.BASIC_CODE, e.code()))); // 7
            sheets.sheet("事项", items);
            sheets.sheet("材料", List.of(headers(Sheet.MATERIALS),
                    new Object[] { codeA, "申请书", "申请表格文书", "纸质", "必需的", 1, "申请人自备" },         // row 2
                    new Object[] { credit + "4" + "019990000000", "委托书", "2", "1", "1", 1, "10" },     // row 3
                    new Object[] { codeA, "营业执照", "1", "2", "1", 0, "政府部门核发", null },             // row 4
                    new Object[] { codeA, "照片", "1", "1", "1", "两份", "10" }));                         // row 5
            sheets.sheet("流程", List.of(headers(Sheet.PROCESS), new Object[] { codeA, "受理" },       // row 2
                    new Object[] { wrongCredit + "4" + b.code(), "受理" },                               // row 3
                    new Object[] { a.code(), "决定" },                                                   // row 4
                    new Object[] { credit + "4" + b.code(), "受理" }));                                  // row 5
            sheets.sheet("收费", List.of(headers(Sheet.FEES), new Object[] { codeA, null, "10 元" }));
        });
        References references = new References().publish(a).publish(b).publish(c).publish(e).add(county);

        ImplementationListValidator.Result result = new ImplementationListValidator(references).validate(read(file));

        assertThat(result.valid()).isFalse();
        assertThat(result.acceptedList()).isEmpty();
        assertThat(result.problems()).extracting(ImportProblem::sheet, ImportProblem::row, ImportProblem::column,
                ImportProblem::code).containsExactlyInAnyOrder(
                        tuple("事项", 3, "承诺办结时限", "catalog.guide.promise-exceeds-law"),
                        tuple("事项", 4, "实施主体统一社会信用代码", "shared.credit-code.check"),
                        tuple("事项", 5, "办件类型", "catalog.transfer.required"),
                        tuple("事项", 5, "网上办理深度", "catalog.transfer.choice"),
                        tuple("事项", 5, "流程", "catalog.guide.no-process"),
                        tuple("事项", 6, "实施编码", "catalog.transfer.duplicate-code"),
                        tuple("事项", 6, "流程", "catalog.guide.no-process"),
                        tuple("事项", 7, "实施编码", "catalog.transfer.code-basic-mismatch"),
                        tuple("材料", 2, "必要性", "catalog.transfer.choice"),
                        tuple("材料", 3, "实施编码", "catalog.transfer.unknown-item"),
                        tuple("材料", 4, "核发部门", "catalog.guide.government-source-body"),
                        tuple("材料", 5, "纸质份数", "catalog.transfer.count"),
                        tuple("流程", 4, "实施编码", "catalog.transfer.ambiguous-item"),
                        tuple("收费", 2, "收费项目", "catalog.transfer.required"));
        assertThat(result.problems()).extracting(ImportProblem::sheet).as("sorted by sheet")
                .containsSubsequence("事项", "材料", "流程", "收费");
        assertThat(result.problems()).filteredOn(p -> p.code().equals("catalog.transfer.duplicate-code"))
                .singleElement().extracting(ImportProblem::arguments).isEqualTo(List.of(codeA, "3"));
        assertThat(result.problems()).filteredOn(p -> p.code().equals("catalog.transfer.choice") && p.row() == 2)
                .singleElement().extracting(ImportProblem::arguments)
                .isEqualTo(List.of("必需的", "必要、非必要、容缺后补"));
    }

    @Test
    void aMissingColumnIsReportedOnceNotOnEveryRow() {
        byte[] file = workbook(sheets -> {
            List<Object[]> items = new ArrayList<>();
            Object[] headers = headers(Sheet.ITEMS);
            int visits = Sheet.ITEMS.columns().indexOf(ListLayout.VISITS);
            headers[visits] = "到现场几次";
            items.add(headers);
            DemoItem a = simpleItem(1, List.of(DivisionLevel.COUNTY));
            for (int i = 0; i < 5; i++) {
                items.add(item(Map.of(ListLayout.BASIC_CODE, a.code(), ListLayout.CODE, "")));
            }
            sheets.sheet("事项", items);
        });

        List<ImportProblem> problems = new ImplementationListValidator(new References()).validate(read(file))
                .problems();

        assertThat(problems).filteredOn(p -> p.column().equals("到办事现场次数")).singleElement()
                .extracting(ImportProblem::row, ImportProblem::code)
                .containsExactly(1, "catalog.transfer.column-missing");
    }

    @Test
    void aListSheetLeftWithoutRowsNeedsNoColumns() {
        DemoItem a = simpleItem(1, List.of(DivisionLevel.COUNTY));
        String codeA = county.creditCode().value() + "4" + a.code();
        byte[] file = workbook(sheets -> {
            sheets.sheet("事项", List.of(headers(Sheet.ITEMS),
                    item(Map.of(ListLayout.CODE, codeA, ListLayout.BASIC_CODE, a.code()))));
            sheets.sheet("流程", List.of(new Object[] { "实施编码", "环节名称" }, new Object[] { codeA, "受理" }));
            sheets.sheet("收费", List.<Object[]>of(new Object[] { "实施编码" }));
            sheets.sheet("常见问题", List.of());
        });

        ImplementationListValidator.Result result = new ImplementationListValidator(
                new References().publish(a).add(county)).validate(read(file));

        assertThat(result.problems()).isEmpty();
        assertThat(result.accepted().items()).singleElement()
                .satisfies(i -> assertThat(i.guide().fees()).isEmpty());
    }

    @Test
    void aFileThatIsNoWorkbookIsRejectedAsAWhole() {
        ImplementationListFile file = read("实施编码,基本编码\n".getBytes());

        assertThat(file.entries()).isEmpty();
        assertThat(file.problems()).singleElement().extracting(ImportProblem::row, ImportProblem::code)
                .containsExactly(0, "catalog.transfer.unreadable-xlsx");
        assertThat(read(workbook(sheets -> sheets.sheet("Sheet1", List.<Object[]>of(new Object[] { "x" }))))
                .problems()).extracting(ImportProblem::code).containsExactly("catalog.transfer.sheet-missing");
    }

    // --- A hand-made 事项 sheet: the template's headers and a valid item, with some cells replaced.

    private Object[] headers(Sheet sheet) {
        return sheet.columns().stream().map(Column::header).toArray();
    }

    private Object[] fields(Sheet sheet) {
        return sheet.columns().stream().map(Column::field).toArray();
    }

    private Object[] item(Map<Column<ImplementationListRow, ?>, Object> replaced) {
        Map<Column<?, ?>, Object> values = new HashMap<>();
        values.put(ListLayout.BODY_CREDIT_CODE, county.creditCode().value());
        values.put(ListLayout.DIVISION_CODE, "210112");
        values.put(ListLayout.LEGAL_DAYS, 20);
        values.put(ListLayout.LEGAL_DAY_KIND, "工作日");
        values.put(ListLayout.PROMISED_DAYS, 5);
        values.put(ListLayout.PROMISED_DAY_KIND, "工作日");
        values.put(ListLayout.HANDLING, "承诺件");
        values.put(ListLayout.VISITS, 1);
        values.put(ListLayout.ONLINE_DEPTH, "III");
        values.put(ListLayout.MAIL_IN, "是");
        values.put(ListLayout.REACH, "全省通办");
        values.put(ListLayout.RESULT_TYPE, "证件执照");
        values.put(ListLayout.RESULT_NAME, "许可证");
        values.put(ListLayout.HALL, "浑南区政务服务中心");
        values.put(ListLayout.ADDRESS, "智慧三街 1 号");
        values.put(ListLayout.ASSURANCE_LEVEL, "L2");
        values.putAll(replaced);
        Object[] row = new Object[Sheet.ITEMS.columns().size()];
        Arrays.setAll(row, i -> values.get(Sheet.ITEMS.columns().get(i)));
        return row;
    }
}

package org.tongban.catalog.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.AssuranceLevel;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Venue;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImportReferences;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/** Data for the transfer tests: the demo catalogue's guides, bodies made up for them, and references in memory. */
final class TransferFixtures {

    static final DivisionCode HUNNAN = DivisionCode.of("210112");
    static final DivisionCode SHENYANG = DivisionCode.of("210100");

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private TransferFixtures() {
    }

    /** A demo basic item: its code, name, levels and standard guide. */
    record DemoItem(String code, String name, List<DivisionLevel> levels, Guide guide) {
    }

    static List<DemoItem> demoItems() {
        try (InputStream in = TransferFixtures.class.getClassLoader()
                .getResourceAsStream("catalog/demo-basic-items.json")) {
            List<DemoItem> items = new ArrayList<>();
            for (JsonNode node : JSON.readTree(in).get("items").values()) {
                items.add(new DemoItem(node.get("code").asString(), node.get("name").asString(),
                        JSON.convertValue(node.get("levels"), new TypeReference<List<DivisionLevel>>() { }),
                        JSON.treeToValue(node, Guide.class)));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code n}th made-up body's credit code, registered in {@code region}. */
    static UnifiedSocialCreditCode creditCode(int n, DivisionCode region) {
        return UnifiedSocialCreditCode.withCheckCharacter("11" + region.value().substring(0, 6)
                + UnifiedSocialCreditCode.organizationCodeWithCheck("MB%06d".formatted(n)));
    }

    static Venue venue(String body) {
        return new Venue(body + "窗口", "沈阳市浑南区智慧三街 1 号", "工作日 9:00-17:00", "024-12345678", "12345");
    }

    /** A made-up body of a division, at the division's level. */
    record Body(UUID id, String name, UnifiedSocialCreditCode creditCode, DivisionCode division) {

        DivisionLevel level() {
            return division.level();
        }

        ImplementationListRow implement(DemoItem item) {
            return ImplementationListRow.of(ImplementationCode.of(creditCode, level(), BasicCode.of(item.code())),
                    item.name(), division.value(), item.guide(), venue(name));
        }
    }

    static Body body(int n, DivisionCode division, String name) {
        return new Body(UUID.nameUUIDFromBytes(("body" + n).getBytes()), name, creditCode(n, division), division);
    }

    /** What the platform holds, kept in maps: tests add what a file should find. */
    static final class References implements ImportReferences {

        final Map<String, BasicItemReference> basicItems = new HashMap<>();
        final Map<String, BodyReference> bodies = new HashMap<>();
        final Map<String, DivisionReference> divisions = new HashMap<>();
        int lookups;

        References publish(DemoItem item) {
            BasicCode code = BasicCode.of(item.code());
            basicItems.put(code.value(), new BasicItemReference(code, 1, item.name(), code.type(),
                    ServiceTarget.BOTH, List.of(), List.of(), item.levels()));
            return this;
        }

        References publishAll(List<DemoItem> items) {
            items.forEach(this::publish);
            return this;
        }

        References add(Body body) {
            bodies.put(body.creditCode().value(), new BodyReference(body.id(), body.name(), body.creditCode().value(),
                    body.level(), body.division()));
            divisions.putIfAbsent(body.division().value(), new DivisionReference(body.division(), "辽宁省沈阳市"));
            return this;
        }

        @Override
        public Optional<BasicItemReference> publishedBasicItem(BasicCode code) {
            lookups++;
            return Optional.ofNullable(basicItems.get(code.value()));
        }

        @Override
        public Optional<BodyReference> body(UnifiedSocialCreditCode creditCode) {
            lookups++;
            return Optional.ofNullable(bodies.get(creditCode.value()));
        }

        @Override
        public Optional<DivisionReference> division(DivisionCode code) {
            lookups++;
            return Optional.ofNullable(divisions.get(code.value()));
        }
    }

    /** A basic item with a plain, consistent standard, for made-up lists. */
    static DemoItem simpleItem(int n, List<DivisionLevel> levels) {
        String code = "%s%03d%05d00".formatted(ItemType.LICENSING.code(), 1, n);
        Guide guide = new Guide(List.of("申请人具有完全民事行为能力", "有固定的经营场所"),
                List.of(new Guide.Material("申请书", Guide.MaterialType.FORM, Guide.MaterialForm.BOTH,
                        Guide.Necessity.REQUIRED, 1, Guide.MaterialSource.APPLICANT, null, "申请书.docx", null,
                        "用黑色签字笔填写\n不得涂改", "内容完整", null, null),
                        new Guide.Material("营业执照", Guide.MaterialType.CERTIFICATE, Guide.MaterialForm.ELECTRONIC,
                                Guide.Necessity.DEFERRABLE, 0, Guide.MaterialSource.GOVERNMENT, "市场监督管理部门",
                                null, null, null, null, "《市场主体登记管理条例》", "104001-00001")),
                List.of(new Guide.ProcessStep("受理", "窗口或网上受理"), new Guide.ProcessStep("审查", null),
                        new Guide.ProcessStep("决定", "作出准予或不予许可的决定")),
                new Guide.TimeLimit(20, Guide.DayKind.WORKING), new Guide.TimeLimit(5, Guide.DayKind.WORKING),
                Guide.Handling.PROMISED, List.of(new Guide.Fee("工本费", "每证 10 元", "《收费标准》", true)), 1,
                Guide.OnlineDepth.III, true, Guide.Reach.PROVINCE, List.of("沈阳市公安局"),
                new Guide.Result(Guide.ResultType.LICENCE, "许可证", "许可证样本.pdf"), null,
                List.of(new Guide.Faq("可以委托他人办理吗？", "可以，需提交授权委托书。")), AssuranceLevel.L2);
        return new DemoItem(code, "测试许可事项" + n, levels, guide);
    }

    /** A workbook as an officer might make it: each sheet a name and rows of cells (null for an empty cell). */
    static byte[] workbook(Consumer<Sheets> sheets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(out, "Test", "1.0")) {
            sheets.accept((name, rows) -> {
                Worksheet sheet = workbook.newWorksheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    Object[] row = rows.get(r);
                    for (int c = 0; c < row.length; c++) {
                        if (row[c] instanceof Number number) {
                            sheet.value(r, c, number);
                        } else if (row[c] instanceof Boolean flag) {
                            sheet.value(r, c, flag);
                        } else if (row[c] != null) {
                            sheet.value(r, c, row[c].toString());
                        }
                    }
                }
                try {
                    sheet.finish();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface Sheets {
        void sheet(String name, List<Object[]> rows);
    }
}

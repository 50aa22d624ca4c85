package org.tongban.catalog.internal.transfer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.tongban.catalog.AssuranceLevel;
import org.tongban.catalog.Guide;
import org.tongban.catalog.Guide.DayKind;
import org.tongban.catalog.Guide.Handling;
import org.tongban.catalog.Guide.MaterialForm;
import org.tongban.catalog.Guide.MaterialSource;
import org.tongban.catalog.Guide.MaterialType;
import org.tongban.catalog.Guide.Necessity;
import org.tongban.catalog.Guide.OnlineDepth;
import org.tongban.catalog.Guide.Reach;
import org.tongban.catalog.Guide.ResultType;
import org.tongban.shared.DivisionLevel;

/**
 * The layout of an implementation-list file (实施清单导入导出文件). The spreadsheet (.xlsx) has one sheet per list:
 *
 * <ul>
 * <li>{@code 事项} (items): one row per implementation item with its scalar elements; list elements (受理条件,
 * 联办机构) hold one entry per line inside the cell;</li>
 * <li>{@code 材料} (materials), {@code 流程} (process), {@code 收费} (fees), {@code 常见问题} (FAQ): one row per
 * entry, in order, whose first column {@code 实施编码} names the item it belongs to (its 31-character code, or its
 * 12-character basic code when only one item in the file has that basic code);</li>
 * <li>{@code 填写说明} (instructions): every column with its field name, whether it is required and what it
 * accepts. Ignored on import.</li>
 * </ul>
 *
 * Row 1 of each data sheet holds the Chinese headers, row 2 (hidden) the English field names; data starts in row 3.
 * On import columns are found by either header, in any order; unknown columns are ignored (officers keep notes there),
 * and the field-name row may be missing. Choice columns are written as Chinese labels (必要, 工作日, 即办件, IV ...)
 * and also accept the enum names and the official numeric codes.
 *
 * <p>The JSON file has the same fields, named as in row 2: {@code {"format": "tongban.implementation-list",
 * "version": 1, "items": [{"implementationCode": ..., "conditions": [...], "venue": {"hall": ...},
 * "materials": [{...}], "process": [...], "fees": [...], "faq": [...]}]}}, choices as enum names.
 */
public final class ListLayout {

    private ListLayout() {
    }

    /** The data sheets, with the JSON property holding their entries. */
    public enum Sheet {
        ITEMS("事项", "items"), MATERIALS("材料", "materials"), PROCESS("流程", "process"), FEES("收费", "fees"),
        FAQ("常见问题", "faq");

        private final String title;
        private final String field;

        Sheet(String title, String field) {
            this.title = title;
            this.field = field;
        }

        /** The sheet's name in the workbook. */
        public String title() {
            return title;
        }

        /** The JSON property (the items' array, or an item's list). */
        public String field() {
            return field;
        }

        /** The columns of this sheet, in the order they are written. */
        public List<Column<?, ?>> columns() {
            return switch (this) {
                case ITEMS -> ITEM_COLUMNS;
                case MATERIALS -> MATERIAL_COLUMNS;
                case PROCESS -> PROCESS_COLUMNS;
                case FEES -> FEE_COLUMNS;
                case FAQ -> FAQ_COLUMNS;
            };
        }

        /** For a list sheet, the column naming the item a row belongs to. */
        public Optional<Column<ImplementationListRow, String>> key() {
            return switch (this) {
                case ITEMS -> Optional.empty();
                case MATERIALS -> Optional.of(MATERIAL_ITEM);
                case PROCESS -> Optional.of(STEP_ITEM);
                case FEES -> Optional.of(FEE_ITEM);
                case FAQ -> Optional.of(FAQ_ITEM);
            };
        }
    }

    /**
     * One column: its sheet, its Chinese header (row 1), its English field name (row 2, and the JSON property), how
     * its values are read and written, and how the value is taken from the row it shows.
     *
     * @param <R> what a row of the sheet shows: an item, a material, a process step, a fee or a question
     * @param <V> the value's type
     */
    public static final class Column<R, V> {

        private final Sheet sheet;
        private final String header;
        private final String field;
        private final ValueFormat<V> format;
        private final Function<R, V> value;
        private final boolean required;
        private final String hint;

        private Column(Sheet sheet, String header, String field, ValueFormat<V> format, Function<R, V> value,
                boolean required, String hint) {
            this.sheet = sheet;
            this.header = header;
            this.field = field;
            this.format = format;
            this.value = value;
            this.required = required;
            this.hint = hint;
        }

        public Sheet sheet() {
            return sheet;
        }

        public String header() {
            return header;
        }

        public String field() {
            return field;
        }

        public ValueFormat<V> format() {
            return format;
        }

        /** Whether a row without it is rejected (some columns are required only together with another). */
        public boolean required() {
            return required;
        }

        /** What the instructions sheet says about it, besides the choices. */
        public String hint() {
            return hint;
        }

        public V valueOf(R row) {
            return value.apply(row);
        }

        @Override
        public String toString() {
            return sheet.title() + "." + header;
        }
    }

    private static <R, V> Column<R, V> column(Sheet sheet, String header, String field, ValueFormat<V> format,
            Function<R, V> value, boolean required, String hint) {
        return new Column<>(sheet, header, field, format, value, required, hint);
    }

    // --- Choices: the label written first, then the aliases accepted.

    static final ValueFormat<DivisionLevel> LEVELS = ValueFormat.labelled(DivisionLevel.class, Map.of(
            DivisionLevel.PROVINCE, List.of("省级", "省", "2"),
            DivisionLevel.CITY, List.of("市级", "市", "地市级", "3"),
            DivisionLevel.COUNTY, List.of("县级", "县", "县(区)", "区县级", "4"),
            DivisionLevel.TOWNSHIP, List.of("乡级", "乡", "乡镇", "乡镇级", "乡镇(街道)", "街道", "5"),
            DivisionLevel.VILLAGE, List.of("村级", "村", "村(社区)", "社区", "6")));
    static final ValueFormat<DayKind> DAY_KINDS = ValueFormat.labelled(DayKind.class, Map.of(
            DayKind.WORKING, List.of("工作日", "个工作日"),
            DayKind.NATURAL, List.of("自然日", "个自然日", "日历日")));
    static final ValueFormat<Handling> HANDLINGS = ValueFormat.labelled(Handling.class, Map.of(
            Handling.IMMEDIATE, List.of("即办件", "即办", "1"),
            Handling.PROMISED, List.of("承诺件", "承诺", "2")));
    static final ValueFormat<OnlineDepth> DEPTHS = ValueFormat.labelled(OnlineDepth.class, Map.of(
            OnlineDepth.I, List.of("I", "I级", "网上咨询", "网上咨询(I级)", "1"),
            OnlineDepth.II, List.of("II", "II级", "网上预审", "网上预审(II级)", "2"),
            OnlineDepth.III, List.of("III", "III级", "网上受理", "网上受理(III级)", "3"),
            OnlineDepth.IV, List.of("IV", "IV级", "全程网办", "全程网办(IV级)", "4")));
    static final ValueFormat<Reach> REACHES = ValueFormat.labelled(Reach.class, Map.of(
            Reach.NONE, List.of("不通办", "无"),
            Reach.COUNTY, List.of("全县通办", "全县(区)通办", "全区通办"),
            Reach.CITY, List.of("全市通办"),
            Reach.PROVINCE, List.of("全省通办"),
            Reach.CROSS_PROVINCE, List.of("跨省通办")));
    static final ValueFormat<ResultType> RESULT_TYPES = ValueFormat.labelled(ResultType.class, Map.of(
            ResultType.APPROVAL, List.of("批文批复", "批文", "批复"),
            ResultType.LICENCE, List.of("证件执照", "证照"),
            ResultType.CERTIFICATE_DOCUMENT, List.of("证明文件", "证明"),
            ResultType.APPRAISAL, List.of("鉴定报告"),
            ResultType.OTHER, List.of("其他")));
    static final ValueFormat<MaterialType> MATERIAL_TYPES = ValueFormat.labelled(MaterialType.class, Map.of(
            MaterialType.CERTIFICATE, List.of("证件证书证明", "1"),
            MaterialType.FORM, List.of("申请表格文书", "2"),
            MaterialType.OTHER, List.of("其他", "3")));
    static final ValueFormat<MaterialForm> MATERIAL_FORMS = ValueFormat.labelled(MaterialForm.class, Map.of(
            MaterialForm.PAPER, List.of("纸质", "1"),
            MaterialForm.ELECTRONIC, List.of("电子", "2"),
            MaterialForm.BOTH, List.of("纸质和电子", "纸质、电子", "纸质+电子", "纸质/电子", "3")));
    static final ValueFormat<Necessity> NECESSITIES = ValueFormat.labelled(Necessity.class, Map.of(
            Necessity.REQUIRED, List.of("必要", "必须", "1"),
            Necessity.OPTIONAL, List.of("非必要", "非必须", "2"),
            Necessity.DEFERRABLE, List.of("容缺后补", "容缺", "3")));
    static final ValueFormat<MaterialSource> MATERIAL_SOURCES = ValueFormat.labelled(MaterialSource.class, Map.of(
            MaterialSource.APPLICANT, List.of("申请人自备", "自备", "10"),
            MaterialSource.GOVERNMENT, List.of("政府部门核发", "部门核发", "20"),
            MaterialSource.OTHER, List.of("其他", "99")));

    static final ValueFormat<AssuranceLevel> ASSURANCE_LEVELS = ValueFormat.labelled(AssuranceLevel.class, Map.of(
            AssuranceLevel.L1, List.of("L1", "一级", "1"),
            AssuranceLevel.L2, List.of("L2", "二级", "2"),
            AssuranceLevel.L3, List.of("L3", "三级", "3"),
            AssuranceLevel.L4, List.of("L4", "四级", "4")));

    // --- 事项

    public static final Column<ImplementationListRow, String> CODE = column(Sheet.ITEMS, "实施编码",
            "implementationCode", ValueFormat.TEXT, ImplementationListRow::implementationCode, false,
            "31 位：实施主体统一社会信用代码 + 行使层级代码 + 基本编码。留空时由这三项生成（须填写行使层级）。");
    public static final Column<ImplementationListRow, String> NAME = column(Sheet.ITEMS, "事项名称", "name",
            ValueFormat.TEXT, ImplementationListRow::name, false, "供核对；填写时须与基本目录的事项名称一致。");
    public static final Column<ImplementationListRow, String> BASIC_CODE = column(Sheet.ITEMS, "基本编码", "basicCode",
            ValueFormat.TEXT, ImplementationListRow::basicCode, true, "12 位，须为基本目录中已发布的事项。");
    public static final Column<ImplementationListRow, String> BODY_CREDIT_CODE = column(Sheet.ITEMS,
            "实施主体统一社会信用代码", "bodyCreditCode", ValueFormat.TEXT, ImplementationListRow::bodyCreditCode, true,
            "18 位（GB 32100）。");
    public static final Column<ImplementationListRow, DivisionLevel> LEVEL = column(Sheet.ITEMS, "行使层级", "level",
            LEVELS, ImplementationListRow::level, false, "实施编码留空时必填；填写时须与实施编码一致。");
    public static final Column<ImplementationListRow, String> DIVISION_CODE = column(Sheet.ITEMS, "实施区划代码",
            "divisionCode", ValueFormat.TEXT, ImplementationListRow::divisionCode, true,
            "6 位（省、市、县）或 12 位（乡镇、村），须为实施主体所在区划。");
    public static final Column<ImplementationListRow, List<String>> CONDITIONS = column(Sheet.ITEMS, "受理条件",
            "conditions", ValueFormat.LINES, ImplementationListRow::conditions, false, "每行一条（单元格内换行）。");
    public static final Column<ImplementationListRow, Integer> LEGAL_DAYS = column(Sheet.ITEMS, "法定办结时限",
            "legalDays", ValueFormat.COUNT, ImplementationListRow::legalDays, false, "天数；无法定时限的留空。");
    public static final Column<ImplementationListRow, DayKind> LEGAL_DAY_KIND = column(Sheet.ITEMS, "法定时限单位",
            "legalDayKind", DAY_KINDS, ImplementationListRow::legalDayKind, false, "填写法定办结时限时必填。");
    public static final Column<ImplementationListRow, Integer> PROMISED_DAYS = column(Sheet.ITEMS, "承诺办结时限",
            "promisedDays", ValueFormat.COUNT, ImplementationListRow::promisedDays, false,
            "天数，不得长于法定时限；即办件填 0。");
    public static final Column<ImplementationListRow, DayKind> PROMISED_DAY_KIND = column(Sheet.ITEMS, "承诺时限单位",
            "promisedDayKind", DAY_KINDS, ImplementationListRow::promisedDayKind, false, "填写承诺办结时限时必填。");
    public static final Column<ImplementationListRow, Handling> HANDLING = column(Sheet.ITEMS, "办件类型", "handling",
            HANDLINGS, ImplementationListRow::handling, true, "");
    public static final Column<ImplementationListRow, Integer> VISITS = column(Sheet.ITEMS, "到办事现场次数", "visits",
            ValueFormat.COUNT, ImplementationListRow::visits, true, "0、1 或 2。");
    public static final Column<ImplementationListRow, OnlineDepth> ONLINE_DEPTH = column(Sheet.ITEMS, "网上办理深度",
            "onlineDepth", DEPTHS, ImplementationListRow::onlineDepth, true, "IV 为全程网办，不得要求到现场。");
    public static final Column<ImplementationListRow, Boolean> MAIL_IN = column(Sheet.ITEMS, "支持邮寄", "mailIn",
            ValueFormat.YES_NO, ImplementationListRow::mailIn, false, "留空视为“否”。");
    public static final Column<ImplementationListRow, Reach> REACH = column(Sheet.ITEMS, "通办范围", "reach", REACHES,
            ImplementationListRow::reach, true, "");
    public static final Column<ImplementationListRow, List<String>> JOINT_BODIES = column(Sheet.ITEMS, "联办机构",
            "jointBodies", ValueFormat.LINES, ImplementationListRow::jointBodies, false, "每行一个机构。");
    public static final Column<ImplementationListRow, ResultType> RESULT_TYPE = column(Sheet.ITEMS, "办理结果类型",
            "resultType", RESULT_TYPES, ImplementationListRow::resultType, true, "");
    public static final Column<ImplementationListRow, String> RESULT_NAME = column(Sheet.ITEMS, "办理结果名称",
            "resultName", ValueFormat.TEXT, ImplementationListRow::resultName, true, "");
    public static final Column<ImplementationListRow, String> RESULT_SAMPLE = column(Sheet.ITEMS, "办理结果样本",
            "resultSample", ValueFormat.TEXT, ImplementationListRow::resultSample, false, "样本文件名或链接。");
    public static final Column<ImplementationListRow, String> OFFLINE_REASON = column(Sheet.ITEMS, "不能网上办理的原因",
            "offlineReason", ValueFormat.TEXT, ImplementationListRow::offlineReason, false,
            "网上办理深度为 I 级时必填。");
    public static final Column<ImplementationListRow, AssuranceLevel> ASSURANCE_LEVEL = column(Sheet.ITEMS,
            "实名认证等级", "assuranceLevel", ASSURANCE_LEVELS, ImplementationListRow::assuranceLevel, true,
            "申请人须达到的实名认证等级：L1 自主注册，L2 实名核验，L3 实人实名（人脸或窗口核验），L4 数字证书。");
    public static final Column<ImplementationListRow, String> HALL = column(Sheet.ITEMS, "办理地点", "venue.hall",
            ValueFormat.TEXT, r -> r.venue().hall(), true, "");
    public static final Column<ImplementationListRow, String> ADDRESS = column(Sheet.ITEMS, "详细地址",
            "venue.address", ValueFormat.TEXT, r -> r.venue().address(), true, "");
    public static final Column<ImplementationListRow, String> HOURS = column(Sheet.ITEMS, "办理时间", "venue.hours",
            ValueFormat.TEXT, r -> r.venue().hours(), false, "");
    public static final Column<ImplementationListRow, String> CONSULTATION_PHONE = column(Sheet.ITEMS, "咨询电话",
            "venue.consultationPhone", ValueFormat.TEXT, r -> r.venue().consultationPhone(), false, "");
    public static final Column<ImplementationListRow, String> COMPLAINT_PHONE = column(Sheet.ITEMS, "监督投诉电话",
            "venue.complaintPhone", ValueFormat.TEXT, r -> r.venue().complaintPhone(), false, "");

    // --- 材料

    private static final String ITEM_KEY_HINT = "所属事项的实施编码；文件中只有一个事项使用该基本编码时，也可填基本编码。";

    public static final Column<ImplementationListRow, String> MATERIAL_ITEM = column(Sheet.MATERIALS, "实施编码",
            "implementationCode", ValueFormat.TEXT, ImplementationListRow::effectiveCode, true, ITEM_KEY_HINT);
    public static final Column<Guide.Material, String> MATERIAL_NAME = column(Sheet.MATERIALS, "材料名称", "name",
            ValueFormat.TEXT, Guide.Material::name, true, "");
    public static final Column<Guide.Material, MaterialType> MATERIAL_TYPE = column(Sheet.MATERIALS, "材料类型", "type",
            MATERIAL_TYPES, Guide.Material::type, true, "也可填代码 1、2、3。");
    public static final Column<Guide.Material, MaterialForm> MATERIAL_FORM = column(Sheet.MATERIALS, "材料形式", "form",
            MATERIAL_FORMS, Guide.Material::form, true, "也可填代码 1、2、3。");
    public static final Column<Guide.Material, Necessity> NECESSITY = column(Sheet.MATERIALS, "必要性", "necessity",
            NECESSITIES, Guide.Material::necessity, true, "容缺后补：受理后补交。也可填代码 1、2、3。");
    public static final Column<Guide.Material, Integer> PAPER_COPIES = column(Sheet.MATERIALS, "纸质份数",
            "paperCopies", ValueFormat.COUNT, Guide.Material::paperCopies, false, "留空视为 0。");
    public static final Column<Guide.Material, MaterialSource> SOURCE = column(Sheet.MATERIALS, "来源渠道", "source",
            MATERIAL_SOURCES, Guide.Material::source, true, "也可填代码 10、20、99。");
    public static final Column<Guide.Material, String> SOURCE_BODY = column(Sheet.MATERIALS, "核发部门", "sourceBody",
            ValueFormat.TEXT, Guide.Material::sourceBody, false, "来源渠道为政府部门核发时必填。");
    public static final Column<Guide.Material, String> BLANK_FORM = column(Sheet.MATERIALS, "空白表格", "blankForm",
            ValueFormat.TEXT, Guide.Material::blankForm, false, "");
    public static final Column<Guide.Material, String> SAMPLE = column(Sheet.MATERIALS, "示例样表", "sample",
            ValueFormat.TEXT, Guide.Material::sample, false, "");
    public static final Column<Guide.Material, String> FILLING_INSTRUCTIONS = column(Sheet.MATERIALS, "填报须知",
            "fillingInstructions", ValueFormat.TEXT, Guide.Material::fillingInstructions, false, "");
    public static final Column<Guide.Material, String> ACCEPTANCE_STANDARD = column(Sheet.MATERIALS, "受理标准",
            "acceptanceStandard", ValueFormat.TEXT, Guide.Material::acceptanceStandard, false, "");
    public static final Column<Guide.Material, String> MATERIAL_BASIS = column(Sheet.MATERIALS, "材料依据",
            "legalBasis", ValueFormat.TEXT, Guide.Material::legalBasis, false, "");
    public static final Column<Guide.Material, String> SHARED_RESOURCE = column(Sheet.MATERIALS, "共享资源编码",
            "sharedResource", ValueFormat.TEXT, Guide.Material::sharedResource, false,
            "免提交：平台从数据共享目录的该资源获取本材料（如 104001-00001 营业执照电子证照），仅限政府部门核发的材料。");

    // --- 流程

    public static final Column<ImplementationListRow, String> STEP_ITEM = column(Sheet.PROCESS, "实施编码",
            "implementationCode", ValueFormat.TEXT, ImplementationListRow::effectiveCode, true, ITEM_KEY_HINT);
    public static final Column<Guide.ProcessStep, String> STEP_NAME = column(Sheet.PROCESS, "环节名称", "name",
            ValueFormat.TEXT, Guide.ProcessStep::name, true, "按办理顺序逐行填写。");
    public static final Column<Guide.ProcessStep, String> STEP_DESCRIPTION = column(Sheet.PROCESS, "环节说明",
            "description", ValueFormat.TEXT, Guide.ProcessStep::description, false, "");

    // --- 收费

    public static final Column<ImplementationListRow, String> FEE_ITEM = column(Sheet.FEES, "实施编码",
            "implementationCode", ValueFormat.TEXT, ImplementationListRow::effectiveCode, true, ITEM_KEY_HINT);
    public static final Column<Guide.Fee, String> FEE_NAME = column(Sheet.FEES, "收费项目", "name", ValueFormat.TEXT,
            Guide.Fee::name, true, "不收费的事项不填本表。");
    public static final Column<Guide.Fee, String> FEE_STANDARD = column(Sheet.FEES, "收费标准", "standard",
            ValueFormat.TEXT, Guide.Fee::standard, true, "");
    public static final Column<Guide.Fee, String> FEE_BASIS = column(Sheet.FEES, "收费依据", "basis", ValueFormat.TEXT,
            Guide.Fee::basis, false, "");
    public static final Column<Guide.Fee, Boolean> FEE_REDUCIBLE = column(Sheet.FEES, "可减免", "reducible",
            ValueFormat.YES_NO, Guide.Fee::reducible, false, "留空视为“否”。");

    // --- 常见问题

    public static final Column<ImplementationListRow, String> FAQ_ITEM = column(Sheet.FAQ, "实施编码",
            "implementationCode", ValueFormat.TEXT, ImplementationListRow::effectiveCode, true, ITEM_KEY_HINT);
    public static final Column<Guide.Faq, String> QUESTION = column(Sheet.FAQ, "问题", "question", ValueFormat.TEXT,
            Guide.Faq::question, true, "");
    public static final Column<Guide.Faq, String> ANSWER = column(Sheet.FAQ, "解答", "answer", ValueFormat.TEXT,
            Guide.Faq::answer, true, "");

    static final List<Column<?, ?>> ITEM_COLUMNS = List.of(CODE, NAME, BASIC_CODE, BODY_CREDIT_CODE, LEVEL,
            DIVISION_CODE, CONDITIONS, LEGAL_DAYS, LEGAL_DAY_KIND, PROMISED_DAYS, PROMISED_DAY_KIND, HANDLING, VISITS,
            ONLINE_DEPTH, MAIL_IN, REACH, JOINT_BODIES, RESULT_TYPE, RESULT_NAME, RESULT_SAMPLE, OFFLINE_REASON, ASSURANCE_LEVEL, HALL,
            ADDRESS, HOURS, CONSULTATION_PHONE, COMPLAINT_PHONE);
    static final List<Column<?, ?>> MATERIAL_COLUMNS = List.of(MATERIAL_ITEM, MATERIAL_NAME, MATERIAL_TYPE,
            MATERIAL_FORM, NECESSITY, PAPER_COPIES, SOURCE, SOURCE_BODY, BLANK_FORM, SAMPLE, FILLING_INSTRUCTIONS,
            ACCEPTANCE_STANDARD, MATERIAL_BASIS, SHARED_RESOURCE);
    static final List<Column<?, ?>> PROCESS_COLUMNS = List.of(STEP_ITEM, STEP_NAME, STEP_DESCRIPTION);
    static final List<Column<?, ?>> FEE_COLUMNS = List.of(FEE_ITEM, FEE_NAME, FEE_STANDARD, FEE_BASIS, FEE_REDUCIBLE);
    static final List<Column<?, ?>> FAQ_COLUMNS = List.of(FAQ_ITEM, QUESTION, ANSWER);
}

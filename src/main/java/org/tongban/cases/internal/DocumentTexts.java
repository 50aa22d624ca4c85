package org.tongban.cases.internal;

import static org.tongban.platform.documents.OfficialDocument.chineseDate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.tongban.cases.ApplicationView;
import org.tongban.cases.CaseDocumentKind;
import org.tongban.catalog.Guide;
import org.tongban.organization.BodyCategory;
import org.tongban.platform.documents.OfficialDocument;
import org.tongban.platform.documents.OfficialDocument.Block;
import org.tongban.platform.documents.OfficialDocument.Heading;
import org.tongban.platform.documents.OfficialDocument.NumberedList;
import org.tongban.platform.documents.OfficialDocument.Paragraph;
import org.tongban.platform.documents.OfficialDocument.Table;

/**
 * The wording of a case's official documents, from the case's stored data. Documents are in Chinese: they are
 * official documents of Chinese bodies. Personal data appears only as the applicant's name and masked ID number
 * (DOMAIN §8).
 */
public final class DocumentTexts {

    /** 行政复议法 Art. 20 (60 days) and 行政诉讼法 Art. 46 (6 months): the remedies every refusal must name. */
    static final String STATUTORY_REMEDY = "如不服本决定，可以自收到本文书之日起六十日内依法申请行政复议，"
            + "或者自收到本文书之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十条、"
            + "《中华人民共和国行政诉讼法》第四十六条）。";

    private DocumentTexts() {
    }

    /** What a document is made from. {@code caseRow} and {@code tasks} only once handling started. */
    public record Facts(ApplicationStore.Row application, ProcessStore.CaseRow caseRow,
            List<ProcessStore.TaskRow> tasks, Guide guide, ApplicationView.Correction correction, String idTypeLabel,
            BodyCategory bodyCategory, String divisionName, LocalDate issuedOn, String link) {
    }

    /**
     * The document number (发文字号): the body's code (机关代字: the place and the body's short name), the kind, the
     * year in 〔〕 and the sequence, e.g. {@code 浑南市监受字〔2026〕第7号} (GB/T 9704-2012 §7.2.4).
     */
    public static String number(CaseDocumentKind kind, BodyCategory category, String divisionName, int year,
            int sequence) {
        return bodyCode(category, divisionName) + kind.code() + "字〔" + year + "〕第" + sequence + "号";
    }

    static String bodyCode(BodyCategory category, String divisionName) {
        // The division's own name: the last part of a full name such as 辽宁省沈阳市浑南区.
        String[] parts = divisionName == null ? new String[] { "" }
                : divisionName.split("(?<=省|自治区|特别行政区|(?<!城)市|自治州|盟|地区)(?=.)");
        String place = parts[parts.length - 1].replaceAll("(自治县|自治旗|街道|区|县|市|省|旗|镇|乡)$", "");
        place = place.length() > 2 ? place.substring(0, 2) : place;
        String body = category == null ? "" : switch (category) {
            case GOVERNMENT_SERVICE -> "营商";
            case MARKET_REGULATION -> "市监";
            case PUBLIC_SECURITY -> "公";
            case HUMAN_RESOURCES_SOCIAL_SECURITY -> "人社";
            case HOUSING_URBAN_RURAL -> "住建";
            case NATURAL_RESOURCES -> "自然资源";
            case HEALTH -> "卫健";
            case CIVIL_AFFAIRS -> "民政";
            case TAXATION -> "税";
            case COMMUNITY_SERVICE -> "便民";
        };
        return place + body;
    }

    public static OfficialDocument compose(CaseDocumentKind kind, String number, Facts f) {
        ApplicationStore.Row a = f.application();
        List<Block> blocks = switch (kind) {
            case ACCEPTANCE -> acceptance(f);
            case CORRECTION -> correction(f);
            case NOT_ACCEPTED -> notAccepted(f);
            case GRANT -> grant(f);
            case REFUSAL -> refusal(f);
        };
        return new OfficialDocument(a.bodyName(), kind.title(), number, addressee(a), blocks, a.bodyName(),
                f.issuedOn(), new OfficialDocument.Verification("办件编号", a.caseNumber(), f.link()));
    }

    private static String addressee(ApplicationStore.Row a) {
        return a.companyName() != null && !a.companyName().isBlank() ? a.companyName() : a.applicantName();
    }

    private static String opening(ApplicationStore.Row a) {
        return "你（单位）于" + chineseDate(a.receivedOn()) + "提出的" + a.itemName() + "申请（办件编号："
                + a.caseNumber() + "），";
    }

    /** The applicant, the case and its dates as a two-column table. */
    private static Table facts(Facts f, List<List<String>> more) {
        ApplicationStore.Row a = f.application();
        List<List<String>> rows = new ArrayList<>();
        if (a.companyName() != null && !a.companyName().isBlank()) {
            rows.add(List.of("申请单位", a.companyName()));
            rows.add(List.of("统一社会信用代码", Objects.toString(a.companyCreditCode(), "—")));
            rows.add(List.of("经办人", a.applicantName()));
        } else {
            rows.add(List.of("申请人", a.applicantName()));
        }
        // DOMAIN §8: the ID number only masked.
        rows.add(List.of("证件类型及号码", f.idTypeLabel() + " " + Objects.toString(a.applicantIdMasked(), "—")));
        rows.add(List.of("申请事项", a.itemName() + "（" + a.itemCode() + "）"));
        rows.add(List.of("办件编号", a.caseNumber()));
        rows.add(List.of("收件日期", chineseDate(a.receivedOn())));
        rows.addAll(more);
        return new Table(List.of("项目", "内容"), rows, List.of(2, 5));
    }

    private static String limit(int days, Guide.DayKind kind) {
        return days + (kind == Guide.DayKind.NATURAL ? "日" : "个工作日");
    }

    // 行政许可法 Art. 42: 20 working days unless a law says otherwise; joint handling 45 (Art. 26, 42 para. 2).
    private static String legalLimit(Facts f) {
        Guide.TimeLimit legal = f.guide().legalLimit();
        int days = legal == null || legal.days() <= 0 ? 20 : legal.days();
        if (f.caseRow() != null && f.caseRow().joint()) {
            days = Math.max(45, days);
        }
        return limit(days, legal == null ? Guide.DayKind.WORKING : legal.kind());
    }

    private static List<Block> acceptance(Facts f) {
        ApplicationStore.Row a = f.application();
        List<Block> blocks = new ArrayList<>();
        if (a.acceptedByLaw()) {
            blocks.add(new Paragraph(opening(a) + "本机关未在收到申请材料之日起五日内作出是否受理的决定，也未一次告知需要"
                    + "补正的全部内容。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，自收到申请材料"
                    + "之日起即为受理。"));
        } else {
            blocks.add(new Paragraph(opening(a) + "经审查，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》"
                    + "第三十二条第一款第（五）项的规定，本机关决定予以受理。"));
        }
        ProcessStore.CaseRow c = f.caseRow();
        List<List<String>> more = new ArrayList<>();
        more.add(List.of("受理日期", chineseDate(a.acceptedOn())));
        more.add(List.of("法定办理时限", legalLimit(f)));
        if (c != null) {
            Guide.DayKind kind = Guide.DayKind.valueOf(c.dayKind());
            more.add(List.of("承诺办理时限", c.limitDays() == 0 ? "即办" : limit(c.limitDays(), kind)));
            more.add(List.of("预计作出决定日期", chineseDate(c.dueOn()) + "前"));
        }
        blocks.add(facts(f, more));
        blocks.add(new Heading("告知事项"));
        blocks.add(new NumberedList(List.of(
                "本机关将在上述期限内作出行政许可决定；依法延长期限的，将告知延长期限的理由（《中华人民共和国行政许可法》"
                        + "第四十二条）。",
                "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内，本机关将书面告知"
                        + "所需时间（第四十五条）。",
                "你（单位）可以凭办件编号在政务服务网“我的办件”中查询办理进度。")));
        return blocks;
    }

    private static List<Block> correction(Facts f) {
        ApplicationStore.Row a = f.application();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(opening(a) + "经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》"
                + "第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下："));
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (ApplicationView.Deficiency d : f.correction().items()) {
            rows.add(List.of(String.valueOf(++n), "MATERIAL".equals(d.kind()) ? "申请材料" : "申请表填写项", d.name(),
                    d.reason()));
        }
        blocks.add(new Table(List.of("序号", "类别", "材料或事项", "补正原因及要求"), rows, List.of(1, 2, 4, 6)));
        blocks.add(facts(f, List.of()));
        blocks.add(new Paragraph("请按上述要求补正后，通过政务服务网重新提交。补正的申请材料齐全、符合法定形式的，本机关"
                + "自收到之日起重新计算受理期限。"));
        blocks.add(new Paragraph("本通知书所列为需要补正的全部内容，本机关不再要求补正本通知书未列明的其他材料或事项。"));
        return blocks;
    }

    private static List<Block> notAccepted(Facts f) {
        ApplicationStore.Row a = f.application();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(opening(a) + "经审查，本机关决定不予受理。"));
        blocks.add(new Heading("一、不予受理的理由"));
        blocks.add(new Paragraph(Objects.toString(a.decisionReason(), "")));
        blocks.add(facts(f, List.of()));
        blocks.add(new Heading("二、救济途径"));
        remedies(blocks, a.legalRemedy());
        return blocks;
    }

    private static List<Block> grant(Facts f) {
        ApplicationStore.Row a = f.application();
        ProcessStore.CaseRow c = f.caseRow();
        List<Block> blocks = new ArrayList<>();
        String reason = c.decisionReason() == null || c.decisionReason().isBlank() ? "申请符合法定条件、标准"
                : stripEnd(c.decisionReason());
        String basis = c.legalBasis() == null || c.legalBasis().isBlank() ? "《中华人民共和国行政许可法》第三十八条第一款"
                : c.legalBasis().strip();
        blocks.add(new Paragraph(opening(a) + "本机关于" + chineseDate(c.acceptedOn()) + "受理。经审查，" + reason
                + "。根据" + basis + "的规定，本机关决定准予行政许可。"));
        Guide.Result result = f.guide().result();
        if (result != null && result.name() != null) {
            blocks.add(new Paragraph("本机关将自作出决定之日起十日内向你（单位）颁发、送达" + result.name()
                    + "（《中华人民共和国行政许可法》第四十四条）。电子证照与纸质证照具有同等法律效力。"));
        }
        blocks.add(facts(f, List.of(List.of("受理日期", chineseDate(c.acceptedOn())),
                List.of("决定日期", chineseDate(c.decidedOn())),
                List.of("决定编号", Objects.toString(c.decisionNumber(), "—")))));
        blocks.add(new Paragraph(STATUTORY_REMEDY));
        return blocks;
    }

    private static List<Block> refusal(Facts f) {
        ApplicationStore.Row a = f.application();
        ProcessStore.CaseRow c = f.caseRow();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(opening(a) + "本机关于" + chineseDate(c.acceptedOn()) + "受理。经审查，你（单位）的申请"
                + "不符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。"));
        blocks.add(new Heading("一、不予许可的理由"));
        blocks.add(new Paragraph(stripEnd(Objects.toString(c.decisionReason(), "")) + "。"));
        if (c.legalBasis() != null && !c.legalBasis().isBlank()) {
            blocks.add(new Paragraph("依据：" + c.legalBasis().strip()));
        }
        List<ProcessStore.TaskRow> reviews = reviews(f.tasks());
        if (!reviews.isEmpty()) {
            // 并联审批 (Art. 26): every body's opinion in the last round of review, not only the refusing one.
            blocks.add(new Heading("二、各审查环节意见"));
            List<List<String>> rows = new ArrayList<>();
            for (ProcessStore.TaskRow t : reviews) {
                rows.add(List.of(t.branchName() != null ? t.branchName() : t.nodeName(), t.bodyName(),
                        "REJECT".equals(t.outcome()) ? "不同意" : "同意",
                        t.opinion() == null || t.opinion().isBlank() ? "—" : t.opinion()));
            }
            blocks.add(new Table(List.of("审查环节", "审查机关", "结论", "意见"), rows, List.of(3, 4, 2, 6)));
        }
        blocks.add(facts(f, List.of(List.of("受理日期", chineseDate(c.acceptedOn())),
                List.of("决定日期", chineseDate(c.decidedOn())),
                List.of("决定编号", Objects.toString(c.decisionNumber(), "—")))));
        blocks.add(new Heading(reviews.isEmpty() ? "二、救济途径" : "三、救济途径"));
        remedies(blocks, c.legalRemedy());
        return blocks;
    }

    /**
     * The review opinions the decision rests on: of a parallel block, the branches of its last run (a case sent
     * back runs it again); of plain review nodes, their latest completion.
     */
    static List<ProcessStore.TaskRow> reviews(List<ProcessStore.TaskRow> tasks) {
        List<ProcessStore.TaskRow> done = tasks.stream()
                .filter(t -> "APPROVE".equals(t.outcome()) || "REJECT".equals(t.outcome()))
                .filter(t -> t.completedAt() != null)
                .sorted(Comparator.comparing(ProcessStore.TaskRow::completedAt)).toList();
        UUID lastRun = done.stream().filter(t -> t.blockRun() != null).reduce((x, y) -> y)
                .map(ProcessStore.TaskRow::blockRun).orElse(null);
        List<ProcessStore.TaskRow> chosen = new ArrayList<>();
        for (ProcessStore.TaskRow t : done) {
            if (t.blockRun() != null ? t.blockRun().equals(lastRun) : true) {
                chosen.removeIf(o -> o.blockRun() == null && t.blockRun() == null && o.nodeId().equals(t.nodeId()));
                chosen.add(t);
            }
        }
        return chosen;
    }

    /** The remedies as recorded with the decision, and the statutory ones when the record does not name both. */
    private static void remedies(List<Block> blocks, String recorded) {
        boolean both = recorded != null && recorded.contains("六十日") && recorded.contains("六个月");
        if (recorded != null && !recorded.isBlank()) {
            blocks.add(new Paragraph(recorded.strip()));
        }
        if (!both) {
            blocks.add(new Paragraph(STATUTORY_REMEDY));
        }
    }

    private static String stripEnd(String text) {
        return text.strip().replaceAll("[。．.；;]+$", "");
    }
}

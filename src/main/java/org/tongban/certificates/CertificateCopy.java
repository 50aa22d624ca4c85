package org.tongban.certificates;

import static org.tongban.platform.documents.OfficialDocument.chineseDate;

import java.util.ArrayList;
import java.util.List;

import org.tongban.platform.documents.OfficialDocument;

/**
 * The wording of a certificate's printed copy (电子证照打印件), in Chinese: the national metadata of GB/T 36903/36904
 * (name, number, identifier, issuer, holder, validity), the type's own fields, and the legal force of electronic
 * certificates (国务院令第716号 Art. 10).
 */
final class CertificateCopy {

    private CertificateCopy() {
    }

    static OfficialDocument of(CertificateView c, String verificationLink) {
        List<OfficialDocument.Block> blocks = new ArrayList<>();
        blocks.add(new OfficialDocument.Table(List.of("项目", "内容"), rows(c), List.of(2, 5)));
        paragraphs(c).forEach(p -> blocks.add(new OfficialDocument.Paragraph(p)));
        return new OfficialDocument(c.issuerName(), c.type().name(), "编号：" + c.number(), null, blocks,
                c.issuerName(), c.issuedOn(), new OfficialDocument.Verification("电子证照标识", c.identifier(),
                        verificationLink));
    }

    /** The same content as an OFD page (GB/T 33190), with the verification link as text and QR code. */
    static org.tongban.certificates.internal.OfdPackage.Content ofd(CertificateView c, String verificationLink) {
        List<String> paragraphs = new ArrayList<>(paragraphs(c));
        paragraphs.add("电子证照标识：" + c.identifier());
        return new org.tongban.certificates.internal.OfdPackage.Content(c.type().name(), c.issuerName(),
                "编号：" + c.number(), rows(c), paragraphs, c.issuerName(), chineseDate(c.issuedOn()), verificationLink,
                java.util.Map.of("ZZBS", c.identifier(), "ZZBH", c.number(), "ZZYXQJZRQ",
                        c.validUntil() == null ? "长期" : c.validUntil().toString()));
    }

    private static List<List<String>> rows(CertificateView c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("证照名称", c.type().name()));
        rows.add(List.of("证照编号", c.number()));
        rows.add(List.of("电子证照标识", c.identifier()));
        rows.add(List.of("持证主体", c.holderName()));
        rows.add(List.of(c.holderKind() == HolderKind.COMPANY ? "统一社会信用代码" : "身份证件号码",
                c.holderCodeMasked() == null ? "—" : c.holderCodeMasked()));
        rows.add(List.of("颁发机构", c.issuerName() + "（" + c.issuerCode() + "）"));
        rows.add(List.of("颁发日期", chineseDate(c.issuedOn())));
        rows.add(List.of("有效期", chineseDate(c.validFrom()) + "至"
                + (c.validUntil() == null ? "长期" : chineseDate(c.validUntil()))));
        rows.add(List.of("版本", String.valueOf(c.version())));
        for (CertificateView.Field f : c.data()) {
            String value = f.value() == null || f.value().isBlank() ? "—" : f.value();
            rows.add(List.of(f.field().label(), value));
        }
        return rows;
    }

    private static List<String> paragraphs(CertificateView c) {
        List<String> paragraphs = new ArrayList<>();
        if (c.status() != CertificateStatus.VALID) {
            paragraphs.add("注意：本证照当前状态为“" + status(c.status()) + "”"
                    + (c.statusReason() == null ? "" : "，原因：" + c.statusReason()) + "，不能作为有效证照使用。");
        }
        paragraphs.add("本文件为电子证照的打印件，内容与平台签发、经颁发机构签名的电子证照一致；"
                + "个人信息已作脱敏处理。电子证照与纸质证照具有同等法律效力（《国务院关于在线政务服务的若干规定》第十条）。");
        paragraphs.add("扫描二维码或访问下方网址，可核验证照的真伪及当前状态（有效、中止、注销、过期）。");
        return paragraphs;
    }

    private static String status(CertificateStatus status) {
        return switch (status) {
            case VALID -> "有效";
            case SUSPENDED -> "已中止";
            case REVOKED -> "已注销";
            case REPLACED -> "已换发";
            case EXPIRED -> "已过期";
            default -> status.name();
        };
    }
}

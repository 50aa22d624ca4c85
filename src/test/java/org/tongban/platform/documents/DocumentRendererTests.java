package org.tongban.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class DocumentRendererTests {

    private final DocumentRenderer renderer = new DocumentRenderer(new DocumentsProperties(null));

    @Test
    void rendersAMultiPageNoticeWithWrappedChineseTextAListATableAndAnEmbeddedSubsetFont() throws IOException {
        assumeTrue(renderer.available(), "a font with Chinese glyphs is installed (./tongban test installs one)");
        List<OfficialDocument.Block> blocks = new ArrayList<>();
        String long1 = "根据《中华人民共和国行政许可法》第三十二条的规定，经审查，你（单位）提出的申请材料齐全、符合法定形式，"
                + "本机关决定予以受理。请于办理期限届满后登录省政务服务网查询办理结果，或拨打咨询电话12345。";
        for (int i = 0; i < 12; i++) {
            blocks.add(new OfficialDocument.Paragraph(long1));
        }
        blocks.add(new OfficialDocument.Heading("一、需要补正的材料"));
        blocks.add(new OfficialDocument.NumberedList(List.of("营业执照复印件：已过有效期，请提交有效期内的营业执照",
                "经营场所平面图：未标明排烟设施位置")));
        blocks.add(new OfficialDocument.Table(List.of("序号", "材料名称", "补正原因"),
                List.of(List.of("1", "营业执照复印件", "已过有效期"), List.of("2", "经营场所平面图", "未标明排烟设施位置")),
                List.of(1, 4, 6)));
        OfficialDocument document = new OfficialDocument("沈阳市浑南区市场监督管理局", "受理通知书",
                "浑南市监受字〔2026〕第7号", "张三", blocks, null, LocalDate.of(2026, 3, 2),
                new OfficialDocument.Verification("办件编号", "2101120110700010002026030200001",
                        "https://zwfw.example.gov.cn/account/cases/1"));

        byte[] pdf = renderer.render(document);

        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains("沈阳市浑南区市场监督管理局", "受理通知书", "浑南市监受字〔2026〕第7号", "张三：",
                    "营业执照复印件", "未标明排烟设施位置", "2026年3月2日", "2101120110700010002026030200001",
                    "— 1 / " + read.getNumberOfPages() + " —");
            // No character is lost or split wrongly: the paragraph reads whole once line breaks are removed.
            assertThat(text.replaceAll("\\s", "")).contains(long1.replaceAll("\\s", ""));
            PDFont font = read.getPage(0).getResources().getFont(
                    read.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).isTrue();
            // A subset: tagged name (ABCDEF+Name) and far smaller than the 10+ MB font file.
            assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
            assertThat(pdf.length).isLessThan(400_000);
        }
        assertThat(new PDFTextStripper().getText(Loader.loadPDF(renderer.render(document))))
                .isEqualTo(new PDFTextStripper().getText(Loader.loadPDF(pdf)));
    }

    @Test
    void withoutAFontDocumentsAreUnavailableWithAStableCode() {
        DocumentRenderer none = new DocumentRenderer(new DocumentsProperties("/nonexistent/font.ttc"));
        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.render(new OfficialDocument("机关", "标题", null, null, List.of(), null,
                LocalDate.of(2026, 1, 5), null)))
                .isInstanceOfSatisfying(DocumentsUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("platform.documents.font-missing"));
    }
}

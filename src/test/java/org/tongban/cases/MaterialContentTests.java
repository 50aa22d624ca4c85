package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tongban.cases.internal.MaterialContent;

class MaterialContentTests {

    @Test
    void recognizesEveryAcceptedTypeByItsContentAlone() throws Exception {
        assertThat(MaterialContent.detect(Samples.pdf())).isEqualTo(MaterialContent.Kind.PDF);
        assertThat(MaterialContent.detect(Samples.png())).isEqualTo(MaterialContent.Kind.PNG);
        assertThat(MaterialContent.detect(Samples.jpeg())).isEqualTo(MaterialContent.Kind.JPEG);
        assertThat(MaterialContent.detect(Samples.ofd())).isEqualTo(MaterialContent.Kind.OFD);
    }

    @Test
    void refusesEmptyUnknownAndDamagedFilesWithTheReason() throws Exception {
        assertRefused(new byte[0], "cases.material.empty");
        assertRefused("这不是 PDF，只是改了扩展名".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "cases.material.unsupported-type");
        // A zip that is not an OFD package (no OFD.xml at its root), e.g. a .docx renamed to .ofd.
        assertRefused(Samples.zip("word/document.xml"), "cases.material.unsupported-type");
        byte[] pdf = Samples.pdf();
        assertRefused(Arrays.copyOf(pdf, pdf.length / 2), "cases.material.corrupt");
        byte[] png = Samples.png();
        assertRefused(Arrays.copyOf(png, 40), "cases.material.corrupt");
        byte[] ofd = Samples.ofd();
        assertRefused(Arrays.copyOf(ofd, 20), "cases.material.corrupt");
    }

    private static void assertRefused(byte[] content, String code) {
        assertThatThrownBy(() -> MaterialContent.detect(content)).isInstanceOfSatisfying(CaseRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}

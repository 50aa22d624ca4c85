package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.catalog.transfer.TransferFixtures.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tongban.catalog.internal.transfer.ImplementationListFile;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImplementationListXlsx;
import org.tongban.catalog.internal.transfer.ImportProgress;
import org.tongban.catalog.transfer.TransferFixtures.Body;
import org.tongban.catalog.transfer.TransferFixtures.DemoItem;
import org.tongban.catalog.transfer.TransferFixtures.References;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;

/** A province-sized list: 10,000 items over 100 county bodies, with their 20,000 materials and 30,000 steps. */
class LargeImplementationListTests {

    @Test
    void tenThousandItemsAreWrittenReadAndCheckedWithProgress() {
        References references = new References();
        List<Body> bodies = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            Body body = body(1000 + n, DivisionCode.of("21%02d%02d".formatted(1 + n / 50, 1 + n % 50)), "测试局" + n);
            bodies.add(body);
            references.add(body);
        }
        List<ImplementationListRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DemoItem item = TransferFixtures.simpleItem(i, List.of(DivisionLevel.COUNTY));
            references.publish(item);
            for (Body body : bodies) {
                rows.add(body.implement(item));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImplementationListXlsx.write(rows, out);
        List<Integer> progress = new ArrayList<>();

        ImplementationListFile file = ImplementationListXlsx.read(new ByteArrayInputStream(out.toByteArray()));
        ImplementationListValidator.Result result = new ImplementationListValidator(references).validate(file,
                (stage, done, total) -> {
                    assertThat(stage).isEqualTo(ImportProgress.Stage.VALIDATING);
                    assertThat(total).isEqualTo(10_000);
                    progress.add(done);
                });

        assertThat(file.problems()).isEmpty();
        assertThat(file.rows()).hasSize(10_000).isEqualTo(rows);
        assertThat(result.problems()).isEmpty();
        assertThat(result.accepted().size()).isEqualTo(10_000);
        assertThat(progress).hasSize(100).isSorted().endsWith(10_000);
    }
}

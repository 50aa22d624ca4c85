package org.tongban.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.internal.transfer.ImplementationListExport;
import org.tongban.catalog.internal.transfer.ImplementationListFile;
import org.tongban.catalog.internal.transfer.ImplementationListImport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.internal.transfer.ImportProgress;
import org.tongban.catalog.internal.transfer.ImportReferences;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

@TongbanIntegrationTest
class ImplementationListTransferIntegrationTests {

    private static final DivisionCode HUNNAN = DivisionCode.of("210112");

    @Autowired
    ImplementationListExport export;
    @Autowired
    ImplementationListImport importer;
    @Autowired
    ImportReferences references;
    @Autowired
    Organization organization;
    @Autowired
    JdbcTemplate jdbc;

    private BodySummary body;

    @BeforeEach
    void marketRegulationOfHunnan() {
        body = organization.searchBodies("市场监督管理局", HUNNAN, 20).stream()
                .filter(b -> b.divisionCode().equals(HUNNAN.value())).findFirst().orElseThrow();
    }

    @AfterEach
    void removeDrafts() {
        jdbc.update("delete from catalog_implementation_item where status = 'DRAFT' and body_id = ?", body.id());
    }

    private int drafts() {
        return jdbc.queryForObject("select count(*) from catalog_implementation_item where status = 'DRAFT' "
                + "and body_id = ?", Integer.class, body.id());
    }

    @Test
    void anExportedListImportsAgainAsNewDraftVersionsOfTheSameItems() {
        for (TransferFormat format : TransferFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exported = export.exportBody(body.id(), format, out);
            List<int[]> progress = new ArrayList<>();

            ImplementationListImport.Outcome outcome = importer.importFile(new ByteArrayInputStream(out.toByteArray()),
                    format, (stage, done, total) -> {
                        if (stage == ImportProgress.Stage.WRITING) {
                            progress.add(new int[] { done, total });
                        }
                    });

            assertThat(exported).as(format.name()).isGreaterThan(5);
            assertThat(outcome.problems()).as(format.name()).isEmpty();
            assertThat(outcome.imported()).hasSize(exported).allSatisfy(i -> assertThat(i.version()).isEqualTo(
                    format == TransferFormat.XLSX ? 2 : 3));
            assertThat(progress.getLast()).containsExactly(exported, exported);
            assertThat(jdbc.queryForObject("""
                    select count(*) from catalog_implementation_item d join catalog_implementation_item p
                      on p.code = d.code and p.status = 'PUBLISHED'
                    where d.status = 'DRAFT' and d.body_id = ? and d.version = ? and d.guide = p.guide
                      and d.venue = p.venue and d.name = p.name and d.aliases = p.aliases and d.themes = p.themes
                      and d.item_type = p.item_type and d.target = p.target and d.basic_version = p.basic_version
                      and d.division_lineage = p.division_lineage and d.division_name = p.division_name
                      and d.level = p.level and d.online_depth = p.online_depth and d.published_at is null
                    """, Integer.class, body.id(), format == TransferFormat.XLSX ? 2 : 3))
                    .as("every draft is its published version, unchanged").isEqualTo(exported);
            assertThat(export.rowsOfBody(body.id())).as("drafts are not exported").hasSize(exported);
        }
    }

    @Test
    void aListWithOneBadItemImportsNothing() {
        List<ImplementationListRow> rows = new ArrayList<>(export.rowsOfBody(body.id()));
        ImplementationListRow last = rows.removeLast();
        rows.add(new ImplementationListRow(last.implementationCode(), last.name(), "010010001000",
                last.bodyCreditCode(), last.level(), last.divisionCode(), last.conditions(), last.materials(),
                last.process(), last.legalDays(), last.legalDayKind(), last.promisedDays(), last.promisedDayKind(),
                last.handling(), last.fees(), last.visits(), last.onlineDepth(), last.mailIn(), last.reach(),
                last.jointBodies(), last.resultType(), last.resultName(), last.resultSample(), last.offlineReason(),
                last.faq(), last.venue(), last.assuranceLevel()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferFormat.XLSX.write(rows, out);

        ImplementationListImport.Outcome outcome = importer.importFile(new ByteArrayInputStream(out.toByteArray()),
                TransferFormat.XLSX, ImportProgress.NONE);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.problems()).extracting(ImportProblem::sheet, ImportProblem::row, ImportProblem::code)
                .contains(org.assertj.core.groups.Tuple.tuple("事项", rows.size() + 2,
                        "catalog.transfer.code-basic-mismatch"));
        assertThat(drafts()).isZero();
    }

    @Test
    void aFailureWhileWritingLeavesNoDraftBehind() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.exportBody(body.id(), TransferFormat.JSON, out);
        ImplementationListFile file = TransferFormat.JSON.read(new ByteArrayInputStream(out.toByteArray()));
        String lastBasicCode = file.rows().getLast().basicCode();
        // The basic item's version changes between the check and the write: the last insert breaks its foreign key.
        ImportReferences changing = new ImportReferences() {
            @Override
            public Optional<BasicItemReference> publishedBasicItem(BasicCode code) {
                return references.publishedBasicItem(code).map(b -> !code.value().equals(lastBasicCode) ? b
                        : new BasicItemReference(b.code(), 99, b.name(), b.type(), b.target(), b.themes(),
                                b.aliases(), b.levels()));
            }

            @Override
            public Optional<BodyReference> body(UnifiedSocialCreditCode creditCode) {
                return references.body(creditCode);
            }

            @Override
            public Optional<DivisionReference> division(DivisionCode code) {
                return references.division(code);
            }
        };
        ImplementationListValidator.Result result = new ImplementationListValidator(changing).validate(file);
        assertThat(result.problems()).isEmpty();

        assertThatThrownBy(() -> importer.importAll(result.accepted(), ImportProgress.NONE))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(drafts()).isZero();
    }

    @Test
    void aDivisionExportsItsOwnItemsAndThoseOfTheDivisionsWithinIt() {
        List<ImplementationListRow> rows = export.rowsWithin(HUNNAN);

        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.divisionCode()).startsWith("210112"));
        assertThat(rows).extracting(ImplementationListRow::level)
                .contains(DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP).doesNotContain(DivisionLevel.CITY);
        assertThat(rows).extracting(ImplementationListRow::bodyCreditCode).contains(body.creditCode());
        assertThat(export.rowsWithin(DivisionCode.of("210100")).size()).isGreaterThan(rows.size());
        UUID nobody = UUID.randomUUID();
        assertThat(export.rowsOfBody(nobody)).isEmpty();
    }
}

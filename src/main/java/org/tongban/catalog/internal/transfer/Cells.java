package org.tongban.catalog.internal.transfer;

import static org.tongban.catalog.internal.transfer.ListLayout.*;

import java.util.List;

import org.tongban.catalog.Guide;
import org.tongban.catalog.Venue;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.shared.InvalidValueException;

/**
 * The cells of one row of a sheet, or the properties of one object of a JSON file, read through the layout's columns.
 * A value that cannot be read becomes a problem at its cell and {@code null}, so that reading goes on and every
 * problem of the file is found in one pass. Both formats build their rows here, the same way.
 */
abstract class Cells {

    private final List<ImportProblem> problems;

    Cells(List<ImportProblem> problems) {
        this.problems = problems;
    }

    /** The value, or {@code null} when blank or absent. */
    abstract <V> V value(Column<?, V> column);

    abstract Location locate(Column<?, ?> column);

    final <V> V get(Column<?, V> column) {
        try {
            return value(column);
        } catch (InvalidValueException e) {
            problems.add(ImportProblem.of(locate(column), e.code(), e.arguments()));
            return null;
        }
    }

    final ImplementationListRow item(List<Guide.Material> materials, List<Guide.ProcessStep> process,
            List<Guide.Fee> fees, List<Guide.Faq> faq) {
        return new ImplementationListRow(get(CODE), get(NAME), get(BASIC_CODE), get(BODY_CREDIT_CODE), get(LEVEL),
                get(DIVISION_CODE), get(CONDITIONS), materials, process, get(LEGAL_DAYS), get(LEGAL_DAY_KIND),
                get(PROMISED_DAYS), get(PROMISED_DAY_KIND), get(HANDLING), fees, get(VISITS), get(ONLINE_DEPTH),
                Boolean.TRUE.equals(get(MAIL_IN)), get(REACH), get(JOINT_BODIES), get(RESULT_TYPE), get(RESULT_NAME),
                get(RESULT_SAMPLE), get(OFFLINE_REASON), faq,
                new Venue(get(HALL), get(ADDRESS), get(HOURS), get(CONSULTATION_PHONE), get(COMPLAINT_PHONE)),
                get(ASSURANCE_LEVEL));
    }

    final Guide.Material material() {
        Integer copies = get(PAPER_COPIES);
        return new Guide.Material(get(MATERIAL_NAME), get(MATERIAL_TYPE), get(MATERIAL_FORM), get(NECESSITY),
                copies == null ? 0 : copies, get(SOURCE), get(SOURCE_BODY), get(BLANK_FORM), get(SAMPLE),
                get(FILLING_INSTRUCTIONS), get(ACCEPTANCE_STANDARD), get(MATERIAL_BASIS), get(SHARED_RESOURCE));
    }

    final Guide.ProcessStep step() {
        return new Guide.ProcessStep(get(STEP_NAME), get(STEP_DESCRIPTION));
    }

    final Guide.Fee fee() {
        return new Guide.Fee(get(FEE_NAME), get(FEE_STANDARD), get(FEE_BASIS), Boolean.TRUE.equals(get(FEE_REDUCIBLE)));
    }

    final Guide.Faq question() {
        return new Guide.Faq(get(QUESTION), get(ANSWER));
    }
}

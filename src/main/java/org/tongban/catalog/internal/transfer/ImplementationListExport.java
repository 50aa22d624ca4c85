package org.tongban.catalog.internal.transfer;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.catalog.internal.ImplementationItem;
import org.tongban.catalog.internal.ItemStatus;
import org.tongban.shared.DivisionCode;

/**
 * Exports the published implementation items of a body, or of a division and everything within it, as a file that
 * imports again unchanged (as new drafts of the same items): the starting point for a department's next revision.
 */
@Service
public class ImplementationListExport {

    private static final int CLEAR_EVERY = 500;

    private final EntityManager entityManager;
    private final TransactionTemplate readOnly;

    ImplementationListExport(EntityManager entityManager, PlatformTransactionManager transactions) {
        this.entityManager = entityManager;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Writes the body's published items to {@code out}; answers how many. */
    public int exportBody(UUID body, TransferFormat format, OutputStream out) {
        List<ImplementationListRow> rows = rowsOfBody(body);
        format.write(rows, out);
        return rows.size();
    }

    /** Writes the published items of {@code division} and of every division within it to {@code out}. */
    public int exportDivision(DivisionCode division, TransferFormat format, OutputStream out) {
        List<ImplementationListRow> rows = rowsWithin(division);
        format.write(rows, out);
        return rows.size();
    }

    /** The body's published items, by code. */
    public List<ImplementationListRow> rowsOfBody(UUID body) {
        return rows(() -> entityManager.createQuery("select i from ImplementationItem i where i.bodyId = :body "
                + "and i.status = :status order by i.code", ImplementationItem.class).setParameter("body", body));
    }

    /** The published items of the division and those below it (its code is in their lineage), by division and code. */
    public List<ImplementationListRow> rowsWithin(DivisionCode division) {
        return rows(() -> entityManager.createQuery("select i from ImplementationItem i where i.status = :status "
                + "and concat(' ', i.divisionLineage, ' ') like :token order by i.divisionCode, i.code",
                ImplementationItem.class).setParameter("token", "% " + division.value() + " %"));
    }

    /** Read in one short transaction; the file is written after it, with no connection held. */
    private List<ImplementationListRow> rows(Supplier<TypedQuery<ImplementationItem>> query) {
        return readOnly.execute(status -> {
            List<ImplementationListRow> rows = new ArrayList<>();
            try (Stream<ImplementationItem> items = query.get().setParameter("status", ItemStatus.PUBLISHED)
                    .setHint("org.hibernate.fetchSize", CLEAR_EVERY).getResultStream()) {
                items.forEach(item -> {
                    rows.add(ImplementationListRow.of(item.code(), item.name(), item.divisionCode(), item.guide(),
                            item.venue()));
                    if (rows.size() % CLEAR_EVERY == 0) {
                        entityManager.clear();
                    }
                });
            }
            return rows;
        });
    }
}

package org.tongban.catalog.internal.transfer;

import java.util.List;

import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.Venue;
import org.tongban.catalog.internal.transfer.ImportReferences.BasicItemReference;
import org.tongban.catalog.internal.transfer.ImportReferences.BodyReference;
import org.tongban.catalog.internal.transfer.ImportReferences.DivisionReference;

/**
 * An implementation list in which the {@link ImplementationListValidator} found nothing wrong, with every code checked
 * and resolved: only this can be imported. Made by the validator alone.
 */
public final class ValidatedImplementationList {

    private final List<Item> items;

    ValidatedImplementationList(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** One item, ready to be written as a draft version. */
    public record Item(ImplementationCode code, ImplementationListRow row, Guide guide, Venue venue,
            BasicItemReference basic, BodyReference body, DivisionReference division) {
    }

    public List<Item> items() {
        return items;
    }

    public int size() {
        return items.size();
    }
}

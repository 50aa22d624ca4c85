package org.tongban.catalog.internal.transfer;

import java.util.List;

import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;

/**
 * An implementation-list file as read, before it is checked: its items with where each element came from, the list
 * rows that name no item of the file, and what could not be read at all (a cell that is no value of its column, a
 * missing sheet or column). Reading never stops at the first problem; the {@link ImplementationListValidator} adds the
 * rest and decides.
 *
 * @param entries the items in file order
 * @param orphans rows of the list sheets whose {@code 实施编码} matches no item (or is blank)
 * @param problems what could not be read
 */
public record ImplementationListFile(List<Entry> entries, List<Orphan> orphans, List<ImportProblem> problems) {

    public ImplementationListFile {
        entries = List.copyOf(entries);
        orphans = List.copyOf(orphans);
        problems = List.copyOf(problems);
    }

    /** A file that could not be opened at all. */
    static ImplementationListFile unreadable(String code, Object... arguments) {
        return new ImplementationListFile(List.of(), List.of(), List.of(ImportProblem.of(Location.FILE, code, arguments)));
    }

    public List<ImplementationListRow> rows() {
        return entries.stream().map(Entry::row).toList();
    }

    /** One item and where its elements are in the file. */
    public record Entry(ImplementationListRow row, Origin origin) {
    }

    /** A list row that belongs to no item of the file. */
    public record Orphan(Location key, String value) {
    }

    /** Where the elements of one item are in the file. */
    public interface Origin {

        /** The cell of an element of the item itself. */
        Location of(Column<ImplementationListRow, ?> column);

        /** The cell of an element of the {@code index}th entry of a list (material, step, fee, question). */
        Location of(Column<?, ?> column, int index);

        /** The item's own row, for a problem with its whole list in {@code sheet} (e.g. no process steps). */
        Location list(Sheet sheet);
    }

    /** An item in a spreadsheet: its row in {@code 事项}, and the rows of its entries in each list sheet. */
    record SheetOrigin(int row, java.util.Map<Sheet, List<Integer>> listRows) implements Origin {

        @Override
        public Location of(Column<ImplementationListRow, ?> column) {
            return new Location(Sheet.ITEMS.title(), row, column.header());
        }

        @Override
        public Location of(Column<?, ?> column, int index) {
            return new Location(column.sheet().title(), listRows.get(column.sheet()).get(index), column.header());
        }

        @Override
        public Location list(Sheet sheet) {
            return new Location(Sheet.ITEMS.title(), row, sheet.title());
        }
    }

    /** An item in a JSON file: its index in {@code items}. */
    record JsonOrigin(int index) implements Origin {

        @Override
        public Location of(Column<ImplementationListRow, ?> column) {
            return new Location(path(), index + 1, column.field());
        }

        @Override
        public Location of(Column<?, ?> column, int entry) {
            return new Location(path() + "." + column.sheet().field() + "[" + entry + "]", index + 1, column.field());
        }

        @Override
        public Location list(Sheet sheet) {
            return new Location(path(), index + 1, sheet.field());
        }

        private String path() {
            return "$.items[" + index + "]";
        }
    }
}

package org.tongban.catalog.internal.transfer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * One reason an implementation-list file is rejected, and where it lies, so that an officer can find the cell.
 *
 * @param location the cell
 * @param code the message key ({@code catalog.transfer.*}, {@code catalog.guide.*}, or the code of an
 *        {@link org.tongban.shared.InvalidValueException} such as {@code shared.credit-code.check})
 * @param arguments what the message shows, in the order of its placeholders; never {@code null} elements
 */
public record ImportProblem(Location location, String code, List<Object> arguments) {

    /**
     * A cell. In a spreadsheet: the sheet's name, the row number as Excel shows it (1-based) and the column's
     * Chinese header; a problem with the whole item list of a sheet (an item without process steps) names that sheet
     * as its column, a problem with the whole file has row 0. In a JSON file: the path of the object (
     * {@code $.items[2].materials[0]}), the item's number (1-based) and the property's name.
     */
    public record Location(String sheet, int row, String column) {

        static final Location FILE = new Location("", 0, "");
    }

    /** Numbers become text, so that a message shows row 1202 and 1000 days as they are, not as 1,202. */
    public ImportProblem {
        arguments = arguments.stream()
                .map(a -> a == null ? "" : a instanceof Number ? (Object) a.toString() : a)
                .toList();
    }

    static ImportProblem of(Location location, String code, Object... arguments) {
        return new ImportProblem(location, code, Arrays.asList(arguments));
    }

    public String sheet() {
        return location.sheet();
    }

    public int row() {
        return location.row();
    }

    public String column() {
        return location.column();
    }

    /** The message alone, in {@code locale}. */
    public String message(MessageSource messages, Locale locale) {
        return messages.getMessage(code, arguments.toArray(), code, locale);
    }

    /** Where and what, in {@code locale}: 工作表“材料”第 12 行“必要性”：… (for JSON: 第 3 个事项 … 的“necessity”：…). */
    public String describe(MessageSource messages, Locale locale) {
        String key = location.row() == 0 ? "catalog.transfer.at-file"
                : location.sheet().startsWith("$") ? "catalog.transfer.at-json" : "catalog.transfer.at";
        return messages.getMessage(key, new Object[] { location.sheet(), String.valueOf(location.row()),
                location.column(), message(messages, locale) }, locale);
    }
}

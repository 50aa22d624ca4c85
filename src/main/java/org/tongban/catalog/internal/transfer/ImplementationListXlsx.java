package org.tongban.catalog.internal.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Entry;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Orphan;
import org.tongban.catalog.internal.transfer.ImplementationListFile.SheetOrigin;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;

/**
 * Implementation lists as Excel workbooks (.xlsx) in the layout of {@link ListLayout}. Writing streams the rows
 * (FastExcel), so a province's lists fit in little memory; reading streams them too and reports every cell it cannot
 * read instead of stopping at the first.
 */
public final class ImplementationListXlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String INSTRUCTIONS = "填写说明";

    /** Rows kept in memory before they are written out. */
    private static final int FLUSH_EVERY = 1_000;
    /** Drop-down lists reach this many rows past the data, for rows an officer adds. */
    private static final int SPARE_ROWS = 1_000;
    private static final String HEADER_FILL = "DDEBF7";
    private static final String REQUIRED_COLOR = "C00000";

    private ImplementationListXlsx() {
    }

    // --- Writing

    /** Writes {@code rows} to {@code out}, which stays open. */
    public static void write(List<ImplementationListRow> rows, OutputStream out) {
        try {
            Workbook workbook = new Workbook(new KeepOpen(out), "Tongban", "1.0");
            workbook.setGlobalDefaultFont("等线", 11);
            writeItems(workbook, rows);
            writeList(workbook, Sheet.MATERIALS, rows, ImplementationListRow::materials);
            writeList(workbook, Sheet.PROCESS, rows, ImplementationListRow::process);
            writeList(workbook, Sheet.FEES, rows, ImplementationListRow::fees);
            writeList(workbook, Sheet.FAQ, rows, ImplementationListRow::faq);
            writeInstructions(workbook);
            workbook.setActiveTab(0);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeItems(Workbook workbook, List<ImplementationListRow> rows) throws IOException {
        Worksheet sheet = begin(workbook, Sheet.ITEMS, rows.size());
        int r = 2;
        for (ImplementationListRow row : rows) {
            int c = 0;
            for (Column<?, ?> column : Sheet.ITEMS.columns()) {
                cell(sheet, r, c++, column, row);
            }
            if (++r % FLUSH_EVERY == 0) {
                sheet.flush();
            }
        }
        sheet.finish();
    }

    private static <E> void writeList(Workbook workbook, Sheet list, List<ImplementationListRow> rows,
            Function<ImplementationListRow, List<E>> entries) throws IOException {
        int count = rows.stream().mapToInt(row -> entries.apply(row).size()).sum();
        Worksheet sheet = begin(workbook, list, count);
        Column<ImplementationListRow, String> key = list.key().orElseThrow();
        int r = 2;
        for (ImplementationListRow row : rows) {
            for (E entry : entries.apply(row)) {
                int c = 0;
                for (Column<?, ?> column : list.columns()) {
                    cell(sheet, r, c++, column, column == key ? row : entry);
                }
                if (++r % FLUSH_EVERY == 0) {
                    sheet.flush();
                }
            }
        }
        sheet.finish();
    }

    /** A sheet with its two header rows, widths, drop-downs and notes; everything that must precede the data. */
    private static Worksheet begin(Workbook workbook, Sheet which, int rows) {
        Worksheet sheet = workbook.newWorksheet(which.title());
        List<Column<?, ?>> columns = which.columns();
        int last = Math.min(Worksheet.MAX_ROWS - 1, rows + 1 + SPARE_ROWS);
        for (int c = 0; c < columns.size(); c++) {
            Column<?, ?> column = columns.get(c);
            sheet.value(0, c, column.header());
            sheet.value(1, c, column.field());
            var style = sheet.style(0, c).bold().fillColor(HEADER_FILL).wrapText(true);
            (column.required() ? style.fontColor(REQUIRED_COLOR) : style).set();
            sheet.width(c, width(column));
            if (column.format() == ValueFormat.TEXT && column.field().endsWith("Code")) {
                // Codes are text: keeps Excel from turning 210112001000 into 2.10112E+11 while typing.
                sheet.style(c).format("@").set();
            }
            String note = note(column);
            if (!note.isEmpty()) {
                sheet.comment(0, c, note);
            }
            List<String> choices = column.format().choices();
            if (!choices.isEmpty()) {
                // Information style: aliases and codes typed instead of a listed label are accepted too.
                sheet.range(2, c, last, c).validateWithListByFormula('"' + String.join(",", choices) + '"')
                        .showDropdown(true);
            }
        }
        sheet.hideRow(1);
        sheet.freezePane(which == Sheet.ITEMS ? 2 : 1, 2);
        return sheet;
    }

    private static <R, V> void cell(Worksheet sheet, int r, int c, Column<R, V> column, Object source) {
        @SuppressWarnings("unchecked")
        V value = column.valueOf((R) source);
        if (value == null) {
            return;
        }
        if (column.format().json(value) instanceof Integer number) {
            sheet.value(r, c, number);
            return;
        }
        String text = column.format().format(value);
        if (text == null) {
            return;
        }
        sheet.value(r, c, text);
        if (text.indexOf('\n') >= 0) {
            sheet.style(r, c).wrapText(true).verticalAlignment("top").set();
        }
    }

    private static double width(Column<?, ?> column) {
        if (column.field().endsWith("Code")) {
            return 34;
        }
        if (column.format() == ValueFormat.LINES) {
            return 48;
        }
        if (column.format() == ValueFormat.TEXT) {
            return 24;
        }
        return Math.max(12, column.header().length() * 2.2 + 2);
    }

    private static String note(Column<?, ?> column) {
        StringBuilder note = new StringBuilder(column.required() ? "必填。" : "");
        if (!column.format().choices().isEmpty()) {
            note.append("可填：").append(String.join("、", column.format().choices())).append("。");
        }
        return note.append(column.hint()).toString();
    }

    private static void writeInstructions(Workbook workbook) throws IOException {
        Worksheet sheet = workbook.newWorksheet(INSTRUCTIONS);
        List<String> headers = List.of("工作表", "列名", "字段名", "必填", "可填写的值", "说明");
        double[] widths = { 10, 26, 24, 6, 40, 60 };
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
            sheet.style(0, c).bold().fillColor(HEADER_FILL).set();
            sheet.width(c, widths[c]);
        }
        int r = 1;
        for (Sheet which : Sheet.values()) {
            for (Column<?, ?> column : which.columns()) {
                sheet.value(r, 0, which.title());
                sheet.value(r, 1, column.header());
                sheet.value(r, 2, column.field());
                sheet.value(r, 3, column.required() ? "是" : "");
                sheet.value(r, 4, String.join("、", column.format().choices()));
                sheet.value(r, 5, column.hint());
                r++;
            }
        }
        r++;
        for (String line : List.of(
                "每个事项在“事项”表占一行；其材料、流程、收费、常见问题分别在同名工作表中逐行填写，第一列填所属事项的实施编码。",
                "第 1 行为列名，第 2 行（隐藏）为字段名，请勿修改；可以调整列的顺序或增加备注列，导入时忽略无法识别的列。",
                "受理条件、联办机构等可填多条的单元格，每行一条（单元格内按 Alt+Enter 换行）。",
                "选择项也可填写英文名称或代码（如必要性填 1/2/3，来源渠道填 10/20/99）。",
                "导入时整个文件一并校验：全部正确才会导入（每个事项生成一个新的草稿版本），否则一条也不导入，并列出每个错误所在的工作表、行和列。",
                "红色列名为必填项。")) {
            sheet.value(r++, 0, line);
        }
        sheet.finish();
    }

    /** FastExcel closes the stream it writes to; a caller's stream (an HTTP response) is the caller's to close. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    // --- Reading

    /** Reads a workbook; never throws for bad content, which is reported in the file's problems. */
    public static ImplementationListFile read(InputStream in) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            return new Reading(workbook).read();
        } catch (IOException | RuntimeException e) {
            // Not a zip, not a workbook, or a workbook FastExcel cannot parse: nothing in it can be trusted.
            return ImplementationListFile.unreadable("catalog.transfer.unreadable-xlsx");
        }
    }

    private static final class Reading {

        private final ReadableWorkbook workbook;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final List<ImplementationListRow> items = new ArrayList<>();
        private final List<Integer> itemRows = new ArrayList<>();
        private final Map<String, Integer> byCode = new HashMap<>();
        private final Map<String, List<Integer>> byBasicCode = new HashMap<>();
        private final List<Map<Sheet, List<Object>>> lists = new ArrayList<>();
        private final List<Map<Sheet, List<Integer>>> listRows = new ArrayList<>();
        private final List<Orphan> orphans = new ArrayList<>();

        Reading(ReadableWorkbook workbook) {
            this.workbook = workbook;
        }

        ImplementationListFile read() throws IOException {
            Optional<org.dhatim.fastexcel.reader.Sheet> itemSheet = find(Sheet.ITEMS);
            if (itemSheet.isEmpty()) {
                problems.add(ImportProblem.of(Location.FILE, "catalog.transfer.sheet-missing", Sheet.ITEMS.title()));
                return new ImplementationListFile(List.of(), List.of(), problems);
            }
            readSheet(itemSheet.get(), Sheet.ITEMS);
            for (Sheet list : List.of(Sheet.MATERIALS, Sheet.PROCESS, Sheet.FEES, Sheet.FAQ)) {
                Optional<org.dhatim.fastexcel.reader.Sheet> found = find(list);
                if (found.isPresent()) {
                    readSheet(found.get(), list);
                }
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Map<Sheet, List<Object>> own = lists.get(i);
                entries.add(new Entry(items.get(i).withLists(cast(own.get(Sheet.MATERIALS)),
                        cast(own.get(Sheet.PROCESS)), cast(own.get(Sheet.FEES)), cast(own.get(Sheet.FAQ))),
                        new SheetOrigin(itemRows.get(i), listRows.get(i))));
            }
            return new ImplementationListFile(entries, orphans, problems);
        }

        @SuppressWarnings("unchecked")
        private static <E> List<E> cast(List<Object> entries) {
            return (List<E>) entries;
        }

        /** By its Chinese name, or its English one for files made by programs. */
        private Optional<org.dhatim.fastexcel.reader.Sheet> find(Sheet which) {
            return workbook.getSheets()
                    .filter(s -> s.getName().strip().equals(which.title())
                            || s.getName().strip().equalsIgnoreCase(which.field()))
                    .findFirst();
        }

        private void readSheet(org.dhatim.fastexcel.reader.Sheet source, Sheet which) throws IOException {
            try (Stream<Row> rows = source.openStream()) {
                Header header = null;
                for (Row row : (Iterable<Row>) rows::iterator) {
                    if (header == null) {
                        if (isBlank(row)) {
                            continue;
                        }
                        header = Header.of(which, row, problems);
                        continue;
                    }
                    if (header.awaitingFieldRow && header.fieldRow(row)) {
                        continue;
                    }
                    header.awaitingFieldRow = false;
                    if (header.isBlank(row)) {
                        continue;
                    }
                    // Missing columns matter only to a sheet with rows: an officer may leave 收费 as it came.
                    problems.addAll(header.missing);
                    header.missing.clear();
                    SheetCells cells = new SheetCells(header, row, problems);
                    if (which == Sheet.ITEMS) {
                        addItem(cells.item(List.of(), List.of(), List.of(), List.of()), row.getRowNum());
                    } else {
                        addEntry(which, cells, row.getRowNum());
                    }
                }
            }
        }

        private void addItem(ImplementationListRow item, int rowNumber) {
            int index = items.size();
            items.add(item);
            itemRows.add(rowNumber);
            Map<Sheet, List<Object>> own = new LinkedHashMap<>();
            Map<Sheet, List<Integer>> ownRows = new LinkedHashMap<>();
            for (Sheet list : List.of(Sheet.MATERIALS, Sheet.PROCESS, Sheet.FEES, Sheet.FAQ)) {
                own.put(list, new ArrayList<>());
                ownRows.put(list, new ArrayList<>());
            }
            lists.add(own);
            listRows.add(ownRows);
            String code = item.effectiveCode();
            if (code != null) {
                byCode.putIfAbsent(code, index);
            }
            if (item.basicCode() != null) {
                byBasicCode.computeIfAbsent(item.basicCode().toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(index);
            }
        }

        private void addEntry(Sheet list, SheetCells cells, int rowNumber) {
            Column<ImplementationListRow, String> key = list.key().orElseThrow();
            String value = cells.get(key);
            Object entry = switch (list) {
                case MATERIALS -> cells.material();
                case PROCESS -> cells.step();
                case FEES -> cells.fee();
                case FAQ -> cells.question();
                case ITEMS -> throw new IllegalArgumentException();
            };
            Integer item = value == null ? null : itemOf(value.strip().toUpperCase(Locale.ROOT));
            if (item == null) {
                orphans.add(new Orphan(new Location(list.title(), rowNumber, key.header()), value));
                return;
            }
            lists.get(item).get(list).add(entry);
            listRows.get(item).get(list).add(rowNumber);
        }

        private Integer itemOf(String key) {
            Integer item = byCode.get(key);
            if (item != null) {
                return item;
            }
            List<Integer> sameBasicCode = byBasicCode.getOrDefault(key, List.of());
            return sameBasicCode.size() == 1 ? sameBasicCode.getFirst() : null;
        }

        private static boolean isBlank(Row row) {
            return row.stream().allMatch(cell -> ValueFormat.blank(text(cell)));
        }
    }

    /** Which cell of a sheet holds which column: found by the Chinese header or the English field name. */
    private static final class Header {

        private final Sheet sheet;
        private final int row;
        private final Map<Column<?, ?>, Integer> cells = new LinkedHashMap<>();
        /** The required columns the sheet lacks, reported with its first row of data. */
        final List<ImportProblem> missing = new ArrayList<>();
        boolean awaitingFieldRow = true;

        private Header(Sheet sheet, int row) {
            this.sheet = sheet;
            this.row = row;
        }

        static Header of(Sheet sheet, Row row, List<ImportProblem> problems) {
            Header header = new Header(sheet, row.getRowNum());
            for (Cell cell : row) {
                String text = text(cell);
                if (ValueFormat.blank(text)) {
                    continue;
                }
                String name = headerKey(text);
                sheet.columns().stream()
                        .filter(c -> headerKey(c.header()).equals(name) || c.field().equalsIgnoreCase(name))
                        .findFirst()
                        .ifPresent(column -> {
                            if (header.cells.putIfAbsent(column, cell.getColumnIndex()) != null) {
                                problems.add(ImportProblem.of(new Location(sheet.title(), header.row,
                                        column.header()), "catalog.transfer.column-twice", column.header()));
                            }
                        });
            }
            for (Column<?, ?> column : sheet.columns()) {
                if (column.required() && !header.cells.containsKey(column)) {
                    header.missing.add(ImportProblem.of(new Location(sheet.title(), header.row, column.header()),
                            "catalog.transfer.column-missing", sheet.title(), column.header()));
                }
            }
            if (sheet == Sheet.ITEMS && !header.cells.containsKey(ListLayout.CODE)
                    && !header.cells.containsKey(ListLayout.LEVEL)) {
                header.missing.add(ImportProblem.of(new Location(sheet.title(), header.row, ListLayout.CODE.header()),
                        "catalog.transfer.column-missing", sheet.title(), ListLayout.CODE.header()));
            }
            return header;
        }

        /** The hidden second row of field names, if this is it; it also places columns whose header was renamed. */
        boolean fieldRow(Row row) {
            Map<Column<?, ?>, Integer> found = new HashMap<>();
            for (Cell cell : row) {
                String text = text(cell);
                if (!ValueFormat.blank(text)) {
                    sheet.columns().stream().filter(c -> c.field().equals(text.strip())).findFirst()
                            .ifPresent(column -> found.put(column, cell.getColumnIndex()));
                }
            }
            awaitingFieldRow = false;
            if (found.size() < 2) {
                return false;
            }
            found.forEach(cells::putIfAbsent);
            return true;
        }

        boolean isBlank(Row row) {
            return cells.values().stream().allMatch(index -> ValueFormat.blank(text(row, index)));
        }

        Integer indexOf(Column<?, ?> column) {
            return cells.get(column);
        }

        /** Headers compare without white space, width or a required mark (* or （必填）). */
        private static String headerKey(String text) {
            return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "")
                    .replace("(必填)", "").replace("*", "").toLowerCase(Locale.ROOT);
        }
    }

    private static final class SheetCells extends Cells {

        private final Header header;
        private final Row row;

        SheetCells(Header header, Row row, List<ImportProblem> problems) {
            super(problems);
            this.header = header;
            this.row = row;
        }

        @Override
        <V> V value(Column<?, V> column) {
            Integer index = header.indexOf(column);
            String text = index == null ? null : text(row, index);
            return ValueFormat.blank(text) ? null : column.format().parse(text.strip());
        }

        @Override
        Location locate(Column<?, ?> column) {
            return new Location(column.sheet().title(), row.getRowNum(), column.header());
        }
    }

    private static String text(Row row, int index) {
        return index < row.getCellCount() ? text(row.getCell(index)) : null;
    }

    /** What the cell shows, as text: numbers without a trailing .0 or an exponent, formulas by their result. */
    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getType()) {
            case EMPTY -> null;
            case NUMBER -> {
                BigDecimal number = cell.asNumber();
                yield number == null ? null : number.stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "TRUE" : "FALSE";
            case STRING -> cell.asString();
            case FORMULA, ERROR -> cell.getRawValue();
        };
    }
}

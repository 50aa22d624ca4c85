package org.tongban.platform.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An official document (公文) in the layout of Chinese administrative documents (GB/T 9704-2012, simplified): the
 * issuing body (发文机关标志), the document number (发文字号, e.g. {@code 浑南市监受字〔2026〕第12号}), the title, the
 * addressee (主送), the body, the closing (署名 and 成文日期) and a verification line with a QR code. Modules build it
 * from their stored, immutable data; it is plain data, so a module may keep it as issued and render the same text
 * again on every download.
 *
 * @param issuingBody the body that issues the document, printed as its mark at the top
 * @param number the document number; {@code null} for documents without one (certificate copies)
 * @param addressee the person or company addressed, without the closing colon; {@code null} for none
 * @param closingBody the name signed under the text (normally the issuing body)
 * @param date the date of the document (成文日期)
 * @param verification what the verification line and the QR code say; {@code null} for none
 */
public record OfficialDocument(String issuingBody, String title, String number, String addressee, List<Block> blocks,
        String closingBody, LocalDate date, Verification verification) {

    public OfficialDocument {
        Objects.requireNonNull(issuingBody, "issuingBody");
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(date, "date");
    }

    /** One block of the text. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({ @JsonSubTypes.Type(value = Paragraph.class, name = "paragraph"),
            @JsonSubTypes.Type(value = Heading.class, name = "heading"),
            @JsonSubTypes.Type(value = NumberedList.class, name = "list"),
            @JsonSubTypes.Type(value = Table.class, name = "table") })
    public sealed interface Block permits Paragraph, Heading, NumberedList, Table {
    }

    /** A paragraph, first line indented by two characters as Chinese text is. */
    public record Paragraph(String text) implements Block {
    }

    /** A heading inside the text (一、二、...), in bold face. */
    public record Heading(String text) implements Block {
    }

    /** Items numbered 1. 2. 3. with a hanging indent. */
    public record NumberedList(List<String> items) implements Block {

        public NumberedList {
            items = List.copyOf(items);
        }
    }

    /**
     * A ruled table; each row has one cell per header; {@code widths} are the relative column widths.
     */
    public record Table(List<String> headers, List<List<String>> rows, List<Integer> widths) implements Block {

        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(r -> r.stream().map(c -> c == null ? "" : c).toList()).toList();
            widths = List.copyOf(widths);
            int columns = headers.size();
            if (widths.size() != columns || rows.stream().anyMatch(r -> r.size() != columns)) {
                throw new IllegalArgumentException("Every row and the widths need one entry per header");
            }
        }
    }

    /**
     * The verification line: the case or certificate number, and where to check the document (a URL, also as QR
     * code).
     *
     * @param label e.g. {@code 办件编号} or {@code 电子证照标识}
     */
    public record Verification(String label, String value, String url) {
    }

    /** A date as official documents write it: {@code 2026年3月2日}. */
    public static String chineseDate(LocalDate date) {
        return date == null ? "" : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }
}

package org.tongban.catalog.internal.transfer;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The two file formats of implementation lists. */
public enum TransferFormat {

    /** Excel workbook, for departments that prepare their lists in spreadsheets. */
    XLSX(ImplementationListXlsx.MEDIA_TYPE, "xlsx"),
    /** JSON, for programs. */
    JSON(ImplementationListJson.MEDIA_TYPE, "json");

    private final String mediaType;
    private final String extension;

    TransferFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format a file name ends in ({@code 实施清单.xlsx}), if it is one of these. */
    public static Optional<TransferFormat> ofFileName(String name) {
        String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (TransferFormat format : values()) {
            if (lower.endsWith("." + format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public void write(List<ImplementationListRow> rows, OutputStream out) {
        switch (this) {
            case XLSX -> ImplementationListXlsx.write(rows, out);
            case JSON -> ImplementationListJson.write(rows, out);
        }
    }

    public ImplementationListFile read(InputStream in) {
        return switch (this) {
            case XLSX -> ImplementationListXlsx.read(in);
            case JSON -> ImplementationListJson.read(in);
        };
    }
}

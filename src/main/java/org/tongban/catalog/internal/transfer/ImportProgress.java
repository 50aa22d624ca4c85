package org.tongban.catalog.internal.transfer;

/**
 * How far an import has got, for a page to show on large files: called every few items while the file is checked and
 * after each batch written. Runs on the importing thread; keep it quick (store the numbers where the page polls them).
 */
@FunctionalInterface
public interface ImportProgress {

    /** For callers that show nothing. */
    ImportProgress NONE = (stage, done, total) -> {
    };

    enum Stage { VALIDATING, WRITING }

    /**
     * @param done the items checked or written so far
     * @param total the items in the file
     */
    void advanced(Stage stage, int done, int total);
}

package org.tongban.platform.documents;

import org.tongban.platform.web.RefusedException;

/**
 * No font with Chinese glyphs was found, so no document can be made (503, {@code platform.documents.font-missing}).
 * The rest of the platform works on; the administrator sets {@code tongban.documents.font}.
 */
public class DocumentsUnavailableException extends RefusedException {

    public DocumentsUnavailableException() {
        super(Reason.UNAVAILABLE, "platform.documents.font-missing");
    }
}

package org.tongban.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * The official documents (文书) a case gives its applicant, in the order they arise: the acceptance stage's notices
 * (行政许可法 Art. 32) and the licensing decisions (Art. 37–38).
 *
 * @param slug the name in URLs ({@code /documents/acceptance})
 * @param title the document's title (documents are in Chinese: they are official documents)
 * @param code the character(s) of the document number that name the kind ({@code 受} in {@code 浑南市监受字〔2026〕第7号})
 */
public enum CaseDocumentKind {
    /** 受理通知书 (Art. 32 para. 1 (5), para. 2: a written receipt dated and sealed). */
    ACCEPTANCE("acceptance", "受理通知书", "受"),
    /** 补正材料通知书: every correction at once (一次告知, Art. 32 para. 1 (4)). */
    CORRECTION("correction", "补正材料通知书", "补"),
    /** 不予受理通知书 with the reasons and the remedies (Art. 32 para. 1 (2)–(3), para. 2). */
    NOT_ACCEPTED("not-accepted", "不予受理通知书", "不受"),
    /** 准予行政许可决定书 (Art. 37–38 para. 1). */
    GRANT("grant", "准予行政许可决定书", "准许"),
    /** 不予行政许可决定书 with the reasons and the remedies (Art. 38 para. 2). */
    REFUSAL("refusal", "不予行政许可决定书", "不许");

    private final String slug;
    private final String title;
    private final String code;

    CaseDocumentKind(String slug, String title, String code) {
        this.slug = slug;
        this.title = title;
        this.code = code;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String code() {
        return code;
    }

    public static Optional<CaseDocumentKind> ofSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }
}

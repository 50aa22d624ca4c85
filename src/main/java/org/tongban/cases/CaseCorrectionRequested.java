package org.tongban.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A window officer asked the applicant to correct the application (补正, one-time notification, 行政许可法 Art. 32
 * para. 1 (4)). {@code notInEarlierNotice} names what a repeated request asks for that no earlier notice of the same
 * application mentioned: one-time notification means there should be nothing, so supervision is told of every such
 * request.
 */
public record CaseCorrectionRequested(UUID applicationId, String caseNumber, String itemCode, UUID bodyId,
        UUID applicantAccount, int deficiencies, LocalDate requestedOn, List<String> notInEarlierNotice) {

    public CaseCorrectionRequested {
        notInEarlierNotice = List.copyOf(notInEarlierNotice);
    }

    /** Whether this request breaks one-time notification (一次告知). */
    public boolean repeatsNotification() {
        return !notInEarlierNotice.isEmpty();
    }
}

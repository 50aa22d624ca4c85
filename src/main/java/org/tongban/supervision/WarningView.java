package org.tongban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One warning: {@code kind} {@code YELLOW} (a task's deadline is near), {@code RED} (overdue, 超期) or
 * {@code BAD_RATING} (差评, {@code detail} the level); {@code sourceId} the task or the rating. A bad rating of a hall
 * visit (一次一评) has no case: {@code visitId}, {@code place} (hall · window, item) and {@code raterMasked} instead.
 */
public record WarningView(UUID id, String kind, UUID sourceId, UUID applicationId, String caseNumber, UUID bodyId,
        String bodyName, String divisionCode, LocalDate dueOn, String detail, Instant raisedAt, Instant handledAt,
        String handledBy, String handledNote, UUID visitId, String place, String raterMasked) {

    public boolean ofVisit() {
        return visitId != null;
    }

    public boolean handled() {
        return handledAt != null;
    }
}

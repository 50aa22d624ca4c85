package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A special procedure (特别程序, 行政许可法 Art. 45) started ({@code resumedOn} null) or ended: the time in between is
 * not counted in the limits; {@code excludedDays} working days were added to the deadlines when it ended.
 */
public record CaseSuspended(UUID applicationId, String caseNumber, UUID taskId, String kind, LocalDate startedOn,
        LocalDate resumedOn, int excludedDays) {
}

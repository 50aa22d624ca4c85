package org.tongban.supervision;

import java.time.LocalDate;
import java.util.UUID;

/** A special procedure (特别程序, 行政许可法 Art. 45) of a case: {@code resumedOn} null while it runs. */
public record SpecialProcedureView(UUID taskId, String kind, LocalDate startedOn, LocalDate resumedOn,
        Integer excludedDays) {
}

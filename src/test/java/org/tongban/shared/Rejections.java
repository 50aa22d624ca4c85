package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs a call that must be refused with an {@link InvalidValueException} and hands the exception back. */
final class Rejections {

    private Rejections() {
    }

    static InvalidValueException rejected(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an InvalidValueException").isExactlyInstanceOf(InvalidValueException.class);
        return (InvalidValueException) thrown;
    }

    static CalendarYearMissingException yearMissing(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a CalendarYearMissingException")
                .isExactlyInstanceOf(CalendarYearMissingException.class);
        return (CalendarYearMissingException) thrown;
    }
}

package org.tongban.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTests {

    @Test
    void carriesItsCodeValueAndArguments() {
        InvalidValueException e = new InvalidValueException("shared.credit-code.check", "91440300708461136U",
                "91440300708461136U", 7);

        assertThat(e.code()).isEqualTo("shared.credit-code.check");
        assertThat(e.value()).isEqualTo("91440300708461136U");
        assertThat(e.arguments()).containsExactly("91440300708461136U", 7);
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theMessageNamesCodeValueAndArgumentsForLogs() {
        assertThat(new InvalidValueException("shared.calendar.csv-line", "x,y", "3"))
                .hasMessage("shared.calendar.csv-line [x,y] [3]");
        assertThat(new InvalidValueException("shared.citizen-id.check", "110105194912310021"))
                .hasMessage("shared.citizen-id.check [110105194912310021]");
    }

    @Test
    void aNullValueIsAllowed() {
        InvalidValueException e = new InvalidValueException("shared.division-code.format", null);

        assertThat(e.value()).isNull();
        assertThat(e.arguments()).isEmpty();
        assertThat(e).hasMessage("shared.division-code.format [null]");
    }

    @Test
    void theArgumentsCannotBeChangedFromOutside() {
        Object[] given = { "a", "b" };
        InvalidValueException e = new InvalidValueException("some.code", "v", given);

        given[0] = "changed";
        e.arguments()[1] = "changed too";

        assertThat(e.arguments()).containsExactly("a", "b");
    }
}

package org.tongban.shared;

import java.util.Arrays;

/**
 * A value that breaks a rule of its type (a code with a wrong check character, a date that does not exist). The
 * {@link #code() code} is stable, doubles as the message-bundle key, and is what API clients match on; the
 * {@link #arguments() arguments} fill the message's placeholders.
 */
public class InvalidValueException extends RuntimeException {

    private final String code;
    private final String value;
    private final transient Object[] arguments;

    public InvalidValueException(String code, String value, Object... arguments) {
        super(code + " [" + value + "]" + (arguments.length > 0 ? " " + Arrays.toString(arguments) : ""));
        this.code = code;
        this.value = value;
        this.arguments = arguments.clone();
    }

    public String code() {
        return code;
    }

    /** The rejected value as it was given (may be {@code null}). */
    public String value() {
        return value;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}

package org.tongban.platform.web;

import java.util.function.Supplier;

import org.tongban.shared.InvalidValueException;

/**
 * An invalid value that arrived in a named request field (path variable, query parameter, form field), so that
 * the problem detail and the page can point at the field.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final InvalidValueException cause;

    public InvalidFieldException(String field, InvalidValueException cause) {
        super(field + ": " + cause.getMessage(), cause);
        this.field = field;
        this.cause = cause;
    }

    /** Parses a request field, naming it in the failure. */
    public static <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidValueException e) {
            throw new InvalidFieldException(field, e);
        }
    }

    public String field() {
        return field;
    }

    public InvalidValueException invalidValue() {
        return cause;
    }
}

package org.tongban.exchange;

/**
 * The request conflicts with the current state: a resource changed by someone else since it was read, a sharing
 * request already answered. The {@link #code() code} is stable and doubles as the message key; the web layer answers
 * 409 with it.
 */
public class ExchangeConflictException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    public ExchangeConflictException(String code, Object... arguments) {
        super(code);
        this.code = code;
        this.arguments = arguments.clone();
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}

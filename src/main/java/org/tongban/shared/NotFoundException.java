package org.tongban.shared;

/**
 * Something the caller named by its identifier does not exist. The {@link #code() code} is stable and doubles as
 * the message-bundle key; the web layer answers 404 with it.
 */
public class NotFoundException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    public NotFoundException(String code, Object... arguments) {
        super(code + (arguments.length > 0 ? " " + java.util.Arrays.toString(arguments) : ""));
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

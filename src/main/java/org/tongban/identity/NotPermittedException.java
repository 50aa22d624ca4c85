package org.tongban.identity;

/**
 * The signed-in person may not do this to this thing (a company they do not represent, a staff account outside
 * their data scope). The {@link #code() code} is stable and doubles as the message-bundle key; the web layer answers
 * 403 with it.
 */
public class NotPermittedException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    public NotPermittedException(String code, Object... arguments) {
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

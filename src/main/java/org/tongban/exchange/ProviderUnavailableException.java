package org.tongban.exchange;

/**
 * The provider of a resource cannot serve now: a department system's endpoint timed out, failed after its retries,
 * or its circuit is open. The exchange logged the attempt; the caller falls back (an application asks for an upload)
 * and the web layer answers 503 with {@link #code()} as the message key.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    public ProviderUnavailableException(String code, Throwable cause, Object... arguments) {
        super(code, cause);
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

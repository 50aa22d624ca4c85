package org.tongban.exchange;

/**
 * The exchange will not serve this: no grant, a resource that is not shared (不予共享), a purpose the grant does not
 * cover, or an action this person may not take. The {@link #code() code} is stable and doubles as the message key;
 * the web layer answers 403 with it. Refused exchanges are logged before this is thrown.
 */
public class ExchangeRefusedException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    public ExchangeRefusedException(String code, Object... arguments) {
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

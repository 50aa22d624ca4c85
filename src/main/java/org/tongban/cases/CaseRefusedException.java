package org.tongban.cases;

/**
 * A request about an application that its current state or the rules refuse. The code is stable and doubles as the
 * message-bundle key; {@link Reason} decides the HTTP status the web layer answers with.
 */
public class CaseRefusedException extends RuntimeException {

    /** Why: {@code CONFLICT} (409, someone else changed it first / wrong state), {@code RULE} (422), {@code FORBIDDEN} (403), {@code SIGN_IN} (401). */
    public enum Reason { CONFLICT, RULE, FORBIDDEN, SIGN_IN }

    private final Reason reason;
    private final String code;
    private final transient Object[] arguments;

    public CaseRefusedException(Reason reason, String code, Object... arguments) {
        super(code);
        this.reason = reason;
        this.code = code;
        this.arguments = arguments.clone();
    }

    public static CaseRefusedException conflict(String code, Object... arguments) {
        return new CaseRefusedException(Reason.CONFLICT, code, arguments);
    }

    public static CaseRefusedException rule(String code, Object... arguments) {
        return new CaseRefusedException(Reason.RULE, code, arguments);
    }

    public static CaseRefusedException forbidden(String code, Object... arguments) {
        return new CaseRefusedException(Reason.FORBIDDEN, code, arguments);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}

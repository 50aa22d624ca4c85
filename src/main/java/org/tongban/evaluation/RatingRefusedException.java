package org.tongban.evaluation;

/** A rating or rectification action that is not allowed; {@code code} is the stable problem code. */
public class RatingRefusedException extends RuntimeException {

    public enum Reason {
        /** 409 */
        CONFLICT,
        /** 422 */
        RULE,
        /** 403 */
        FORBIDDEN,
        /** 401 */
        SIGN_IN
    }

    private final Reason reason;
    private final String code;
    private final transient Object[] arguments;

    public RatingRefusedException(Reason reason, String code, Object... arguments) {
        super(code);
        this.reason = reason;
        this.code = code;
        this.arguments = arguments;
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

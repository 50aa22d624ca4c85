package org.tongban.platform.web;

import org.springframework.http.HttpStatus;

/**
 * An action a module's rules or the current state refuse. The code is stable and doubles as the message-bundle key;
 * {@link Reason} decides the HTTP status. Modules extend it with their own type (cases, ratings, supervision) and
 * {@link ErrorHandling} answers every one the same way: an RFC 9457 problem for the API, a localized page otherwise.
 */
public class RefusedException extends RuntimeException {

    /** Why: {@code CONFLICT} (409, someone else changed it first / wrong state), {@code RULE} (422), {@code FORBIDDEN} (403), {@code SIGN_IN} (401), {@code UNAVAILABLE} (503, a resource the platform needs is missing). */
    public enum Reason {
        CONFLICT(HttpStatus.CONFLICT), RULE(HttpStatus.UNPROCESSABLE_CONTENT), FORBIDDEN(HttpStatus.FORBIDDEN),
        SIGN_IN(HttpStatus.UNAUTHORIZED), UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

        private final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }
    }

    private final Reason reason;
    private final String code;
    private final transient Object[] arguments;

    public RefusedException(Reason reason, String code, Object... arguments) {
        super(code);
        this.reason = reason;
        this.code = code;
        this.arguments = arguments.clone();
    }

    public Reason reason() {
        return reason;
    }

    public HttpStatus status() {
        return reason.status;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}

package org.tongban.identity;

import org.tongban.shared.InvalidValueException;

/** A limit that protects people (SMS cooldowns, send limits): answered with HTTP 429 and when to try again. */
public class TooManyRequestsException extends InvalidValueException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String code, long retryAfterSeconds, Object... arguments) {
        super(code, null, arguments);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

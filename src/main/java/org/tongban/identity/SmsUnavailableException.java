package org.tongban.identity;

/** No SMS gateway is configured, or it refused the message: HTTP 503, code {@code identity.sms.unavailable}. */
public class SmsUnavailableException extends RuntimeException {

    public SmsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public String code() {
        return "identity.sms.unavailable";
    }
}

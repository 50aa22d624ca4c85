package org.tongban.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-time codes by SMS ({@code tongban.identity.sms.*}).
 *
 * @param gateway {@code dev-inbox} for the development inbox at {@code /dev/sms}; anything else (or unset) expects
 *        the deployment to provide its own {@link SmsGateway} bean, and without one SMS codes are unavailable
 * @param codeValidity how long a code can be used
 * @param resendCooldown how long before another code can be sent to the same phone for the same purpose
 * @param maxPerPhone codes per phone within {@code window}
 * @param maxPerAddress codes requested from one IP address within {@code window}
 * @param window the window of both send limits
 * @param maxGuesses wrong codes typed before a code is void
 */
@ConfigurationProperties("tongban.identity.sms")
public record SmsProperties(String gateway,
        @DefaultValue("5m") Duration codeValidity,
        @DefaultValue("60s") Duration resendCooldown,
        @DefaultValue("5") int maxPerPhone,
        @DefaultValue("20") int maxPerAddress,
        @DefaultValue("1h") Duration window,
        @DefaultValue("5") int maxGuesses) {

    public static final String DEV_INBOX = "dev-inbox";
}

package org.tongban.identity;

/**
 * Delivers a text message (短信) to a mobile phone: the channel of one-time codes. A deployment provides exactly one
 * bean of this type, normally an adapter for the operator's or cloud provider's SMS service. With
 * {@code tongban.identity.sms.gateway=dev-inbox} the platform provides a development gateway that keeps messages in
 * the database and shows them at {@code /dev/sms}; it must never be enabled where real people sign in.
 *
 * <p>Implementations are called inside the transaction that stores the code: throwing rolls the code back and the
 * person is told the message could not be sent. A sign-in code for a number without an account is never handed to
 * the gateway, so an implementation should hand messages over quickly (e.g. to the provider's asynchronous API or a
 * queue): a slow call would let response times reveal which numbers have accounts.
 */
public interface SmsGateway {

    /**
     * @param to the recipient
     * @param text the complete message, already localized, at most 500 characters
     * @throws RuntimeException when the message could not be handed over for delivery
     */
    void send(PhoneNumber to, String text);
}

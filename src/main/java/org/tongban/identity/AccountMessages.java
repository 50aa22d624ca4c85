package org.tongban.identity;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Accounts;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * Text messages to the holder of an account, for other modules (e.g. the status of a case): the mobile number stays
 * inside identity (decrypted only to hand the message to the {@link SmsGateway}).
 */
@Service
@Transactional(readOnly = true)
public class AccountMessages {

    private static final Logger log = LoggerFactory.getLogger(AccountMessages.class);

    private final Accounts accounts;
    private final PersonalDataCipher cipher;
    private final org.springframework.beans.factory.ObjectProvider<SmsGateway> gateways;

    AccountMessages(Accounts accounts, PersonalDataCipher cipher,
            org.springframework.beans.factory.ObjectProvider<SmsGateway> gateways) {
        this.accounts = accounts;
        this.cipher = cipher;
        this.gateways = gateways;
    }

    /**
     * Sends the text, written in the account's language ({@link Locale#SIMPLIFIED_CHINESE} unless the person uses the
     * portal in English), to the account's mobile number. A notification is not worth failing the caller's work for:
     * an unknown or inactive account, no gateway configured ({@code tongban.identity.sms.gateway}), or a gateway
     * that refuses, is logged and answered {@code false}. Not read-only: a gateway may record what it sent (the
     * development inbox does), also when the caller sends after its own commit.
     */
    @Transactional
    public boolean sms(UUID account, Function<Locale, String> text) {
        SmsGateway gateway = gateways.getIfAvailable();
        if (gateway == null) {
            log.debug("No SMS gateway configured: account {} is told in the portal only", account);
            return false;
        }
        return accounts.findById(account).filter(a -> a.active()).map(a -> {
            try {
                gateway.send(new PhoneNumber(a.phone(cipher)), text.apply(a.locale()));
                return true;
            } catch (RuntimeException e) {
                log.warn("SMS to account {} not sent: {}", account, e.toString());
                return false;
            }
        }).orElse(false);
    }
}

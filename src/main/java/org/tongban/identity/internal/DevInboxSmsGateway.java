package org.tongban.identity.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SmsGateway;
import org.tongban.identity.SmsProperties;

/**
 * The development SMS gateway: keeps each message in PostgreSQL (phone encrypted) instead of sending it, for the
 * inbox page at {@code /dev/sms}. Exists only with {@code tongban.identity.sms.gateway=dev-inbox}: anyone who can
 * open the inbox can read every code, so it is for demos and tests, never for a platform real people use.
 */
@Component
@ConditionalOnProperty(name = "tongban.identity.sms.gateway", havingValue = SmsProperties.DEV_INBOX)
public class DevInboxSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(DevInboxSmsGateway.class);

    /** A message as the inbox shows it: the phone masked, the text in full. */
    public record Message(long id, String phoneMasked, String text, Instant sentAt) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    DevInboxSmsGateway(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        log.warn("SMS messages go to the development inbox at /dev/sms (tongban.identity.sms.gateway=dev-inbox): "
                + "never use this where real people sign in");
    }

    @Override
    public void send(PhoneNumber to, String text) {
        jdbc.update("insert into identity_sms_message (phone_cipher, phone_hash, phone_masked, text) values (?, ?, ?, ?)",
                cipher.encrypt(to.value()), cipher.lookupHash("phone:" + to.value()), to.masked(), text);
    }

    /** The latest messages, newest first; only those to {@code phone} when given. */
    public List<Message> latest(PhoneNumber phone, int limit) {
        String filter = phone == null ? "" : " where phone_hash = ?";
        Object[] args = phone == null ? new Object[] { limit }
                : new Object[] { cipher.lookupHash("phone:" + phone.value()), limit };
        return jdbc.query("select id, phone_masked, text, sent_at from identity_sms_message" + filter
                + " order by sent_at desc, id desc limit ?", (rs, i) -> new Message(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant()), args);
    }
}

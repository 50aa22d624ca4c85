package org.tongban.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.InvalidValueException;

/**
 * One-time codes (短信验证码) for signing in by phone and for proving that a phone is in its holder's hands (needed
 * for L2, DOMAIN §8). A code is six random digits, kept only as a keyed hash, valid for a few minutes, used at most
 * once and void after a few wrong guesses; a new code supersedes the previous one. Sends are limited per phone
 * (cooldown and window) and per address, counted in PostgreSQL so every node sees the same counts.
 *
 * <p>No answer reveals whether a phone has an account: a sign-in code for an unknown phone is recorded (it counts
 * towards the limits) but never sent, and the person sees the same "if this number is registered" notice.
 */
@Service
public class SmsCodes {

    /** What a code is for; a code for one purpose never works for another. */
    public enum Purpose { SIGN_IN, VERIFY_PHONE }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final org.tongban.identity.internal.Accounts accounts;
    private final SmsProperties properties;
    private final ObjectProvider<SmsGateway> gateways;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    SmsCodes(JdbcTemplate jdbc, PersonalDataCipher cipher, org.tongban.identity.internal.Accounts accounts,
            SmsProperties properties, ObjectProvider<SmsGateway> gateways, MessageSource messages) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.accounts = accounts;
        this.properties = properties;
        this.gateways = gateways;
        this.messages = messages;
    }

    /** Whether a gateway is configured at all (pages hide SMS options otherwise). */
    public boolean available() {
        return gateways.getIfAvailable() != null;
    }

    /**
     * Sends a fresh code, superseding earlier ones for the same phone and purpose. For {@link Purpose#SIGN_IN} the
     * code is only delivered when the phone belongs to an active account.
     *
     * @throws TooManyRequestsException {@code identity.sms.cooldown} or {@code identity.sms.too-many}
     * @throws SmsUnavailableException when no gateway is configured or it fails
     */
    @Transactional
    public void send(Purpose purpose, PhoneNumber phone, String ip, Locale locale) {
        SmsGateway gateway = gateways.getIfAvailable();
        if (gateway == null) {
            throw new SmsUnavailableException("No SmsGateway configured (tongban.identity.sms.gateway)", null);
        }
        String phoneHash = cipher.lookupHash("phone:" + phone.value());
        // One send at a time per phone, on every node: the limits below cannot be raced.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, "sms:" + phoneHash);
        Instant now = clock.instant();
        Timestamp last = jdbc.queryForObject("select max(created_at) from identity_sms_code where phone_hash = ? "
                + "and purpose = ?", Timestamp.class, phoneHash, purpose.name());
        if (last != null && last.toInstant().plus(properties.resendCooldown()).isAfter(now)) {
            long wait = Math.max(1, Duration.between(now, last.toInstant().plus(properties.resendCooldown()))
                    .toSeconds() + 1);
            throw new TooManyRequestsException("identity.sms.cooldown", wait, wait);
        }
        Timestamp windowStart = Timestamp.from(now.minus(properties.window()));
        Integer perPhone = jdbc.queryForObject("select count(*) from identity_sms_code where phone_hash = ? "
                + "and created_at > ?", Integer.class, phoneHash, windowStart);
        Integer perAddress = jdbc.queryForObject("select count(*) from identity_sms_code where ip = ? "
                + "and created_at > ?", Integer.class, ip, windowStart);
        if (perPhone >= properties.maxPerPhone() || perAddress >= properties.maxPerAddress()) {
            throw new TooManyRequestsException("identity.sms.too-many", properties.window().toSeconds(),
                    properties.window().toMinutes());
        }
        boolean deliver = purpose != Purpose.SIGN_IN
                || accounts.findByPhoneHash(phoneHash).filter(Account::active).isPresent();
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        jdbc.update("update identity_sms_code set used_at = ? where phone_hash = ? and purpose = ? and used_at is null",
                Timestamp.from(now), phoneHash, purpose.name());
        jdbc.update("insert into identity_sms_code (purpose, phone_hash, code_hash, ip, sent, created_at, expires_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", purpose.name(), phoneHash, codeHash(phoneHash, purpose, code), ip,
                deliver, Timestamp.from(now), Timestamp.from(now.plus(properties.codeValidity())));
        if (deliver) {
            String text = messages.getMessage("identity.sms.text." + purpose.name(),
                    new Object[] { code, properties.codeValidity().toMinutes() }, locale);
            try {
                gateway.send(phone, text);
            } catch (RuntimeException e) {
                throw new SmsUnavailableException("The SMS gateway refused the message", e);
            }
        }
    }

    /**
     * Uses up the current code for this phone and purpose when it matches.
     *
     * @throws InvalidValueException {@code identity.sms.code-format} or {@code identity.sms.code-invalid} (wrong,
     *         expired, used or superseded: one answer for all)
     */
    @Transactional(noRollbackFor = InvalidValueException.class)
    public void verify(Purpose purpose, PhoneNumber phone, String typed) {
        String digits = typed == null ? "" : typed.strip();
        if (!digits.matches("[0-9]{6}")) {
            throw new InvalidValueException("identity.sms.code-format", null);
        }
        String phoneHash = cipher.lookupHash("phone:" + phone.value());
        Instant now = clock.instant();
        var current = jdbc.query("select id, code_hash, failures from identity_sms_code where phone_hash = ? "
                + "and purpose = ? and used_at is null and expires_at > ? order by created_at desc limit 1 for update",
                (rs, i) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getInt(3) }, phoneHash, purpose.name(),
                Timestamp.from(now)).stream().findFirst()
                .orElseThrow(() -> new InvalidValueException("identity.sms.code-invalid", null));
        boolean matches = MessageDigest.isEqual(codeHash(phoneHash, purpose, digits).getBytes(StandardCharsets.UTF_8),
                ((String) current[1]).getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            int failures = (Integer) current[2] + 1;
            jdbc.update("update identity_sms_code set failures = ?, used_at = ? where id = ?", failures,
                    failures >= properties.maxGuesses() ? Timestamp.from(now) : null, current[0]);
            throw new InvalidValueException("identity.sms.code-invalid", null);
        }
        jdbc.update("update identity_sms_code set used_at = ? where id = ?", Timestamp.from(now), current[0]);
    }

    private String codeHash(String phoneHash, Purpose purpose, String code) {
        return cipher.lookupHash("sms-code:" + purpose.name() + ":" + phoneHash + ":" + code);
    }
}

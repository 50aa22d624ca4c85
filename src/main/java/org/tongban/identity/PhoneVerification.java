package org.tongban.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.AssuranceAudit;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Proves that the account's registered phone is in the holder's hands, by a one-time code sent to it: one of the
 * facts real-name verification to L2 needs besides the ID number and name (DOMAIN §8).
 */
@Service
public class PhoneVerification {

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final SmsCodes codes;
    private final AssuranceAudit audit;
    private final Clock clock = Clock.systemUTC();

    PhoneVerification(JdbcTemplate jdbc, PersonalDataCipher cipher, SmsCodes codes, AssuranceAudit audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.codes = codes;
        this.audit = audit;
    }

    public boolean verified(UUID account) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select phone_verified_at is not null from identity_account "
                + "where id = ?", Boolean.class, account));
    }

    /** @see SmsCodes#send */
    public void sendCode(UUID account, String ip, Locale locale) {
        codes.send(SmsCodes.Purpose.VERIFY_PHONE, phone(account), ip, locale);
    }

    /** @throws InvalidValueException {@code identity.sms.code-*} */
    @Transactional(noRollbackFor = InvalidValueException.class)
    public void confirm(UUID account, String code) {
        codes.verify(SmsCodes.Purpose.VERIFY_PHONE, phone(account), code);
        jdbc.update("update identity_account set phone_verified_at = ?, version = version + 1 where id = ?",
                Timestamp.from(clock.instant()), account);
        int level = jdbc.queryForObject("select assurance_level from identity_account where id = ?", Integer.class,
                account);
        audit.record(account, level, level, AssuranceAudit.Method.PHONE, null, "phone proven by one-time code");
    }

    private PhoneNumber phone(UUID account) {
        String stored = jdbc.query("select phone_cipher from identity_account where id = ?",
                (rs, i) -> rs.getString(1), account).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.account.not-found", account));
        return new PhoneNumber(cipher.decrypt(stored));
    }
}

package org.tongban.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
 * Real-name verification to level L2 (DOMAIN §8): the ID number and name must match the population base data,
 * plus at least one more fact — the mobile number registered there, or the social-security card number the person
 * types — and the account's phone must have been proven by a one-time code first ({@link PhoneVerification}), so
 * that whoever claims the identity also holds the phone. Attempts are limited per day; the answer never says which
 * fact did not match.
 */
@Service
public class RealNameVerification {

    static final int ATTEMPTS_PER_DAY = 5;

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final AssuranceAudit audit;
    private final Clock clock = Clock.systemUTC();

    RealNameVerification(JdbcTemplate jdbc, PersonalDataCipher cipher, AssuranceAudit audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * @param socialSecurityCard optional: the number on the person's social-security card
     * @return the assurance level after verification
     * @throws InvalidValueException {@code identity.verification.phone-unverified}, {@code identity.verification.failed}
     *         or {@code identity.verification.too-many}
     */
    @Transactional(noRollbackFor = InvalidValueException.class)
    public int verify(UUID accountId, String socialSecurityCard) {
        var account = jdbc.query("select id_type, id_number_hash, phone_hash, name, assurance_level, "
                + "phone_verified_at is not null from identity_account where id = ? for update",
                (rs, i) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), String.valueOf(rs.getBoolean(6)) }, accountId)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("identity.account.not-found", accountId));
        int level = Integer.parseInt(account[4]);
        if (level >= 2) {
            return level;
        }
        if (!Boolean.parseBoolean(account[5])) {
            throw new InvalidValueException("identity.verification.phone-unverified", null);
        }
        Integer recent = jdbc.queryForObject("select count(*) from identity_verification_attempt where account_id = ? "
                + "and not succeeded and at > ?", Integer.class, accountId,
                Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
        if (recent != null && recent >= ATTEMPTS_PER_DAY) {
            throw new InvalidValueException("identity.verification.too-many", null, ATTEMPTS_PER_DAY);
        }
        String card = socialSecurityCard == null ? "" : socialSecurityCard.strip().toUpperCase(Locale.ROOT);
        String cardHash = card.isEmpty() ? null : cipher.lookupHash("social-security-card:" + card);
        boolean matches = IdDocumentType.RESIDENT_ID.name().equals(account[0]) && Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from identity_population where id_number_hash = ? and name = ? "
                        + "and (phone_hash = ? or (cast(? as varchar) is not null and social_security_card_hash = ?)))",
                Boolean.class, account[1], normalizeName(account[3]), account[2], cardHash, cardHash));
        jdbc.update("insert into identity_verification_attempt (account_id, succeeded) values (?, ?)", accountId,
                matches);
        if (!matches) {
            throw new InvalidValueException("identity.verification.failed", null);
        }
        return audit.raise(accountId, 2, AssuranceAudit.Method.POPULATION, null,
                cardHash == null ? "population: ID number, name, phone" : "population: ID number, name, phone or card");
    }

    /** Demo names carry a "（演示）" label that the population data does not. */
    static String normalizeName(String name) {
        return name.replace("（演示）", "").replace("（测试）", "").strip();
    }
}

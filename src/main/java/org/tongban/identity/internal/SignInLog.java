package org.tongban.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tongban.identity.IdentityProperties;

/**
 * Every sign-in attempt, kept in PostgreSQL so that every node counts the same failures: the lockout of an
 * identifier (with back-off) and the throttling of an address follow from it, and people see their own history.
 */
@Component
public class SignInLog {

    private final JdbcTemplate jdbc;
    private final IdentityProperties properties;

    SignInLog(JdbcTemplate jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public record Entry(Instant at, String ip, boolean succeeded, String reason) {
    }

    public void record(String identifierHash, UUID account, String ip, boolean succeeded, String reason) {
        jdbc.update("insert into identity_sign_in (identifier_hash, account_id, ip, succeeded, reason) "
                + "values (?, ?, ?, ?, ?)", identifierHash, account, ip, succeeded, reason);
    }

    /**
     * Until when the identifier is locked: after {@code maxFailures} consecutive failures, for {@code lockout},
     * doubled by every further failure up to {@code maxLockout}, counted from the last failure.
     */
    public Optional<Instant> lockedUntil(String identifierHash, Instant now) {
        List<Object[]> rows = jdbc.query("select succeeded, at from identity_sign_in where identifier_hash = ? "
                + "order by at desc limit 50", (rs, i) -> new Object[] { rs.getBoolean(1), rs.getTimestamp(2) },
                identifierHash);
        int failures = 0;
        Instant last = null;
        for (Object[] row : rows) {
            if ((Boolean) row[0]) {
                break;
            }
            failures++;
            if (last == null) {
                last = ((Timestamp) row[1]).toInstant();
            }
        }
        if (failures < properties.maxFailures()) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - properties.maxFailures(), 20);
        Duration lockout = properties.lockout().multipliedBy(1L << doublings);
        if (lockout.compareTo(properties.maxLockout()) > 0) {
            lockout = properties.maxLockout();
        }
        Instant until = last.plus(lockout);
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** Whether an address has failed too often recently (password spraying across many identifiers). */
    public boolean addressThrottled(String ip, Instant now) {
        Integer failures = jdbc.queryForObject("select count(*) from identity_sign_in where ip = ? and not succeeded "
                + "and at > ?", Integer.class, ip, Timestamp.from(now.minus(properties.addressWindow())));
        return failures != null && failures >= properties.maxFailuresPerAddress();
    }

    public List<Entry> recent(UUID account, int limit) {
        return jdbc.query("select at, ip, succeeded, reason from identity_sign_in where account_id = ? "
                + "order by at desc limit ?", (rs, i) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getBoolean(3), rs.getString(4)), account, limit);
    }
}

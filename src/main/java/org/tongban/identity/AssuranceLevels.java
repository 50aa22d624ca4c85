package org.tongban.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tongban.identity.internal.AssuranceAudit;
import org.tongban.shared.NotFoundException;

/**
 * Real-name assurance levels (实名等级, DOMAIN §8, local practice): L1 self-registered; L2 ID number and name checked
 * against the population base data plus the phone; L3 a real person seen with the document at a hall window; L4 a
 * digital certificate. Each service item declares the level it needs; a person below it is shown how to step up
 * instead of being refused.
 */
@Service
public class AssuranceLevels {

    public static final int MIN = 1;
    public static final int MAX = 4;

    /** A way up: where it leads and how ({@code online}, {@code hall} or {@code certificate}). */
    public record Way(int reaches, String how) {
    }

    private final JdbcTemplate jdbc;
    private final AssuranceAudit audit;

    AssuranceLevels(JdbcTemplate jdbc, AssuranceAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The level as stored now (an officer may have raised it since the session began). */
    public int current(UUID account) {
        return jdbc.query("select assurance_level from identity_account where id = ?", (rs, i) -> rs.getInt(1),
                account).stream().findFirst().orElseThrow(() -> new NotFoundException("identity.account.not-found",
                        account));
    }

    /** The ways from {@code current} to at least {@code needed}, easiest first; empty when already there. */
    public static List<Way> waysUp(int current, int needed) {
        List<Way> ways = new ArrayList<>();
        if (current >= needed) {
            return ways;
        }
        if (current < 2 && needed <= 2) {
            ways.add(new Way(2, "online"));
        }
        if (current < 3 && needed <= 3) {
            ways.add(new Way(3, "hall"));
        }
        ways.add(new Way(4, "certificate"));
        return ways;
    }

    public static int clamp(int level) {
        return Math.max(MIN, Math.min(MAX, level));
    }

    /**
     * The place to return to after a step-up, when it is a path on this site: it must start with a single
     * {@code /}, carry no scheme, host, backslash or control character. Anything else (an open redirect to another
     * site, {@code //evil.example}, {@code /\evil.example}, {@code javascript:}) is refused.
     */
    public static Optional<String> safeContinue(String url) {
        if (url == null || url.isEmpty() || url.length() > 1000 || !url.startsWith("/") || url.startsWith("//")) {
            return Optional.empty();
        }
        if (url.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute() || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/") || uri.getRawPath().startsWith("//")) {
                return Optional.empty();
            }
            // Non-ASCII characters (a query typed in Chinese) percent-encoded: a Location header is ASCII only.
            return Optional.of(uri.toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The step-up history of an account, newest first. */
    public List<AssuranceAudit.Entry> history(UUID account, int limit) {
        return audit.recent(account, limit);
    }
}

package org.tongban.identity.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens whose signature and claims were verified, so that a client system calling with the same
 * token again (the exchange gateway: a department system reuses its token until it expires) is not verified anew
 * each time — an ES256 verification was the largest single cost of a gateway call (JFR profile, bench/README.md).
 * A token is remembered until it expires, and never longer than {@link #LONGEST} after its first verification, so
 * that the retirement of a signing key reaches cached tokens within minutes; tokens without an expiry are verified
 * every time. The memory is bounded: when full it is emptied and refills.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration LONGEST = Duration.ofMinutes(5);

    private record Verified(Jwt jwt, Instant until) {
    }

    private final JwtDecoder delegate;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder delegate, int capacity, Clock clock) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.jwt();
            }
            verified.remove(token, known);
        }
        Jwt jwt = delegate.decode(token);
        Instant expires = jwt.getExpiresAt();
        if (expires != null && now.isBefore(expires)) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            Instant limit = now.plus(LONGEST);
            verified.put(token, new Verified(jwt, expires.isBefore(limit) ? expires : limit));
        }
        return jwt;
    }
}

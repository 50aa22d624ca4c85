package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token is remembered until it expires (at most five minutes); nothing else is. */
class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicReference<Instant> clockAt = new AtomicReference<>(NOW);

    private Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clockAt.get();
            }
        };
    }

    private VerifiedTokens tokens(Duration lifetime, int capacity) {
        return new VerifiedTokens(token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("signature");
            }
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "ES256").subject("demo-dept").issuedAt(NOW);
            return (lifetime == null ? jwt : jwt.expiresAt(NOW.plus(lifetime))).build();
        }, capacity, clock());
    }

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(2), 10);
        assertThat(tokens.decode("t1").getSubject()).isEqualTo("demo-dept");
        tokens.decode("t1");
        assertThat(verifications).hasValue(1);
        tokens.decode("t2");
        assertThat(verifications).hasValue(2);
        clockAt.set(NOW.plus(Duration.ofMinutes(2)));
        tokens.decode("t1");
        assertThat(verifications).as("verified again once expired (and refused there if it is)").hasValue(3);
    }

    @Test
    void noTokenIsRememberedLongerThanFiveMinutesNorWithoutExpiryNorWhenRefused() {
        VerifiedTokens tokens = tokens(Duration.ofHours(1), 10);
        tokens.decode("long");
        clockAt.set(NOW.plus(VerifiedTokens.LONGEST));
        tokens.decode("long");
        assertThat(verifications).hasValue(2);

        VerifiedTokens noExpiry = tokens(null, 10);
        noExpiry.decode("x");
        noExpiry.decode("x");
        assertThat(verifications).hasValue(4);

        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(6);
    }

    @Test
    void theMemoryIsBounded() {
        VerifiedTokens tokens = tokens(Duration.ofMinutes(2), 2);
        tokens.decode("a");
        tokens.decode("b");
        tokens.decode("c");
        tokens.decode("c");
        assertThat(verifications).hasValue(3);
        tokens.decode("a");
        assertThat(verifications).as("emptied when full").hasValue(4);
    }
}

package org.tongban.identity.sso;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content Security Policy of the pages whose form ends in a redirect to a client system — the sign-in page (its
 * answer may go on to the authorization endpoint and from there to the client) and the consent page. Browsers apply
 * {@code form-action} to every redirect after a form is sent (CSP Level 3 §6.3.1), so there it lists the origins
 * of the enabled client systems' redirect URIs besides {@code 'self'}; every other page keeps {@code 'self'} only.
 * Set before Spring Security's header writer, which leaves a policy already present alone. The origins are re-read
 * every 30 s, and on this node at once when a client system is registered, enabled or disabled.
 */
@Component
@Order(-200)
class ClientFormActions extends OncePerRequestFilter {

    private static final Duration RELOAD = Duration.ofSeconds(30);
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();
    private volatile String origins = "";
    private volatile Instant loadedAt = Instant.EPOCH;

    ClientFormActions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/signin") && !path.equals("/account/consent");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY + origins());
        chain.doFilter(request, response);
    }

    /** The client systems changed: read their origins again once the change is committed. */
    void reloadAfterCommit() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            loadedAt = Instant.EPOCH;
                        }
                    });
        } else {
            loadedAt = Instant.EPOCH;
        }
    }

    private String origins() {
        Instant now = clock.instant();
        if (loadedAt.plus(RELOAD).isBefore(now)) {
            List<String> lists = jdbc.queryForList("select r.redirect_uris from oauth2_registered_client r "
                    + "join identity_client_system s on s.registered_client_id = r.id where s.enabled", String.class);
            TreeSet<String> found = new TreeSet<>();
            for (String list : lists) {
                for (String uri : list == null ? new String[0] : list.split(",")) {
                    try {
                        URI parsed = URI.create(uri.strip());
                        found.add(parsed.getScheme() + "://" + parsed.getRawAuthority());
                    } catch (IllegalArgumentException e) {
                        // registered URIs are validated; an odd legacy value is simply not allowed
                    }
                }
            }
            origins = found.isEmpty() ? "" : " " + String.join(" ", found);
            loadedAt = now;
        }
        return origins;
    }
}

package org.tongban.identity.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tongban.identity.ActingFor;
import org.tongban.identity.LegalPersons;
import org.tongban.identity.SignedIn;

/**
 * Re-checks, on every request of a signed-in person, what the session may have outlived: an agent authorization
 * revoked or expired since the person switched to acting for the company (the session falls back to the person
 * themself, audited), a staff account deactivated (the session ends), and a one-time password not yet replaced
 * (every page but the password page redirects there). Not a bean, so that it runs only inside the security chain.
 */
final class AccountStateFilter extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/account/password";

    private final JdbcTemplate jdbc;
    private final LegalPersons legalPersons;
    private final IdentityAudit audit;

    AccountStateFilter(JdbcTemplate jdbc, LegalPersons legalPersons, IdentityAudit audit) {
        this.jdbc = jdbc;
        this.legalPersons = legalPersons;
        this.audit = audit;
    }

    private record StaffState(boolean active, boolean passwordChangeRequired) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedIn signedIn)
                || isStatic(path(request))) {
            chain.doFilter(request, response);
            return;
        }
        if (signedIn.staff()) {
            StaffState state = jdbc.query("select status, password_change_required from identity_account where id = ?",
                    (rs, i) -> new StaffState("ACTIVE".equals(rs.getString(1)), rs.getBoolean(2)),
                    signedIn.accountId()).stream().findFirst()
                    // Accounts are never deleted (deactivation is how they end), so no row means nothing to enforce.
                    .orElse(new StaffState(true, false));
            if (!state.active()) {
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/signin");
                return;
            }
            if (state.passwordChangeRequired() && !mayPassWithoutNewPassword(path(request))) {
                response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
                return;
            }
        }
        ActingFor actingFor = signedIn.actingFor();
        if (actingFor != null) {
            Optional<ActingFor> now = legalPersons.actingFor(signedIn.accountId(), actingFor.company());
            if (now.isEmpty()) {
                SessionPrincipal.replace(signedIn.actingFor(null), request, response);
                audit.record(signedIn.accountId(), IdentityAudit.Action.ACTING_FOR_LAPSED, "company",
                        actingFor.company(), "authorization revoked or expired");
                request.setAttribute(SessionPrincipal.ACTING_FOR_LAPSED, actingFor.companyName());
            } else if (!now.get().equals(actingFor)) {
                SessionPrincipal.replace(signedIn.actingFor(now.get()), request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean isStatic(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/_static/") || path.startsWith("/images/") || path.equals("/favicon.ico");
    }

    private static boolean mayPassWithoutNewPassword(String path) {
        return path.equals(PASSWORD_PAGE) || path.equals("/signout") || path.startsWith("/signin")
                || path.equals("/error");
    }

}

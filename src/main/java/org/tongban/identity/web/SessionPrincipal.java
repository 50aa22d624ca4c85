package org.tongban.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.tongban.identity.SignedIn;

/**
 * Puts an authentication into the session (Spring Session JDBC, so every node sees it at once): after a sign-in that
 * does not go through the form-login filter (SMS codes), and after a step-up, when the session's {@link SignedIn}
 * must carry the new assurance level immediately.
 */
final class SessionPrincipal {

    private static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    private SessionPrincipal() {
    }

    /** A fresh sign-in: a new session id (no fixation) and a new CSRF token, as the form login does. */
    static void signIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        new HttpSessionCsrfTokenRepository().saveToken(null, request, response);
        store(authentication, request, response);
    }

    /** The same sign-in, with the principal replaced (e.g. {@link SignedIn#withAssuranceLevel(int)}). */
    static void replace(SignedIn principal, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(principal,
                null, principal.authorities());
        if (current != null) {
            updated.setDetails(current.getDetails());
        }
        store(updated, request, response);
    }

    private static void store(Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) {
        var strategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(authentication);
        strategy.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }
}

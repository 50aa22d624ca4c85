package org.tongban.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.tongban.identity.SignedIn;

/**
 * Replaces who is signed in for the rest of the session (e.g. the same person now acting for a company): a new
 * authentication in a new security context, saved into the HTTP session, which Spring Session keeps in PostgreSQL so
 * every node sees the change on the next request.
 */
public final class SessionPrincipal {

    /** Request attribute naming the company a person was acting for when a re-check took it away. */
    public static final String ACTING_FOR_LAPSED = "identity.actingForLapsed";

    private static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    private SessionPrincipal() {
    }

    public static void replace(SignedIn principal, HttpServletRequest request, HttpServletResponse response) {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        Authentication previous = holder.getContext().getAuthentication();
        UsernamePasswordAuthenticationToken replacement = UsernamePasswordAuthenticationToken.authenticated(principal,
                null, principal.authorities());
        if (previous != null) {
            replacement.setDetails(previous.getDetails());
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(replacement);
        holder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }
}

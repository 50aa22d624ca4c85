package org.tongban.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.tongban.identity.IdentityProperties;
import org.tongban.identity.StaffRole;

/**
 * Who may reach what. Public pages stay public; a person's own pages need a sign-in; staff pages need the role;
 * every form carries a CSRF token (the JSON API, which takes no cookies for writes yet, is exempt and answers 401
 * as a problem instead of redirecting).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String FAILURE_PATH = "/signin/failed";

    /** See {@link PlatformPasswords} and {@link Argon2Passwords}; which Argon2 implementation runs is logged. */
    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties properties) {
        Optional<SodiumArgon2> sodium = Optional.empty();
        if (!properties.argon2Native().equals("off")) {
            SodiumArgon2.Loaded loaded = SodiumArgon2.load(properties.argon2NativeLibrary());
            if (loaded.binding().isEmpty() && properties.argon2Native().equals("required")) {
                throw new IllegalStateException("tongban.identity.argon2-native is required, but libsodium could not "
                        + "be used: " + loaded.reason());
            }
            if (loaded.binding().isEmpty()) {
                log.info("Argon2id by BouncyCastle: libsodium could not be used ({})", loaded.reason());
            }
            sodium = loaded.binding();
        }
        var argon2 = new Argon2Passwords(properties.argon2MemoryKib(), properties.argon2Iterations(), sodium);
        int concurrency = properties.passwordHashConcurrency() > 0 ? properties.passwordHashConcurrency()
                : Runtime.getRuntime().availableProcessors();
        log.info("Passwords: new hashes {}, Argon2id m={} KiB t={} computed by {}, at most {} at once",
                properties.passwordHash(), properties.argon2MemoryKib(), properties.argon2Iterations(),
                argon2.implementation(), concurrency);
        String current = properties.passwordHash().equals("bcrypt") ? "bcrypt" : "argon2";
        return new PlatformPasswords(current,
                Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())), concurrency);
    }

    /**
     * No Spring Security observations (a span per filter chain, authentication and authorization): they feed no metric
     * the platform exports, and with them every filter of every chain is wrapped in an observation decorator, which
     * even a disabled observation still passes through on each request. HTTP request metrics stay.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, with its character rules for headers checked without regular expressions. */
    @Bean
    static HttpFirewall httpFirewall() {
        return HeaderCharacters.firewall();
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, MessageSource messages, JdbcTemplate jdbc,
            org.tongban.identity.LegalPersons legalPersons, IdentityAudit audit,
            java.util.List<org.springframework.security.web.authentication.logout.LogoutHandler> logoutHandlers)
            throws Exception {
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        // AccountAuthentication is the only AuthenticationProvider bean, so Spring Security uses it as the global
        // provider; registering it here as well would run it twice per attempt (and count each failure twice).
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/account/**", "/api/v1/identity/assurance").authenticated()
                        .requestMatchers("/api/v1/identity/companies/**", "/api/v1/identity/acting-for").authenticated()
                        .requestMatchers("/workbench/identity/**").hasRole(StaffRole.WINDOW_OFFICER.name())
                        .requestMatchers("/workbench/**").hasRole("STAFF")
                        .requestMatchers("/admin/catalog/**", "/api/v1/catalog/admin/**")
                        .hasRole(StaffRole.CATALOG_ADMIN.name())
                        .requestMatchers("/admin/**", "/api/v1/identity/staff/**")
                        .hasRole(StaffRole.SYSTEM_ADMIN.name())
                        .anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin")
                        .usernameParameter("identifier").passwordParameter("password")
                        .successHandler(new StaffToWorkbench())
                        .failureHandler(failureHandler()))
                .addFilterBefore(new AccountStateFilter(jdbc, legalPersons, audit),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .logout(logout -> {
                    logout.logoutUrl("/signout").logoutSuccessUrl("/?signedOut");
                    // e.g. single sign-out: ends the client systems' sessions while this one still exists
                    logoutHandlers.forEach(logout::addLogoutHandler);
                })
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::apiWithoutSession))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(
                                (request, response, ex) -> problem(request, response, messages, 401,
                                        "platform.status.401", "Unauthorized", "identity.signin.required",
                                        "Sign-in required"), api)
                        .defaultAuthenticationEntryPointFor(
                                new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                                        "/signin"),
                                new org.springframework.security.web.util.matcher.NegatedRequestMatcher(api)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /**
     * A request the firewall refuses before any handler sees it (an encoded slash or a NUL character in the path, ...):
     * the API answers with a problem like every other rejection, a page request gets the error page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejected(MessageSource messages) {
        return (request, response, rejected) -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                problem(request, response, messages, 400, "platform.status.400", "Bad request",
                        "platform.request.rejected", "The request was rejected");
            } else {
                response.sendError(400);
            }
        };
    }

    /** After signing in: back to the page that asked for it, else staff to the workbench and persons to their account. */
    static final class StaffToWorkbench
            extends org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler {
        @Override
        protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                org.springframework.security.core.Authentication authentication) {
            return authentication != null && authentication.getPrincipal() instanceof org.tongban.identity.SignedIn s
                    && s.staff() ? "/workbench" : "/account";
        }
    }

    /**
     * An API call that carries no session cookie has no ambient authority a forged cross-site request could borrow,
     * so it needs no CSRF token; one that does carry the session is checked like any form.
     */
    static boolean apiWithoutSession(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return false;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies == null || java.util.Arrays.stream(cookies).noneMatch(c -> "SESSION".equals(c.getName()));
    }

    /** Back to the form with the reason and what was typed (but never the password). */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String reason = switch (exception) {
                case AccountAuthentication.AddressThrottledException t -> "throttled";
                case AccountAuthentication.IdentifierLockedException locked -> {
                    long minutes = Math.max(1, Duration.between(Clock.systemUTC().instant(), locked.until()).toMinutes()
                            + 1);
                    request.setAttribute("lockedMinutes", minutes);
                    yield "locked";
                }
                default -> "bad-credentials";
            };
            request.setAttribute("signInError", reason);
            response.setStatus(reason.equals("bad-credentials") ? 401 : 429);
            try {
                request.getRequestDispatcher(FAILURE_PATH).forward(request, response);
            } catch (ServletException e) {
                throw new IOException(e);
            }
        };
    }

    /** An RFC 9457 problem written before Spring MVC (and its problem handling) is reached. */
    private static void problem(HttpServletRequest request, HttpServletResponse response, MessageSource messages,
            int status, String titleKey, String defaultTitle, String code, String defaultDetail) throws IOException {
        var locale = RequestContextUtils.getLocale(request);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String title = messages.getMessage(titleKey, null, defaultTitle, locale);
        String detail = messages.getMessage(code, null, defaultDetail, locale);
        var problem = new java.util.LinkedHashMap<String, Object>();
        problem.put("type", "urn:tongban:problem:" + code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.getWriter().write(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(problem));
    }
}

package org.tongban.exchange.web;

import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Department systems call the exchange API with the access token the platform's OpenID Connect provider issued them
 * by client credentials (RFC 6749 §4.4): requests under {@code /api/v1/exchange/} that carry a bearer token are
 * authenticated by this stateless chain (signature and expiry checked against the provider's own keys); without a
 * bearer token they stay with the web chain and its session (staff). Which body the system acts for, and whether that
 * body may have the data, is decided per call by the API.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static boolean bearerExchangeCall(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/exchange/")
                && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Bean
    @Order(2)
    SecurityFilterChain exchangeGateway(HttpSecurity http, JwtDecoder jwtDecoder, MessageSource messages)
            throws Exception {
        http.securityMatcher(GatewaySecurity::bearerExchangeCall)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Its own provider manager, which publishes no authentication event: nothing listens for them, and
                // each went through the application's event multicaster on every call.
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new BearerHeader())
                        .jwt(jwt -> jwt.authenticationManager(
                                new ProviderManager(new JwtAuthenticationProvider(jwtDecoder))))
                        .authenticationEntryPoint((request, response, e) -> {
                            var locale = RequestContextUtils.getLocale(request);
                            response.setStatus(401);
                            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                            response.setCharacterEncoding("UTF-8");
                            var problem = new LinkedHashMap<String, Object>();
                            problem.put("type", "urn:tongban:problem:exchange.token.invalid");
                            problem.put("title", messages.getMessage("platform.status.401", null, "Unauthorized", locale));
                            problem.put("status", 401);
                            problem.put("detail", messages.getMessage("exchange.token.invalid", null,
                                    "Invalid or expired access token", locale));
                            problem.put("instance", request.getRequestURI());
                            problem.put("code", "exchange.token.invalid");
                            response.getWriter().write(JsonMapper.builder().build().writeValueAsString(problem));
                        }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless API for systems: no sign-out, no saved request to return to, no anonymous caller.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}

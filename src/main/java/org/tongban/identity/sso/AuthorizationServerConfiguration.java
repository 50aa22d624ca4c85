package org.tongban.identity.sso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.tongban.identity.SignedIn;

/**
 * The platform as the province's OpenID Connect provider (Spring Authorization Server): discovery, JWKS, authorization
 * code with PKCE (required of every client), refresh tokens (rotated), UserInfo, RP-initiated logout, consent for
 * third-party systems, back-channel logout. Its filter chain comes first and matches only the protocol endpoints;
 * everything else — the sign-in page included — stays with the web chain, so the portal, the workbench, the admin
 * console and every client system share one account and one session.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SsoProperties.class, MtlsProperties.class })
class AuthorizationServerConfiguration {

    static final String CONSENT_PAGE = "/account/consent";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, JdbcAuthorizations authorizations,
            SingleSignOut singleSignOut, MtlsProperties mtls, RegisteredClientRepository clients) throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        ClientSecrets secrets = new ClientSecrets();
        ClientCertificates certificates = new ClientCertificates(mtls, java.time.Clock.systemUTC());
        var logoutResponse = new OidcLogoutAuthenticationSuccessHandler();
        logoutResponse.setLogoutHandler(new CompositeLogoutHandler(singleSignOut, new SecurityContextLogoutHandler()));
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s
                        .authorizationService(authorizations)
                        .authorizationEndpoint(endpoint -> endpoint.consentPage(CONSENT_PAGE)
                                .authorizationResponseHandler(codeResponse(authorizations, singleSignOut)))
                        .clientAuthentication(client -> client.authenticationProviders(providers -> providers
                                .replaceAll(p -> {
                                    if (p instanceof ClientSecretAuthenticationProvider secret) {
                                        secret.setPasswordEncoder(secrets);
                                    }
                                    // RFC 8705 §2: tls_client_auth checked against the configured client CAs.
                                    if (p instanceof X509ClientCertificateAuthenticationProvider x509) {
                                        return certificates.onlyEnabled(x509,
                                                new X509ClientCertificateAuthenticationProvider(clients,
                                                        authorizations));
                                    }
                                    return p;
                                })))
                        .oidc(oidc -> oidc
                                .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(
                                        AuthorizationServerConfiguration::userInfo))
                                .logoutEndpoint(logout -> logout.logoutResponseHandler(logoutResponse))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/signin"),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize")));
        return http.build();
    }

    /**
     * Spring Authorization Server would otherwise keep the sessions that passed its authorization endpoint in memory
     * (one node's view) and put the most recent one's hash into ID tokens as {@code sid} — possibly another device's.
     * Tongban's {@code sid} is exact instead: the one of the session that asked for the code, kept with the
     * authorization in PostgreSQL ({@link SingleSignOut}); so this registry knows no sessions.
     */
    @Bean
    org.springframework.security.core.session.SessionRegistry oidcSessionRegistry() {
        return new org.springframework.security.core.session.SessionRegistry() {
            @Override
            public java.util.List<Object> getAllPrincipals() {
                return java.util.List.of();
            }

            @Override
            public java.util.List<org.springframework.security.core.session.SessionInformation> getAllSessions(
                    Object principal, boolean includeExpiredSessions) {
                return java.util.List.of();
            }

            @Override
            public org.springframework.security.core.session.SessionInformation getSessionInformation(String id) {
                return null;
            }

            @Override
            public void refreshLastRequest(String sessionId) {
            }

            @Override
            public void registerNewSession(String sessionId, Object principal) {
            }

            @Override
            public void removeSessionInformation(String sessionId) {
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SsoProperties properties) {
        var settings = AuthorizationServerSettings.builder();
        if (properties.issuerOrNull() != null) {
            settings.issuer(properties.issuerOrNull());
        }
        return settings.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new CachedClients(new JdbcRegisteredClientRepository(jdbc));
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
            RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /** Signs with the one current key (NimbusJwtEncoder refuses to choose between several). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signing());
    }

    /**
     * Verifies with every published key (the token's {@code kid} picks it), e.g. bearer tokens at UserInfo and the
     * exchange gateway; a token verified once is remembered until it expires (at most 5 minutes, 10,000 tokens).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                java.util.Set.copyOf(SigningKeys.ALGORITHMS), keys));
        return new VerifiedTokens(new NimbusJwtDecoder(processor), 10_000, java.time.Clock.systemUTC());
    }

    /** Tongban's claims in ID and access tokens issued for a person; the session id ({@code sid}) in ID tokens. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tongbanClaims(org.tongban.identity.Accounts accounts,
            SsoProperties properties) {
        SignatureAlgorithm accessTokenAlgorithm = SignatureAlgorithm.from(properties.accessTokenAlgorithm());
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getJwsHeader().algorithm(accessTokenAlgorithm);
            }
            SignedIn signedIn = TongbanClaims.signedIn(context.getPrincipal());
            if (signedIn == null) {
                return; // client credentials: the client acts for itself
            }
            // The session's principal was captured when the person signed in; an agent authorization revoked or
            // expired since (including before a refresh) must not reach a token (DOMAIN §8).
            SignedIn person = signedIn.actingFor() == null
                    || accounts.mayActFor(signedIn.accountId(), signedIn.actingFor().company(), null)
                    ? signedIn : signedIn.actingFor(null);
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!idToken && !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            context.getClaims().claims(claims -> claims.putAll(TongbanClaims.of(person)));
            if (idToken) {
                if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                    context.getClaims().claim("name", person.name());
                }
                OAuth2Authorization authorization = context.getAuthorization();
                String sid = authorization == null ? null : authorization.getAttribute(SingleSignOut.SID_ATTRIBUTE);
                if (sid != null) {
                    context.getClaims().claim("sid", sid);
                }
            }
        };
    }

    private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        SignedIn person = TongbanClaims.signedIn(authorization.getAttribute(java.security.Principal.class.getName()));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", authorization.getPrincipalName());
        if (person != null) {
            if (authorization.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                claims.put("name", person.name());
            }
            claims.putAll(TongbanClaims.of(person));
        }
        return new OidcUserInfo(claims);
    }

    /**
     * Sends the code back as Spring Authorization Server does, after noting which platform session entered which
     * client system (for single sign-out) and giving the authorization that session's {@code sid}.
     */
    private static AuthenticationSuccessHandler codeResponse(JdbcAuthorizations authorizations,
            SingleSignOut singleSignOut) {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
            String code = result.getAuthorizationCode().getTokenValue();
            HttpSession session = request.getSession(false);
            SignedIn person = TongbanClaims.signedIn(result.getPrincipal());
            if (session != null && person != null) {
                String sid = singleSignOut.sid(session);
                OAuth2Authorization authorization = authorizations.findByToken(code,
                        new OAuth2TokenType(org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames.CODE));
                if (authorization != null) {
                    authorizations.save(OAuth2Authorization.from(authorization)
                            .attribute(SingleSignOut.SID_ATTRIBUTE, sid).build());
                }
                singleSignOut.entered(sid, result.getClientId(), person.accountId());
            }
            var redirect = UriComponentsBuilder.fromUriString(result.getRedirectUri()).queryParam("code", code);
            if (result.getState() != null && !result.getState().isEmpty()) {
                redirect.queryParam("state", UriUtils.encode(result.getState(), StandardCharsets.UTF_8));
            }
            sendRedirect(response, redirect.build(true).toUriString());
        };
    }

    private static void sendRedirect(HttpServletResponse response, String location) throws IOException {
        response.sendRedirect(location);
    }
}

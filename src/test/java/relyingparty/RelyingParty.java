package relyingparty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small client system as a department would build it with Spring Security: oauth2Login against the platform's
 * issuer (PKCE), OIDC back-channel logout, its own session cookie. Started as its own Spring Boot application on a
 * random port.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class })
@EnableWebSecurity
public class RelyingParty {

    public static ConfigurableApplicationContext start(String name, String issuer, String clientId, String secret) {
        var app = new SpringApplication(RelyingParty.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        // Command-line arguments: they outrank the platform's application.properties on the shared class path.
        return app.run("--server.port=0", "--spring.main.banner-mode=off",
                "--server.servlet.session.cookie.name=" + name + "_SESSION", "--rp.issuer=" + issuer,
                "--rp.client-id=" + clientId, "--rp.secret=" + secret, "--rp.cookie=" + name + "_SESSION",
                "--spring.application.name=" + name, "--logging.file.name=", "--management.endpoints.enabled-by-default=false");
    }

    /**
     * Starts a client system and registers it at the platform as a system administrator would.
     *
     * @param thirdParty whether the platform asks the person's consent before it may sign them in
     */
    public static ConfigurableApplicationContext startRegistered(String name, String clientId, String issuer,
            org.tongban.identity.sso.ClientSystems clientSystems, String bodyCreditCode, boolean thirdParty) {
        String secret = "rp-secret-" + java.util.UUID.randomUUID();
        ConfigurableApplicationContext context = start(name, issuer, clientId, secret);
        String base = "http://localhost:" + port(context);
        clientSystems.register(new org.tongban.identity.sso.ClientSystems.Registration("测试系统 " + name,
                bodyCreditCode, base + "/login/oauth2/code/tongban", base + "/",
                base + "/logout/connect/back-channel/tongban", java.util.Set.of("openid", "profile"), thirdParty),
                clientId, secret, java.util.UUID.randomUUID());
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(Environment env) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(env.getRequiredProperty("rp.issuer"))
                .registrationId("tongban").clientId(env.getRequiredProperty("rp.client-id"))
                .clientSecret(env.getRequiredProperty("rp.secret")).scope("openid", "profile")
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OidcSessionRegistry oidcSessionRegistry() {
        return new InMemoryOidcSessionRegistry();
    }

    @Bean
    SecurityFilterChain clientChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OidcSessionRegistry sessions, Environment env) throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var backChannel = new OidcBackChannelLogoutHandler(sessions);
        backChannel.setSessionCookieName(env.getRequiredProperty("rp.cookie"));
        http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
                .oauth2Login(login -> login.authorizationEndpoint(a -> a.authorizationRequestResolver(resolver)))
                .oidcLogout(logout -> logout.backChannel(b -> b.logoutHandler(backChannel)));
        return http.build();
    }

    @RestController
    static class Home {
        @GetMapping("/")
        String home(@AuthenticationPrincipal OidcUser user) {
            return "signed-in sub=" + user.getSubject() + " type=" + user.getClaimAsString("tongban_subject_type")
                    + " level=" + user.getClaimAsString("tongban_level") + " acr=" + user.getClaimAsString("acr")
                    + " name=" + user.getClaimAsString("name") + " sid=" + user.getClaimAsString("sid")
                    + " company=" + user.getClaimAsString("tongban_company_credit_code");
        }
    }
}

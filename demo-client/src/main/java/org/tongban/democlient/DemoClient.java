package org.tongban.democlient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A department's business system as it would use the platform: every page needs a sign-in, which happens at the
 * platform (OpenID Connect, PKCE); signing out here signs out of the platform (RP-initiated logout), and signing out
 * at the platform ends this session (back-channel logout).
 */
@SpringBootApplication
public class DemoClient {

    public static void main(String[] args) {
        SpringApplication.run(DemoClient.class, args);
    }

    @Bean
    OidcSessionRegistry oidcSessionRegistry() {
        return new InMemoryOidcSessionRegistry();
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, ClientRegistrationRepository registrations,
            OidcSessionRegistry sessions, Environment env) throws Exception {
        var pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var backChannel = new OidcBackChannelLogoutHandler(sessions);
        backChannel.setSessionCookieName(env.getRequiredProperty("server.servlet.session.cookie.name"));
        var rpLogout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        rpLogout.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
                .oauth2Login(login -> login.authorizationEndpoint(a -> a.authorizationRequestResolver(pkce)))
                .logout(logout -> logout.logoutSuccessHandler(rpLogout))
                .oidcLogout(logout -> logout.backChannel(b -> b.logoutHandler(backChannel)));
        return http.build();
    }

    @RestController
    static class Home {
        private final Environment env;

        Home(Environment env) {
            this.env = env;
        }

        @GetMapping(value = "/", produces = "text/html;charset=UTF-8")
        String home(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
            StringBuilder claims = new StringBuilder();
            user.getIdToken().getClaims().forEach((k, v) -> claims.append("<tr><th>").append(HtmlUtils.htmlEscape(k))
                    .append("</th><td>").append(HtmlUtils.htmlEscape(String.valueOf(v))).append("</td></tr>"));
            return """
                    <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>演示业务系统 Demo client system</title></head><body>
                    <h1>演示业务系统 / Demo client system (%s)</h1>
                    <p>已通过统一身份认证登录 / Signed in through the platform: <strong>%s</strong></p>
                    <table><caption>ID token</caption>%s</table>
                    <form method="post" action="/logout"><input type="hidden" name="%s" value="%s">
                    <button type="submit">退出 / Sign out (here and at the platform)</button></form>
                    </body></html>
                    """.formatted(HtmlUtils.htmlEscape(env.getProperty("spring.security.oauth2.client.registration.tongban.client-id", "")),
                    HtmlUtils.htmlEscape(String.valueOf(user.getFullName())), claims, csrf.getParameterName(),
                    csrf.getToken());
        }
    }
}

package org.tongban.identity.internal;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tongban.identity.SignedIn;

/**
 * Remembers the language a person uses, so that messages sent when they are not looking at a page (text messages
 * about a case, a rating link, an escalation) reach them in it: Chinese first, English second. The language is the
 * one they registered in, and changes whenever a signed-in person switches the portal's language ({@code ?lang=}).
 */
@Component
public class AccountLanguages implements WebMvcConfigurer {

    static final String CHINESE = "zh-CN";
    static final String ENGLISH = "en";

    private final JdbcClient jdbc;

    AccountLanguages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The two languages of the platform: English when asked for, Simplified Chinese otherwise. */
    static Locale locale(String tag) {
        return ENGLISH.equals(tag) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    private static String tag(Locale locale) {
        return locale != null && ENGLISH.equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    /** Records the account's language; answers whether it changed (one statement, nothing written when equal). */
    public boolean remember(UUID account, Locale locale) {
        String tag = tag(locale);
        return jdbc.sql("update identity_account set language = ? where id = ? and language <> ?")
                .params(tag, account, tag).update() == 1;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String asked = request.getParameter("lang");
                if (asked != null && !asked.isBlank()) {
                    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                    if (authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn) {
                        Locale locale = Locale.forLanguageTag(asked.strip().replace('_', '-'));
                        // Only the platform's languages count; anything else is ignored, as the page does.
                        if (locale.getLanguage().equals("en") || locale.getLanguage().equals("zh")) {
                            remember(signedIn.accountId(), locale);
                        }
                    }
                }
                return true;
            }
        });
    }
}

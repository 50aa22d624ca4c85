package org.tongban.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese first, English second: pages are in Simplified Chinese until the person switches ({@code ?lang=en}),
 * and the choice is remembered in a cookie. API clients get the language of their {@code Accept-Language}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("tongban_lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(WebConfiguration::defaultLocale);
        return resolver;
    }

    static Locale defaultLocale(HttpServletRequest request) {
        if (Problems.isApi(request) && request.getHeader("Accept-Language") != null) {
            Locale requested = request.getLocale();
            if (requested.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}

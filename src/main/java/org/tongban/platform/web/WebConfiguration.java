package org.tongban.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

import tools.jackson.databind.json.JsonMapper;

/**
 * Chinese first, English second: pages are in Simplified Chinese until the person switches ({@code ?lang=en}),
 * and the choice is remembered in a cookie. API clients get the language of their {@code Accept-Language}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    /** The cookie that remembers the language a person chose. */
    static final String LANGUAGE_COOKIE = "tongban_lang";

    /** Spring MVC's lookup of the controller method, with the shortcut {@link LiteralPrefixHandlerMapping} adds. */
    @Bean
    WebMvcRegistrations literalPrefixHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new LiteralPrefixHandlerMapping();
            }
        };
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(WebConfiguration::defaultLocale);
        return resolver;
    }

    static Locale defaultLocale(HttpServletRequest request) {
        return defaultLocale(request, request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The same for a request on {@code path} (an error dispatch's original path). */
    static Locale defaultLocale(HttpServletRequest request, String path) {
        if (Problems.isApiPath(path) && request.getHeader("Accept-Language") != null) {
            Locale requested = request.getLocale();
            if (requested.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    /**
     * Static files: our stylesheets and scripts with a content hash in their URLs (cached for 7 days, a new URL when
     * they change), the webjars (htmx) by their version-less paths and the npm packages (ECharts) by their versioned
     * ones. Only these prefixes are resource paths, so building any other link never searches the classpath.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl week = CacheControl.maxAge(Duration.ofDays(7)).cachePublic();
        for (String folder : List.of("css", "js")) {
            registry.addResourceHandler("/" + folder + "/**").addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(week).resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(week).resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
        // Packages from npm (mvnpm, e.g. ECharts) keep their files under /_static/<package>/<version>/.
        registry.addResourceHandler("/_static/**").addResourceLocations("classpath:/META-INF/resources/_static/")
                .setCacheControl(week);
    }

    /**
     * Admission control ({@link AdmissionControl}) ahead of every other filter — before the session is read and
     * before Spring Security — so that a request turned away has cost no database work; on error dispatches it
     * answers the failures of a database outage before the session is read again.
     */
    @Bean
    FilterRegistrationBean<AdmissionControl> admissionControl(
            @Value("${tongban.web.admission.max-in-flight:64}") int maxInFlight,
            @Value("${tongban.web.admission.queue-timeout:1s}") Duration queueTimeout, Problems problems,
            JsonMapper json) {
        FilterRegistrationBean<AdmissionControl> registration = new FilterRegistrationBean<>(
                new AdmissionControl(maxInFlight, queueTimeout, problems, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("admissionControl");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new Shell());
    }
}

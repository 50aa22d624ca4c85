package org.tongban.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tongban.TongbanIntegrationTest;

/**
 * The shortcut of {@link LiteralPrefixHandlerMapping} changes no routing: for a request made to fit every pattern of
 * every mapping of the platform (and the same request with a percent-encoded letter, and one segment off), it finds
 * what Spring MVC's own mapping, built from the same controllers and settings, finds, or fails the same way.
 */
@TongbanIntegrationTest
class LiteralPrefixHandlerMappingIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Test
    void everyMappingIsFoundAsSpringMvcFindsIt() throws Exception {
        RequestMappingHandlerMapping ours = (RequestMappingHandlerMapping) context.getBean(
                "requestMappingHandlerMapping");
        assertThat(ours).isInstanceOf(LiteralPrefixHandlerMapping.class);
        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setPatternParser(ours.getPatternParser());
        plain.setContentNegotiationManager(ours.getContentNegotiationManager());
        plain.setPathPrefixes(ours.getPathPrefixes());
        plain.setEmbeddedValueResolver(new EmbeddedValueResolver(
                ((ConfigurableApplicationContext) context).getBeanFactory()));
        plain.setApplicationContext(context);
        plain.afterPropertiesSet();
        Map<RequestMappingInfo, HandlerMethod> mappings = ours.getHandlerMethods();
        assertThat(plain.getHandlerMethods()).hasSameSizeAs(mappings);
        assertThat(mappings).hasSizeGreaterThan(300);

        int compared = 0;
        int shortcut = 0;
        for (RequestMappingInfo info : mappings.keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String path = sample(pattern.getPatternString());
                for (String variant : variants(path)) {
                    assertThat(found(ours, method, variant)).as("%s %s", method, variant)
                            .isEqualTo(found(plain, method, variant));
                    compared++;
                }
            }
            if (LiteralPrefixHandlerMapping.literalPrefixes(info) != null) {
                shortcut++;
            }
        }
        assertThat(compared).isGreaterThan(900);
        assertThat(shortcut).as("mappings the shortcut applies to").isGreaterThan(mappings.size() / 2);
    }

    @Test
    void literalPrefixesEndAtTheFirstSegmentWithAVariableOrWildcard() {
        assertThat(prefixes("/api/v1/cases/applications/{id}/values")).containsExactly("/api/v1/cases/applications/");
        assertThat(prefixes("/items/{code}")).containsExactly("/items/");
        assertThat(prefixes("/css/**")).containsExactly("/css/");
        assertThat(prefixes("/files/a?c")).containsExactly("/files/");
        assertThat(prefixes("/workbench")).containsExactly("/workbench");
        assertThat(prefixes("/{page}")).isNull();
        assertThat(prefixes("/workbench", "/{page}")).as("one pattern without a literal start").isNull();
    }

    private static String[] prefixes(String... patterns) {
        return LiteralPrefixHandlerMapping.literalPrefixes(RequestMappingInfo.paths(patterns)
                .options(configuration()).build());
    }

    private static RequestMappingInfo.BuilderConfiguration configuration() {
        RequestMappingInfo.BuilderConfiguration configuration = new RequestMappingInfo.BuilderConfiguration();
        configuration.setPatternParser(new PathPatternParser());
        return configuration;
    }

    /** A path the pattern matches: variables and wildcards filled in. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "rest/of/it").replaceAll("\\{[^}]*}", "1")
                .replace("**", "any/thing").replace("*", "x").replace("?", "q");
    }

    /** The path, one with its first letter percent-encoded, and one with an extra segment. */
    private static List<String> variants(String path) {
        List<String> variants = new ArrayList<>(List.of(path, path + "/extra"));
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c >= 'a' && c <= 'z') {
                variants.add(path.substring(0, i) + "%" + Integer.toHexString(c).toUpperCase() + path.substring(i + 1));
                break;
            }
        }
        return variants;
    }

    /** The handler method found, or the kind of failure. */
    private static String found(RequestMappingHandlerMapping mapping, String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", "*/*");
        try {
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null ? "none" : ((HandlerMethod) chain.getHandler()).getMethod().toGenericString();
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}

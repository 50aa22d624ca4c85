package org.tongban.platform.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the controller method of a request as Spring MVC does, with one shortcut. For a path with variables
 * ({@code /api/v1/cases/applications/{id}/values}) Spring MVC evaluates every one of the platform's 400-odd mappings
 * in full (method, parameters, headers, media types, pattern), which took 14 % of the request threads' CPU in the
 * submission benchmark ({@code bench/README.md}). Here a mapping whose every pattern begins with literal segments the
 * request's path does not begin with is passed over before that evaluation: it could not match anyway, because a
 * pattern's literal segments match only themselves, case-sensitively.
 *
 * <p>The shortcut is taken only where that holds literally: a path with {@code %} (percent-encoded characters are
 * decoded before matching) or {@code ;} (matrix variables are removed before matching) is looked up the ordinary way,
 * and so is every mapping without path patterns. Requests that match nothing (404, 405, 415) are answered by Spring
 * MVC's own code, which this class does not touch.
 */
class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

    /** The path being looked up on this thread, while {@link #lookupHandlerMethod} runs; null when not checkable. */
    private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

    /** Per mapping: the literal beginning of each of its patterns; absent when any pattern starts with a variable. */
    private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        String[] literal = literalPrefixes(mapping);
        if (literal != null) {
            prefixes.put(mapping, literal);
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        boolean checkable = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0
                && getPatternParser() != null && getPatternParser().isCaseSensitive();
        LOOKUP.set(checkable ? lookupPath : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = LOOKUP.get();
        if (path != null) {
            String[] literal = prefixes.get(info);
            if (literal != null && !startsWithAny(path, literal)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean startsWithAny(String path, String[] literal) {
        for (String prefix : literal) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The literal beginning of each pattern of the mapping, up to and including the last {@code /} before its first
     * wildcard or variable ({@code ?}, {@code *}, <code>{</code>), or the whole pattern when it has none; null when the
     * mapping has no path patterns or one of them begins with a variable (its prefix would be just {@code /}).
     */
    static String[] literalPrefixes(RequestMappingInfo mapping) {
        PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
        if (condition == null) {
            return null;
        }
        Set<PathPattern> patterns = condition.getPatterns();
        String[] literal = new String[patterns.size()];
        int i = 0;
        for (PathPattern pattern : patterns) {
            String text = pattern.getPatternString();
            int special = firstSpecial(text);
            String prefix = special < 0 ? text : text.substring(0, text.lastIndexOf('/', special) + 1);
            if (prefix.length() <= 1) {
                return null;
            }
            literal[i++] = prefix;
        }
        return i == 0 ? null : literal;
    }

    private static int firstSpecial(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '?' || c == '*' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}

package org.tongban.drills;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One HTTP method and path pattern the application answers, as Spring's {@link RequestMappingHandlerMapping} knows it,
 * with the handler method whose signature says which inputs it takes.
 */
record Endpoint(String method, String pattern, HandlerMethod handler) {

    String key() {
        return method + " " + pattern;
    }

    boolean api() {
        return pattern.startsWith("/api/");
    }

    boolean write() {
        return !method.equals("GET");
    }

    /** Every mapping of the running application, one entry per method and pattern, in a stable order. */
    static List<Endpoint> all(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("ANY", pattern, handler));
                }
                methods.forEach(m -> endpoints.add(new Endpoint(m.name(), pattern, handler)));
            }
        });
        endpoints.sort(Comparator.comparing(Endpoint::key));
        return endpoints;
    }
}

package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cookie-keeping HTTP client that follows redirects by hand and remembers every URL it passed through, as a
 * browser would (without JavaScript, which none of these pages need).
 */
final class Browser {

    /**
     * @param uri the last URL requested
     * @param location where the last answer redirected to when it left the followed hosts ({@code null} otherwise)
     */
    record Page(URI uri, int status, String body, List<URI> visited, String location) {
        String csrf() {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
            assertThat(m.find()).as("a CSRF token on %s", uri).isTrue();
            return m.group(1);
        }

        boolean passedThrough(String path) {
            return visited.stream().anyMatch(u -> u.getPath().equals(path));
        }
    }

    /** Redirects to these origins are not followed (systems that are not running in the test). */
    private final List<String> stopAt = new ArrayList<>();

    Browser stopAt(String origin) {
        stopAt.add(origin);
        return this;
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Page get(String url) throws Exception {
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
    }

    Page post(String url, Map<String, String> form) throws Exception {
        return post(url, form.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    /** A form post with name/value pairs (names may repeat). */
    Page post(String url, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private Page follow(HttpRequest first) throws Exception {
        List<URI> visited = new ArrayList<>();
        HttpRequest request = first;
        for (int hop = 0; hop < 15; hop++) {
            visited.add(request.uri());
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 3) {
                return new Page(request.uri(), response.statusCode(), response.body(), visited, null);
            }
            URI next = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (stopAt.stream().anyMatch(origin -> next.toString().startsWith(origin))) {
                return new Page(request.uri(), response.statusCode(), response.body(), visited, next.toString());
            }
            request = HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build();
        }
        throw new AssertionError("Too many redirects: " + visited);
    }
}

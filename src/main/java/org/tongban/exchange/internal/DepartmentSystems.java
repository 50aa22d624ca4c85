package org.tongban.exchange.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.stereotype.Component;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeProperties;
import org.tongban.exchange.ProviderUnavailableException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector to department systems that serve a resource from their own HTTP endpoint (DOMAIN §9: providers
 * are in-platform tables or department systems). A look-up is {@code POST <endpoint>} with
 * {@code {"subjectType", "subject", "items"}} and answers a JSON array of rows (an empty array or 404: the subject is
 * unknown). Each call has a timeout; a failed call (timeout, connection refused, 5xx, malformed answer) is retried
 * with exponential backoff; each endpoint has a circuit breaker that refuses calls at once for a while after at least
 * half of its last ten calls failed, so a provider that is down costs an application nothing but the notice to
 * upload instead.
 */
@Component
class DepartmentSystems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private final ExchangeProperties properties;
    private final HttpClient http;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Retry retry;

    DepartmentSystems(ExchangeProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.providerTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = Retry.of("department-systems", RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.providerAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.providerBackoff(), 2.0))
                .retryExceptions(IOException.class, ProviderFault.class)
                .build());
    }

    /** A call that failed in a way worth retrying: a 5xx answer or one that is not the agreed JSON. */
    static final class ProviderFault extends RuntimeException {
        ProviderFault(String message) {
            super(message);
        }
    }

    /**
     * The rows the endpoint holds about the subject, each with only the asked items.
     *
     * @throws ProviderUnavailableException {@code exchange.provider.unavailable} when the provider cannot answer
     */
    List<Map<String, Object>> rows(Resource resource, DataSubject subject, List<String> items) {
        CircuitBreaker breaker = breakers.computeIfAbsent(resource.endpointUrl(), url -> CircuitBreaker.of(url,
                CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(4).failureRateThreshold(50)
                        .waitDurationInOpenState(properties.providerOpenFor())
                        .recordExceptions(IOException.class, ProviderFault.class).build()));
        String body = JSON.writeValueAsString(Map.of("subjectType", subject.type().name(),
                "subject", subject.clear() != null ? subject.clear() : subject.key(), "items", items));
        HttpRequest request = HttpRequest.newBuilder(URI.create(resource.endpointUrl()))
                .timeout(properties.providerTimeout()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            List<Map<String, Object>> answered = Retry.decorateCheckedSupplier(retry,
                    () -> breaker.executeCheckedSupplier(() -> call(request))).get();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : answered) {
                Map<String, Object> kept = new LinkedHashMap<>();
                items.forEach(item -> kept.put(item, row.get(item)));
                rows.add(kept);
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("exchange.provider.unavailable", e, resource.name());
        } catch (Throwable e) {
            // Timeouts, refused connections, faults after the last retry, and an open circuit (CallNotPermitted).
            throw new ProviderUnavailableException("exchange.provider.unavailable", e, resource.name());
        }
    }

    private List<Map<String, Object>> call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new ProviderFault("status " + response.statusCode());
        }
        try {
            List<Map<String, Object>> rows = JSON.readValue(response.body(), ROWS);
            return rows == null ? List.of() : rows;
        } catch (RuntimeException e) {
            throw new ProviderFault("malformed answer: " + e.getMessage());
        }
    }
}

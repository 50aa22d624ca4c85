package org.tongban.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tongban.cases.CasesProperties;

/**
 * Materials as objects in an S3-compatible store ({@code tongban.cases.materials.storage=s3}), for several nodes
 * without a shared volume: {@code PUT}, {@code GET} and {@code DELETE} of {@code <endpoint>/<bucket>/<key>}
 * (path-style), signed with AWS Signature Version 4 over the JDK's HTTP client. Keys look like the local storage's
 * ({@code yyyy/MM/<uuid>}); a {@code PUT} is atomic in S3, so a crash never leaves half an object under a key. The
 * payload's SHA-256 is signed, so the store refuses a body altered on the way.
 */
@Component
@ConditionalOnProperty(name = "tongban.cases.materials.storage", havingValue = "s3")
class S3MaterialStorage implements MaterialStorage {

    private final URI endpoint;
    private final String bucket;
    private final SigV4 signer;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;

    S3MaterialStorage(CasesProperties properties) {
        this(properties.materials().s3(), Clock.systemUTC());
    }

    S3MaterialStorage(CasesProperties.S3 s3, Clock clock) {
        if (s3.endpoint() == null || blank(s3.bucket()) || blank(s3.accessKey()) || blank(s3.secretKey())) {
            throw new IllegalStateException("tongban.cases.materials.storage=s3 needs tongban.cases.materials.s3."
                    + "endpoint, bucket, access-key and secret-key");
        }
        String base = s3.endpoint().toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.bucket = s3.bucket();
        this.signer = new SigV4(s3.accessKey(), s3.secretKey(), s3.region(), "s3");
        this.timeout = s3.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(s3.timeout()).build();
        this.clock = clock;
    }

    @Override
    public String store(byte[] content) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String key = "%d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), UUID.randomUUID());
        HttpResponse<String> response = send("PUT", key, content, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new UncheckedIOException(new IOException("Cannot store material: S3 answered "
                    + response.statusCode() + " " + response.body()));
        }
        return key;
    }

    @Override
    public InputStream open(String key) {
        HttpResponse<InputStream> response = send("GET", checked(key), null, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The error body only explains the status.
            }
            throw new UncheckedIOException(new IOException("Cannot read material " + key + ": S3 answered "
                    + response.statusCode()));
        }
        return response.body();
    }

    @Override
    public void delete(String key) {
        HttpResponse<String> response = send("DELETE", checked(key), null, HttpResponse.BodyHandlers.ofString());
        // 404: already gone, which is what was asked.
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new UncheckedIOException(new IOException("Cannot delete material " + key + ": S3 answered "
                    + response.statusCode() + " " + response.body()));
        }
    }

    /** Creates the bucket (for tests and first set-up; operators usually create it with their own tools). */
    void createBucket() {
        HttpResponse<String> response = send("PUT", null, null, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
            throw new UncheckedIOException(new IOException("Cannot create bucket " + bucket + ": S3 answered "
                    + response.statusCode() + " " + response.body()));
        }
    }

    private <T> HttpResponse<T> send(String method, String key, byte[] body, HttpResponse.BodyHandler<T> handler) {
        String path = endpoint.getRawPath() + "/" + SigV4.encodeSegment(bucket) + (key == null ? ""
                : "/" + Arrays.stream(key.split("/")).map(SigV4::encodeSegment).collect(Collectors.joining("/")));
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path);
        String payload = body == null ? SigV4.EMPTY_SHA256 : SigV4.sha256Hex(body);
        Map<String, String> signed = new LinkedHashMap<>();
        // The Host header the client sends: the port only when it is not the scheme's default.
        signed.put("host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-content-sha256", payload);
        signed.put("x-amz-date", SigV4.stamp(clock.instant()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", signer.authorization(method, path, signed, payload))
                .header("x-amz-content-sha256", payload)
                .header("x-amz-date", signed.get("x-amz-date"));
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException("S3 request failed: " + method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling S3", e);
        }
    }

    private static String checked(String key) {
        if (key == null || key.isBlank() || key.contains("..") || key.startsWith("/")) {
            throw new IllegalArgumentException("Material key outside the storage: " + key);
        }
        return key;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

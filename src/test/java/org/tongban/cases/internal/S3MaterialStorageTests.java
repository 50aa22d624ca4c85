package org.tongban.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.cases.CasesProperties;

/**
 * The S3 adapter: its Signature Version 4 against the worked example of the AWS S3 API reference, and the adapter
 * against a real S3-compatible server (moto's, started here when Python with moto is installed) that checks every
 * signature against the access keys it issued.
 */
class S3MaterialStorageTests {

    private static Process server;
    private static URI endpoint;
    private static String accessKey;
    private static String secretKey;

    @Test
    void signsTheAwsReferenceExampleRequestExactly() {
        // AWS S3 API reference, "Signature Calculations for the Authorization Header", Example: GET Object.
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        assertThat(signer.authorization("GET", "/test.txt", headers, SigV4.EMPTY_SHA256)).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void encodesPathSegmentsAsS3SignsThem() {
        assertThat(SigV4.encodeSegment("2026/11")).isEqualTo("2026%2F11");
        assertThat(SigV4.encodeSegment("a b~-_.材")).isEqualTo("a%20b~-_.%E6%9D%90");
    }

    @BeforeAll
    static void startS3CompatibleServer() throws Exception {
        boolean moto;
        try {
            moto = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start()
                    .waitFor() == 0;
        } catch (java.io.IOException e) {
            moto = false;
        }
        if (!moto) {
            return;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Signatures are checked from the fourth request on: the first three create the access key.
        builder.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", "3");
        server = builder.start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                break;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("moto server did not start", e);
                }
                Thread.sleep(250);
            }
        }
        iam(http, Map.of("Action", "CreateUser", "UserName", "tongban"));
        iam(http, Map.of("Action", "PutUserPolicy", "UserName", "tongban", "PolicyName", "materials",
                "PolicyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        String key = iam(http, Map.of("Action", "CreateAccessKey", "UserName", "tongban"));
        accessKey = element(key, "AccessKeyId");
        secretKey = element(key, "SecretAccessKey");
    }

    /** An IAM call while the server does not check signatures yet (the scope only routes it to IAM). */
    private static String iam(HttpClient http, Map<String, String> parameters) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("Version", "2010-05-08");
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/"
                        + "aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static S3MaterialStorage storage(String bucket, String secret) {
        return new S3MaterialStorage(new CasesProperties.S3(endpoint, "us-east-1", bucket, accessKey, secret,
                Duration.ofSeconds(20)), Clock.systemUTC());
    }

    @Test
    void storesReadsAndDeletesMaterialsInAnS3CompatibleStoreThatChecksEverySignature() throws Exception {
        Assumptions.assumeTrue(server != null, "python3 with moto is not installed: no S3-compatible server here");
        String bucket = "tongban-" + UUID.randomUUID().toString().substring(0, 8);
        S3MaterialStorage storage = storage(bucket, secretKey);
        storage.createBucket();
        byte[] content = ("%PDF-1.4\n" + "材料".repeat(5000) + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);

        String key = storage.store(content);
        assertThat(key).matches("\\d{4}/\\d{2}/[0-9a-f-]{36}");
        try (InputStream in = storage.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        storage.delete(key);
        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("404");
        // Deleting what is gone is not an error (a retried cleanup).
        storage.delete(key);
        assertThatThrownBy(() -> storage.open("../other")).isInstanceOf(IllegalArgumentException.class);

        // A wrong secret gives a wrong signature, which the store refuses: nothing is written.
        assertThatThrownBy(() -> storage(bucket, secretKey + "x").store(content))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("403");
    }
}

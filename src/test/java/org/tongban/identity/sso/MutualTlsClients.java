package org.tongban.identity.sso;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.tongban.identity.IdentityProperties;

/**
 * Department systems' side of the platform's mutual-TLS port in tests: the port, an HTTPS client that trusts the
 * generated server certificate and presents a system's certificate, and the client-credentials token request.
 */
public final class MutualTlsClients {

    private static final char[] PASSWORD = "test".toCharArray();

    private MutualTlsClients() {
    }

    /** The mutual-TLS connector's port (Tomcat's additional HTTPS connector, on a free port in tests). */
    public static int port(WebServerApplicationContext context) {
        for (Connector connector : ((TomcatWebServer) context.getWebServer()).getTomcat().getService()
                .findConnectors()) {
            if (connector.getSecure()) {
                return connector.getLocalPort();
            }
        }
        throw new AssertionError("no mutual-TLS connector");
    }

    /**
     * An HTTPS client that trusts the platform's generated server certificate and presents {@code system}'s
     * certificate followed by {@code issuers} (none: no client certificate when {@code system} is null).
     */
    public static HttpClient client(IdentityProperties identity, TestPki.Issued system, X509Certificate... issuers)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(identity.keyDirectory()
                        .resolve(MutualTlsConnector.GENERATED_CERTIFICATE)))));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        if (system != null) {
            own.setKeyEntry("client", system.keys().getPrivate(), PASSWORD, Stream.concat(
                    Stream.of(system.certificate()), Stream.of(issuers)).toArray(X509Certificate[]::new));
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(own, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code grant_type=client_credentials} for {@code clientId} at the mutual-TLS port's token endpoint. */
    public static HttpResponse<String> token(HttpClient client, int port, String clientId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

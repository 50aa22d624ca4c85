package org.tongban.identity.sso;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.X509TrustManager;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.tongban.identity.IdentityProperties;

/**
 * Opens the mutual-TLS port ({@link MtlsProperties}) next to the plain HTTP one: TLS 1.2/1.3, a client certificate
 * asked for but not required (Tomcat {@code certificateVerification="optional"}), so that the same port serves the
 * token endpoint, the exchange gateway and anyone without a certificate. The TLS layer accepts any client certificate
 * ({@link AnyClientCertificate}) because RFC 8705 has two ways to trust one: a CA for {@code tls_client_auth} (checked
 * with the registered subject DN at the token endpoint, {@link ClientCertificates}) and the client's own registered
 * key for {@code self_signed_tls_client_auth}. The handshake still proves that the client holds the certificate's
 * private key, which is all a certificate-bound token needs at the gateway.
 */
@Component
class MutualTlsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(MutualTlsConnector.class);
    static final String GENERATED_CERTIFICATE = "mtls-server-certificate.pem";
    static final String GENERATED_KEY = "mtls-server-key.pem";

    private final MtlsProperties properties;
    private final IdentityProperties identity;

    MutualTlsConnector(MtlsProperties properties, IdentityProperties identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled()) {
            return;
        }
        Path certificate = properties.certificate();
        Path key = properties.privateKey();
        if (certificate == null || key == null) {
            certificate = identity.keyDirectory().resolve(GENERATED_CERTIFICATE);
            key = identity.keyDirectory().resolve(GENERATED_KEY);
            if (!Files.exists(certificate) || !Files.exists(key)) {
                generate(certificate, key);
            }
        }
        Connector https = new Connector(Http11NioProtocol.class.getName());
        https.setScheme("https");
        https.setSecure(true);
        https.setPort(properties.port());
        Http11NioProtocol protocol = (Http11NioProtocol) https.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig tls = new SSLHostConfig();
        tls.setProtocols("TLSv1.2+TLSv1.3");
        // "want" in the initial handshake (TLS 1.2 and 1.3 alike). Tomcat warns that JSSE lacks TLS 1.3
        // post-handshake authentication: that matters only for asking a certificate later, which is never done here.
        tls.setCertificateVerification("optional");
        tls.setTrustManagerClassName(AnyClientCertificate.class.getName());
        SSLHostConfigCertificate serverCertificate = new SSLHostConfigCertificate(tls,
                SSLHostConfigCertificate.Type.UNDEFINED);
        serverCertificate.setCertificateFile(certificate.toAbsolutePath().toString());
        serverCertificate.setCertificateKeyFile(key.toAbsolutePath().toString());
        tls.addCertificate(serverCertificate);
        protocol.addSslHostConfig(tls);
        factory.addAdditionalConnectors(https);
    }

    /** A self-signed EC P-256 server certificate for localhost, for development and demos only. */
    private static void generate(Path certificate, Path key) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = X500Name.getInstance(
                    new javax.security.auth.x500.X500Principal("CN=localhost,O=Tongban development").getEncoded());
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))), name,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.createDirectories(certificate.getParent());
            Files.writeString(certificate, pem(cert));
            Files.writeString(key, pem(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            log.warn("Generated a self-signed server certificate for the mutual-TLS port into {} (development "
                    + "only: set tongban.identity.sso.mtls.certificate and private-key in production)",
                    certificate.getParent().toAbsolutePath());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the mutual-TLS server certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof java.security.PrivateKey privateKey
                    ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", privateKey.getEncoded()) : object);
        }
        return out.toString();
    }

    /**
     * The TLS layer's trust decision for client certificates on the mutual-TLS port: any, since the application
     * decides per client system (see the class comment); server certificates are never checked with it.
     */
    public static final class AnyClientCertificate implements X509TrustManager {

        public AnyClientCertificate() {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("empty client certificate chain");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("not a client-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package org.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.IdentityProperties;
import org.tongban.identity.sso.ClientSystems;
import org.tongban.identity.sso.MutualTlsClients;
import org.tongban.identity.sso.TestPki;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutual TLS for department systems (RFC 8705) with real TLS handshakes on the platform's mutual-TLS port: a system
 * registered for {@code tls_client_auth} gets an access token with its CA-issued certificate, the token carries the
 * certificate's thumbprint ({@code cnf.x5t#S256}), and the gateway serves it only to a caller presenting that very
 * certificate — every time, although the decoder remembers the verified token — and logs the refusals.
 */
@TongbanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsGatewayIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    WebServerApplicationContext context;
    @Autowired
    Environment environment;
    @Autowired
    IdentityProperties identity;
    @Autowired
    ClientSystems clientSystems;
    @Autowired
    Organization organization;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    private TestPki ca;
    private String bodyCreditCode;

    @BeforeAll
    void clientCa() throws Exception {
        ca = TestPki.ca("CN=通办测试部门系统 CA,O=通办测试,C=CN");
        TestPki.replace(Path.of(environment.getRequiredProperty("tongban.identity.sso.mtls.client-ca")),
                TestPki.pem(ca.certificate));
        // The test profile checks revocation (ocsp-or-crl): these certificates name no OCSP responder, so the CA's
        // current CRL, revoking none of them, vouches for them.
        TestPki.replace(Path.of(environment.getRequiredProperty("tongban.identity.sso.mtls.crl")),
                TestPki.pem(ca.currentCrl()));
        bodyCreditCode = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow().creditCode();
    }

    // --- helpers

    /** A system's certificate issued by the test CA, presented with the CA's. */
    private record Identity(TestPki.Issued issued, X509Certificate... issuers) {

        KeyPair keys() {
            return issued.keys();
        }

        X509Certificate certificate() {
            return issued.certificate();
        }
    }

    private Identity issued(String subject) throws Exception {
        return new Identity(ca.issue(subject), ca.certificate);
    }

    private static Identity selfSigned(String subject) throws Exception {
        return new Identity(TestPki.selfSigned(subject));
    }

    /** The mutual-TLS connector's port. */
    private int mtlsPort() {
        return MutualTlsClients.port(context);
    }

    /** An HTTPS client that trusts the platform's server certificate and, if given, presents a client one. */
    private HttpClient client(Identity identity) throws Exception {
        return identity == null ? MutualTlsClients.client(this.identity, null)
                : MutualTlsClients.client(this.identity, identity.issued(), identity.issuers());
    }

    private HttpResponse<String> token(HttpClient client, String clientId) throws Exception {
        return MutualTlsClients.token(client, mtlsPort(), clientId);
    }

    private static HttpResponse<String> query(HttpClient client, String base, String token, String caseReference)
            throws Exception {
        var body = Map.of("resource", "102001-00001", "subjectType", "COMPANY", "subject", "91210102MA0TB002XE",
                "items", List.of("name", "legalRepresentative"), "purpose", "企业变更登记", "caseReference",
                caseReference);
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/query"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String thumbprint(X509Certificate certificate) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private String register(String subjectDn) {
        return clientSystems.register(new ClientSystems.Registration("双向TLS测试系统 " + UUID.randomUUID(),
                bodyCreditCode, "https://mtls.example.gov.cn/callback", "", "", Set.of("openid"), false,
                "tls_client_auth", subjectDn, null), UUID.randomUUID()).clientId();
    }

    private List<String> logged(String caseReference) {
        return jdbc.queryForList("select result || ' ' || consumer_actor from exchange_access_log "
                + "where case_reference = ? order by id", String.class, caseReference);
    }

    // --- tests

    @Test
    void certificateBoundTokenIsServedOnlyWithItsOwnCertificateOnEveryCall() throws Exception {
        String dn = "CN=双向TLS测试系统甲,O=浑南区市场监督管理局,C=CN";
        String clientId = register(dn);
        Identity system = issued(dn);
        HttpClient withCertificate = client(system);

        var issued = token(withCertificate, clientId);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String token = JSON.readTree(issued.body()).get("access_token").asString();
        assertThat(claims(token).get("cnf").get("x5t#S256").asString()).isEqualTo(thumbprint(system.certificate()));
        assertThat(claims(token).get("sub").asString()).isEqualTo(clientId);

        String mtls = "https://localhost:" + mtlsPort();
        var served = query(withCertificate, mtls, token, "CASE-MTLS-1");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).get("records").get(0).get("legalRepresentative").asString())
                .isEqualTo("李华");
        // Served again from the decoder's memory of the token: the certificate is still checked.
        assertThat(query(withCertificate, mtls, token, "CASE-MTLS-2").statusCode()).isEqualTo(200);

        // The same (remembered) token without a certificate, over TLS and over plain HTTP: refused.
        var noCertificate = query(client(null), mtls, token, "CASE-MTLS-3");
        assertThat(noCertificate.statusCode()).isEqualTo(401);
        assertThat(noCertificate.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(noCertificate.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(JSON.readTree(noCertificate.body()).get("code").asString())
                .isEqualTo("exchange.token.certificate-mismatch");
        var plain = query(HttpClient.newHttpClient(), "http://localhost:" + port, token, "CASE-MTLS-4");
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(plain.body()).get("code").asString()).isEqualTo("exchange.token.certificate-mismatch");

        // Another certificate from the same CA with the same subject: not the one the token is bound to.
        var other = query(client(issued(dn)), mtls, token, "CASE-MTLS-5");
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(other.body()).get("code").asString()).isEqualTo("exchange.token.certificate-mismatch");

        String actor = "client:" + clientId;
        assertThat(logged("CASE-MTLS-1")).containsExactly("SERVED " + actor);
        assertThat(logged("CASE-MTLS-2")).containsExactly("SERVED " + actor);
        assertThat(logged("CASE-MTLS-3")).containsExactly("DENIED " + actor);
        assertThat(logged("CASE-MTLS-4")).containsExactly("DENIED " + actor);
        assertThat(logged("CASE-MTLS-5")).containsExactly("DENIED " + actor);
    }

    @Test
    void tokenEndpointRefusesCertificatesNotFromTheClientCaOrWithAnotherSubjectAndDisabledSystems()
            throws Exception {
        String dn = "CN=双向TLS测试系统乙,O=浑南区市场监督管理局,C=CN";
        String clientId = register(dn);

        assertThat(token(client(selfSigned(dn)), clientId).statusCode()).isEqualTo(401);
        assertThat(token(client(issued("CN=别的系统,O=浑南区市场监督管理局,C=CN")), clientId).statusCode())
                .isEqualTo(401);
        assertThat(token(client(null), clientId).statusCode()).isEqualTo(401);
        // A subject DN written with other spacing names the same subject.
        HttpClient good = client(issued("CN=双向TLS测试系统乙, O=浑南区市场监督管理局, C=CN"));
        var issued = token(good, clientId);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(JSON.readTree(issued.body()).get("token_type").asString()).isEqualToIgnoringCase("Bearer");

        clientSystems.disable(clientId, UUID.randomUUID());
        assertThat(token(good, clientId).statusCode()).isEqualTo(401);
        var refused = query(good, "https://localhost:" + mtlsPort(),
                JSON.readTree(issued.body()).get("access_token").asString(), "CASE-MTLS-6");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("exchange.client.unknown");
    }

    @Test
    void registrationNeedsAValidSubjectDnForCaIssuedCertificatesAndHasNoSecret() {
        var registration = new ClientSystems.Registration("双向TLS测试系统丙", bodyCreditCode,
                "https://mtls.example.gov.cn/callback", "", "", Set.of("openid"), false, "tls_client_auth", "  ",
                null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> clientSystems.register(registration,
                UUID.randomUUID())).isInstanceOfSatisfying(org.tongban.platform.web.InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("certificateSubjectDn"));
        var unknownMode = new ClientSystems.Registration("双向TLS测试系统丙", bodyCreditCode,
                "https://mtls.example.gov.cn/callback", "", "", Set.of("openid"), false, "private_key_jwt", null,
                null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> clientSystems.register(unknownMode,
                UUID.randomUUID())).isInstanceOfSatisfying(org.tongban.platform.web.InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("certificateMode"));
        var issued = clientSystems.register(new ClientSystems.Registration("双向TLS测试系统丙", bodyCreditCode,
                "https://mtls.example.gov.cn/callback", "", "", Set.of("openid"), false, "tls_client_auth",
                "CN=双向TLS测试系统丙,O=浑南区市场监督管理局,C=CN", null), UUID.randomUUID());
        assertThat(issued.secret()).isNull();
        var listed = clientSystems.get(issued.clientId());
        assertThat(listed.certificateMode()).isEqualTo("tls_client_auth");
        assertThat(listed.certificateSubjectDn()).isEqualTo("CN=双向TLS测试系统丙,O=浑南区市场监督管理局,C=CN");
    }

    @Test
    void administratorRegistersACertificateSystemOnTheClientsPageWithFieldErrorsKeepingTheInput()
            throws Exception {
        var session = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/signin")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf())
                        .param("identifier", "13800000001").param("password", "Tongban#Demo2026"))
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        var page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/admin/clients").cookie(session)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("id=\"certificateMode-tls_client_auth\"")
                .contains("for=\"certificateSubjectDn\"");

        var rejected = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/admin/clients").cookie(session)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .csrf())
                .param("name", "页面登记的双向TLS系统").param("bodyCreditCode", bodyCreditCode)
                .param("redirectUris", "https://mtls-page.example.gov.cn/callback").param("scopes", "openid")
                .param("certificateMode", "tls_client_auth").param("certificateSubjectDn", "不是主体名"))
                .andReturn().getResponse();
        assertThat(rejected.getStatus()).isEqualTo(400);
        assertThat(rejected.getContentAsString()).contains("不是有效的证书主体名")
                .contains("value=\"页面登记的双向TLS系统\"").contains("value=\"不是主体名\"");

        var registered = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/admin/clients").cookie(session)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .csrf())
                .param("name", "页面登记的双向TLS系统").param("bodyCreditCode", bodyCreditCode)
                .param("redirectUris", "https://mtls-page.example.gov.cn/callback").param("scopes", "openid")
                .param("certificateMode", "tls_client_auth")
                .param("certificateSubjectDn", "CN=页面登记的双向TLS系统, O=浑南区市场监督管理局, C=CN"))
                .andReturn().getResponse();
        assertThat(registered.getStatus()).isEqualTo(200);
        String body = registered.getContentAsString();
        String clientId = body.replaceAll("(?s).*id=\"issued-client-id\">([^<]+)<.*", "$1");
        assertThat(body).contains("id=\"issued-no-secret\"").doesNotContain("id=\"issued-secret\"")
                .contains("CN=页面登记的双向TLS系统,O=浑南区市场监督管理局,C=CN");
        assertThat(jdbc.queryForObject("select client_authentication_methods from oauth2_registered_client "
                + "where client_id = ?", String.class, clientId)).isEqualTo("tls_client_auth");

        // The system so registered gets a certificate-bound token with a certificate bearing that subject.
        Identity system = issued("CN=页面登记的双向TLS系统,O=浑南区市场监督管理局,C=CN");
        var issued = token(client(system), clientId);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(claims(JSON.readTree(issued.body()).get("access_token").asString()).get("cnf").get("x5t#S256")
                .asString()).isEqualTo(thumbprint(system.certificate()));
    }

    @Test
    void selfSignedSystemAuthenticatesWithTheCertificateItsJwkSetPublishesAndItsTokensAreBound() throws Exception {
        Identity system = selfSigned("CN=自签名测试系统,O=浑南区市场监督管理局,C=CN");
        var published = new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                (java.security.interfaces.ECPublicKey) system.keys().getPublic())
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(system.certificate().getEncoded())))
                .keyID("mtls").build();
        byte[] jwks = new com.nimbusds.jose.jwk.JWKSet(published).toString(true).getBytes(StandardCharsets.UTF_8);
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        try {
            String clientId = clientSystems.register(new ClientSystems.Registration("自签名测试系统", bodyCreditCode,
                    "https://self-signed.example.gov.cn/callback", "", "", Set.of("openid"), false,
                    "self_signed_tls_client_auth", null,
                    "http://localhost:" + server.getAddress().getPort() + "/jwks.json"), UUID.randomUUID())
                    .clientId();
            assertThat(token(client(selfSigned("CN=自签名测试系统,O=浑南区市场监督管理局,C=CN")), clientId).statusCode())
                    .as("a certificate the JWK Set does not publish").isEqualTo(401);

            HttpClient withCertificate = client(system);
            var issued = token(withCertificate, clientId);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String token = JSON.readTree(issued.body()).get("access_token").asString();
            assertThat(claims(token).get("cnf").get("x5t#S256").asString())
                    .isEqualTo(thumbprint(system.certificate()));
            String mtls = "https://localhost:" + mtlsPort();
            assertThat(query(withCertificate, mtls, token, "CASE-MTLS-7").statusCode()).isEqualTo(200);
            assertThat(query(client(null), mtls, token, "CASE-MTLS-8").statusCode()).isEqualTo(401);
            assertThat(logged("CASE-MTLS-8")).containsExactly("DENIED client:" + clientId);
        } finally {
            server.stop(0);
        }
    }
}

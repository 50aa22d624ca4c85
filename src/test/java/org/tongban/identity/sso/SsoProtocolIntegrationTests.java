package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.UriComponentsBuilder;
import org.tongban.TongbanIntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's protocol surface against the demo client systems (registered by demo data): discovery, JWKS,
 * authorization code with PKCE, tokens and their claims, refresh-token rotation, consent for third parties,
 * RP-initiated logout, and the admin console for client systems.
 */
@TongbanIntegrationTest
class SsoProtocolIntegrationTests {

    private static final String DEPT = "demo-dept";
    private static final String DEPT_SECRET = "Tongban-Demo-Dept-2026";
    private static final String DEPT_CALLBACK = "http://localhost:8081/login/oauth2/code/tongban";
    private static final String PARTNER_CALLBACK = "http://localhost:8082/login/oauth2/code/tongban";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private String platform() {
        return "http://localhost:" + port;
    }

    private Browser signedIn(String phone) throws Exception {
        Browser browser = new Browser().stopAt("http://localhost:8081").stopAt("http://localhost:8082");
        Browser.Page form = browser.get(platform() + "/signin");
        Browser.Page after = browser.post(platform() + "/signin", Map.of("identifier", phone,
                "password", "Tongban#Demo2026", "_csrf", form.csrf()));
        assertThat(after.status()).isEqualTo(200);
        return browser;
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private String authorizeUrl(String client, String callback, String verifier) throws Exception {
        var url = UriComponentsBuilder.fromUriString(platform() + "/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", client)
                .queryParam("redirect_uri", callback).queryParam("scope", "openid profile")
                .queryParam("state", "s-" + UUID.randomUUID()).queryParam("nonce", "n-1");
        if (verifier != null) {
            url.queryParam("code_challenge", challenge(verifier)).queryParam("code_challenge_method", "S256");
        }
        return url.encode().build().toUriString();
    }

    private static String param(String location, String name) {
        return UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst(name);
    }

    private HttpResponse<String> token(String client, String secret, String... form) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(form[i]).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(platform() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(platform() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void discoveryAndJwksDescribeTheProviderAndPublishOnlyPublicKeys() throws Exception {
        JsonNode discovery = getJson("/.well-known/openid-configuration");
        assertThat(discovery.get("issuer").asString()).isEqualTo(platform());
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(platform() + "/oauth2/jwks");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(platform() + "/connect/logout");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).contains("RS256");
        JsonNode keys = getJson("/oauth2/jwks").get("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(2);
        java.util.Set<String> algorithms = new java.util.HashSet<>();
        for (JsonNode key : keys) {
            assertThat(key.get("kty").asString()).isIn("RSA", "EC");
            algorithms.add(key.get("alg").asString());
            assertThat(key.has("d")).as("no private part").isFalse();
            assertThat(key.has("kid")).isTrue();
        }
        assertThat(algorithms).as("RS256 for ID tokens, ES256 for access tokens").contains("RS256", "ES256");
        assertThat(jdbc.queryForList("select jwk_cipher from identity_signing_key", String.class))
                .allMatch(c -> c.startsWith("v1:") && !c.contains("\"d\""));
    }

    @Test
    void theSignInPageMayBeFollowedByARedirectToARegisteredClientSystemButOtherPagesNot() throws Exception {
        // Browsers apply form-action to the redirects after a form is sent (sign-in → authorize → client).
        var signIn = http.send(HttpRequest.newBuilder(URI.create(platform() + "/signin")).build(),
                HttpResponse.BodyHandlers.discarding());
        // Other tests register client systems of their own (on random ports): the demo ones must be there.
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' ").contains(" http://localhost:8081").contains(" http://localhost:8082");
        var register = http.send(HttpRequest.newBuilder(URI.create(platform() + "/register")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(register.headers().firstValue("Content-Security-Policy").orElseThrow())
                .endsWith("form-action 'self'");
    }

    @Test
    void codeWithPkceGivesSignedTokensWithTongbanClaimsAndRefreshTokensRotate() throws Exception {
        Browser browser = signedIn("13800000010");
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        Browser.Page redirect = browser.get(authorizeUrl(DEPT, DEPT_CALLBACK, verifier));
        assertThat(redirect.location()).as("a first-party system asks no consent").startsWith(DEPT_CALLBACK + "?code=");
        String code = param(redirect.location(), "code");

        var wrongVerifier = token(DEPT, DEPT_SECRET, "grant_type", "authorization_code", "code", code,
                "redirect_uri", DEPT_CALLBACK, "code_verifier", "not-the-verifier-" + UUID.randomUUID());
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);

        // The code was consumed by the failed attempt? No: a wrong verifier is refused before the code is used.
        redirect = browser.get(authorizeUrl(DEPT, DEPT_CALLBACK, verifier));
        code = param(redirect.location(), "code");
        var tokens = token(DEPT, DEPT_SECRET, "grant_type", "authorization_code", "code", code,
                "redirect_uri", DEPT_CALLBACK, "code_verifier", verifier);
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        var decoder = NimbusJwtDecoder.withJwkSetUri(platform() + "/oauth2/jwks")
                .jwsAlgorithm(SignatureAlgorithm.RS256).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        Jwt idToken = decoder.decode(body.get("id_token").asString());
        String account = jdbc.queryForObject("select id::text from identity_account where phone_masked = '138****0010'",
                String.class);
        assertThat(idToken.getSubject()).isEqualTo(account);
        assertThat(idToken.getIssuer().toString()).isEqualTo(platform());
        assertThat(idToken.getAudience()).containsExactly(DEPT);
        assertThat(idToken.getClaimAsString("tongban_subject_type")).isEqualTo("natural_person");
        assertThat(idToken.getClaimAsString("acr")).startsWith("urn:tongban:loa:");
        assertThat(idToken.getClaimAsString("name")).isEqualTo("张三（演示）");
        assertThat(idToken.getClaimAsString("sid")).isNotBlank();
        assertThat(idToken.getClaims()).doesNotContainKey("tongban_company_credit_code");
        Jwt access = decoder.decode(body.get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(account);
        assertThat(access.getClaimAsString("tongban_subject_type")).isEqualTo("natural_person");
        assertThat(idToken.getHeaders().get("alg")).as("ID tokens: RS256, OIDC Core §15.1").hasToString("RS256");
        assertThat(access.getHeaders().get("alg")).as("access tokens: ES256").hasToString("ES256");

        // UserInfo with the access token.
        var userInfo = http.send(HttpRequest.newBuilder(URI.create(platform() + "/userinfo"))
                .header("Authorization", "Bearer " + access.getTokenValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(userInfo.body()).get("sub").asString()).isEqualTo(account);

        // Refresh: new tokens, and the used refresh token is dead (rotation).
        String refresh = body.get("refresh_token").asString();
        var refreshed = token(DEPT, DEPT_SECRET, "grant_type", "refresh_token", "refresh_token", refresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(refreshed.body()).get("refresh_token").asString()).isNotEqualTo(refresh);
        assertThat(token(DEPT, DEPT_SECRET, "grant_type", "refresh_token", "refresh_token", refresh).statusCode())
                .isEqualTo(400);
        // Tokens are stored only as hashes.
        assertThat(jdbc.queryForObject("select count(*) from identity_sso_authorization where data like ? "
                + "or access_token_hash = ?", Integer.class, "%" + refresh + "%", access.getTokenValue())).isZero();
    }

    @Test
    void pkceIsRequiredAndClientsMustAuthenticate() throws Exception {
        Browser browser = signedIn("13800000010");
        Browser.Page withoutPkce = browser.get(authorizeUrl(DEPT, DEPT_CALLBACK, null));
        assertThat(withoutPkce.location()).startsWith(DEPT_CALLBACK).contains("error=invalid_request");
        assertThat(token(DEPT, DEPT_SECRET, "grant_type", "client_credentials").statusCode()).isEqualTo(200);
        assertThat(token(DEPT, "wrong-secret", "grant_type", "client_credentials").statusCode()).isEqualTo(401);
        // An unregistered redirect URI is never redirected to.
        Browser.Page evil = browser.get(authorizeUrl(DEPT, "http://localhost:8081/elsewhere", "v".repeat(50)));
        assertThat(evil.location()).isNull();
        assertThat(evil.status()).isEqualTo(400);
    }

    @Test
    void unauthenticatedAuthorizationGoesThroughTheSignInPageAndComesBack() throws Exception {
        Browser browser = new Browser().stopAt("http://localhost:8081");
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        Browser.Page form = browser.get(authorizeUrl(DEPT, DEPT_CALLBACK, verifier));
        assertThat(form.uri().getPath()).isEqualTo("/signin");
        Browser.Page back = browser.post(platform() + "/signin", Map.of("identifier", "13800000010",
                "password", "Tongban#Demo2026", "_csrf", form.csrf()));
        assertThat(back.location()).startsWith(DEPT_CALLBACK + "?code=");
    }

    @Test
    void thirdPartySystemsAskForConsentWhichCanBeRefused() throws Exception {
        Browser browser = signedIn("13800000003");
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        Browser.Page consent = browser.get(authorizeUrl("demo-partner", PARTNER_CALLBACK, verifier));
        assertThat(consent.uri().getPath()).isEqualTo("/account/consent");
        assertThat(consent.body()).contains("第三方便民服务（演示）").contains("您的姓名");
        String state = consent.body().replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");

        Browser.Page refused = browser.post(platform() + "/oauth2/authorize", "client_id", "demo-partner",
                "state", state);
        assertThat(refused.location()).startsWith(PARTNER_CALLBACK).contains("error=access_denied");

        consent = browser.get(authorizeUrl("demo-partner", PARTNER_CALLBACK, verifier));
        state = consent.body().replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");
        Browser.Page agreed = browser.post(platform() + "/oauth2/authorize", "client_id", "demo-partner",
                "state", state, "scope", "openid", "scope", "profile");
        assertThat(agreed.location()).startsWith(PARTNER_CALLBACK + "?code=");
        // Asked once: the next sign-in goes straight through.
        Browser.Page again = browser.get(authorizeUrl("demo-partner", PARTNER_CALLBACK, verifier));
        assertThat(again.location()).startsWith(PARTNER_CALLBACK + "?code=");
    }

    @Test
    void rpInitiatedLogoutEndsThePlatformSessionAndReturnsOnlyToRegisteredUris() throws Exception {
        Browser browser = signedIn("13800000010");
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        String code = param(browser.get(authorizeUrl(DEPT, DEPT_CALLBACK, verifier)).location(), "code");
        String idToken = JSON.readTree(token(DEPT, DEPT_SECRET, "grant_type", "authorization_code", "code", code,
                "redirect_uri", DEPT_CALLBACK, "code_verifier", verifier).body()).get("id_token").asString();

        Browser.Page unregistered = browser.get(platform() + "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + URLEncoder.encode("http://localhost:8081/x", StandardCharsets.UTF_8));
        assertThat(unregistered.location()).isNull();
        assertThat(unregistered.status()).isEqualTo(400);

        Browser.Page out = browser.get(platform() + "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + URLEncoder.encode("http://localhost:8081/", StandardCharsets.UTF_8)
                + "&state=bye");
        assertThat(out.location()).isEqualTo("http://localhost:8081/?state=bye");
        assertThat(browser.get(platform() + "/account").uri().getPath()).isEqualTo("/signin");
    }

    @Test
    void onlySystemAdministratorsManageClientSystemsAndEveryActionIsAudited() throws Exception {
        Browser citizen = signedIn("13800000010");
        assertThat(citizen.get(platform() + "/admin/clients").status()).isEqualTo(403);

        Browser admin = signedIn("13800000001");
        Browser.Page page = admin.get(platform() + "/admin/clients");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("市场监管业务系统（演示）");
        String creditCode = jdbc.queryForObject("select b.credit_code from org_body b join "
                + "identity_client_system s on s.body_id = b.id where s.client_id = 'demo-dept'", String.class);

        Browser.Page rejected = admin.post(platform() + "/admin/clients", "_csrf", page.csrf(), "name", "接口测试系统",
                "bodyCreditCode", creditCode, "redirectUris", "http://apps.example.gov.cn/callback",
                "scopes", "openid");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body()).contains("必须使用 https").contains("value=\"接口测试系统\"");

        Browser.Page registered = admin.post(platform() + "/admin/clients", "_csrf", page.csrf(), "name", "接口测试系统",
                "bodyCreditCode", creditCode, "redirectUris", "https://apps.example.gov.cn/callback",
                "backChannelLogoutUri", "https://apps.example.gov.cn/logout/back-channel", "scopes", "openid",
                "scopes", "profile");
        assertThat(registered.status()).isEqualTo(200);
        String clientId = registered.body().replaceAll("(?s).*id=\"issued-client-id\">([^<]+)<.*", "$1");
        String secret = registered.body().replaceAll("(?s).*id=\"issued-secret\">([^<]+)<.*", "$1");
        assertThat(secret).hasSizeGreaterThan(40);
        String stored = jdbc.queryForObject("select client_secret from oauth2_registered_client where client_id = ?",
                String.class, clientId);
        assertThat(stored).startsWith("{sha256}").doesNotContain(secret);
        assertThat(token(clientId, secret, "grant_type", "client_credentials").statusCode()).isEqualTo(200);

        Browser.Page rotated = admin.post(platform() + "/admin/clients/" + clientId + "/secret", "_csrf", page.csrf());
        String newSecret = rotated.body().replaceAll("(?s).*id=\"issued-secret\">([^<]+)<.*", "$1");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(token(clientId, secret, "grant_type", "client_credentials").statusCode()).isEqualTo(401);
        assertThat(token(clientId, newSecret, "grant_type", "client_credentials").statusCode()).isEqualTo(200);

        admin.post(platform() + "/admin/clients/" + clientId + "/disable", "_csrf", page.csrf());
        assertThat(token(clientId, newSecret, "grant_type", "client_credentials").statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForList("select action from platform_audit_event where module = 'identity.sso' "
                + "and target_type = 'client' and target_id = ? order by id", String.class, clientId)).containsExactly("client.registered", "client.secret-rotated", "client.disabled");
        // A citizen cannot do any of it, with or without a token.
        Browser.Page citizenPage = citizen.get(platform() + "/account");
        assertThat(citizen.post(platform() + "/admin/clients/" + clientId + "/secret", "_csrf", citizenPage.csrf())
                .status()).isEqualTo(403);
    }

    @Test
    void rotatedSigningKeysStayPublishedAndTheNewKeySignsAfterItWasPublished() throws Exception {
        Browser admin = signedIn("13800000001");
        Browser.Page page = admin.get(platform() + "/admin/clients");
        int before = getJson("/oauth2/jwks").get("keys").size();
        admin.post(platform() + "/admin/clients/keys/rotate", "_csrf", page.csrf());
        assertThat(getJson("/oauth2/jwks").get("keys").size()).as("a new RS256 and a new ES256 key")
                .isEqualTo(before + 2);
        var response = token(DEPT, DEPT_SECRET, "grant_type", "client_credentials");
        Jwt access = NimbusJwtDecoder.withJwkSetUri(platform() + "/oauth2/jwks")
                .jwsAlgorithm(SignatureAlgorithm.ES256).build()
                .decode(JSON.readTree(response.body()).get("access_token").asString());
        assertThat(access.getHeaders().get("alg")).as("access tokens are ES256").hasToString("ES256");
        assertThat(access.getHeaders().get("kid")).as("still the old key during the publication period")
                .isNotIn(jdbc.queryForList("select kid from identity_signing_key order by activates_at desc "
                        + "limit 2", String.class));
    }
}
